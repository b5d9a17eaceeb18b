// What both data source editors share: a React component for `setConfigEditor` that
// mounts one of the kit's editor packages (`load` says which) with Grafana's
// `{ options, onOptionsChange, validation }`, passes every re-render on with `update`, and
// reads the plugin's own files when asked to. It imports no package itself, so a plugin's
// bundle (and its dist/) holds only the package its entry point imports.
import React, { useEffect, useRef, type ComponentType } from 'react';
import type { DataSourceJsonData, DataSourcePluginOptionsEditorProps, DataSourceSettings } from '@grafana/data';
import { config } from '@grafana/runtime';
import type { ConfigEditorHandle, ConfigEditorProps } from '../wasm/config-editor/leptos_grafana.js';
import { useLatest, useLeptosMount } from './useLeptosMount.js';
import { LoadError } from './LoadError.js';

/** What both editor packages offer: `mountConfigEditor`. */
export interface ConfigEditorKitLike {
  mountConfigEditor(element: HTMLElement, props: ConfigEditorProps): ConfigEditorHandle;
}

export interface EditorComponentSettings {
  /** The schema given to the kit (`config-schema.json` or `dsconfig.json`). */
  schema: Record<string, unknown> | null;
  /** Read `schema/dsconfig.json` from the plugin's folder (while the package loads). */
  readDsconfig: boolean;
  /** `true`: read plugin.json from the plugin's folder; an object: use it. */
  previewRoutes: boolean | Record<string, unknown>;
}

// Where webpack loads this plugin's files from: set at run time from the AMD loader's
// `module.uri` (create-plugin's public path), so it is right under any `appSubUrl` and
// from a plugin CDN. Undefined outside a webpack build.
declare const __webpack_public_path__: string | undefined;

/** A file of the data source plugin, from the folder its module.js was loaded from. */
function pluginFileUrl(type: string, file: string): string {
  const fromBundle = typeof __webpack_public_path__ === 'string' ? __webpack_public_path__ : '';
  const folder = fromBundle || `public/plugins/${type}/`;
  const withSlash = folder.endsWith('/') ? folder : `${folder}/`;
  const absolute = /^([a-z]+:)?\/\//i.test(withSlash) || withSlash.startsWith('/');
  return absolute ? `${withSlash}${file}` : `${config.appSubUrl ?? ''}/${withSlash}${file}`;
}

/** Whether `json` has the shape of a dsconfig.json (what the kit needs to build from it). */
export function isDsconfig(json: Record<string, unknown> | null): json is Record<string, unknown> {
  return (
    !!json &&
    typeof json.schemaVersion === 'string' &&
    typeof json.pluginType === 'string' &&
    typeof json.pluginName === 'string' &&
    Array.isArray(json.fields) &&
    json.fields.every((f) => !!f && typeof f === 'object' && typeof (f as { id?: unknown }).id === 'string') &&
    (json.groups === undefined || Array.isArray(json.groups))
  );
}

const pluginFiles = new Map<string, Promise<Record<string, unknown> | null>>();

/** A JSON file of the plugin, or null when it cannot be read: read once per page. */
function readPluginFile(type: string, file: string): Promise<Record<string, unknown> | null> {
  const url = pluginFileUrl(type, file);
  let reading = pluginFiles.get(url);
  if (!reading) {
    reading = fetch(url)
      .then((res) => (res.ok ? res.json() : null))
      .then((json: unknown) => (json && typeof json === 'object' ? (json as Record<string, unknown>) : null))
      .catch(() => null);
    pluginFiles.set(url, reading);
    // A failed read is tried again by the next editor.
    reading.then((json) => json ?? pluginFiles.delete(url));
  }
  return reading;
}

/** The component for `DataSourcePlugin.setConfigEditor`, mounting the package `load` gives. */
export function editorComponent<K extends ConfigEditorKitLike, TOptions extends DataSourceJsonData = DataSourceJsonData, TSecure = {}>(
  load: () => Promise<K>,
  settings: EditorComponentSettings
): ComponentType<DataSourcePluginOptionsEditorProps<TOptions, TSecure>> {
  const { readDsconfig, previewRoutes: preview } = settings;
  const givenPluginJson = typeof preview === 'object' ? preview : null;

  function LeptosConfigEditor(props: DataSourcePluginOptionsEditorProps<TOptions, TSecure>) {
    const { options, validation } = props;
    const pluginJson = useRef<Record<string, unknown> | null>(givenPluginJson);
    const schema = useRef<Record<string, unknown> | null>(settings.schema);

    // readDsconfig: the plugin's schema/dsconfig.json is read while the WebAssembly loads,
    // and the editor is mounted with it (no flash of another form).
    const loadWithSchema = (): Promise<K> => {
      if (!readDsconfig || !options.type) {
        return load();
      }
      const file = readPluginFile(options.type, 'schema/dsconfig.json').then((json) => {
        if (isDsconfig(json)) {
          schema.current = json;
        } else {
          console.warn(`no schema available for ${options.type}`);
        }
      });
      return Promise.all([load(), file]).then(([kit]) => kit);
    };

    // The kit calls back into whatever Grafana passed most recently (`latest`).
    const latest = useLatest(props);
    const { container, handle, error, retry } = useLeptosMount<K, ConfigEditorProps, ConfigEditorHandle>(
      loadWithSchema,
      (kit, element) =>
        kit.mountConfigEditor(element, {
          options: latest.current.options,
          // The kit hands back the settings it was given, with the user's edits.
          onOptionsChange: (next) => latest.current.onOptionsChange(next as DataSourceSettings<TOptions, TSecure>),
          schema: schema.current,
          readOnly: Boolean(latest.current.options.readOnly),
          secureSocksProxyEnabled: Boolean(config.secureSocksDSProxyEnabled),
          validation: latest.current.validation ?? null,
          pluginJson: pluginJson.current,
        })
    );

    // previewRoutes: true: the plugin's own plugin.json, read once (renaming the data
    // source reads nothing).
    useEffect(() => {
      if (preview !== true) {
        return;
      }
      let cancelled = false;
      readPluginFile(options.type, 'plugin.json').then((json) => {
        if (!cancelled && json) {
          pluginJson.current = json;
          handle.current?.update({ pluginJson: json });
        }
      });
      return () => {
        cancelled = true;
      };
      // The plugin's type does not change while its editor is shown.
    }, [handle, options.type]);

    useEffect(() => {
      handle.current?.update({ options, readOnly: Boolean(options.readOnly) });
    }, [handle, options]);

    useEffect(() => {
      handle.current?.update({ validation: validation ?? null });
    }, [handle, validation]);

    if (error) {
      return <LoadError what="the data source settings editor" message={error} onRetry={retry} />;
    }
    return <div ref={container} className="leptos-grafana-config-editor" />;
  }
  LeptosConfigEditor.displayName = 'LeptosConfigEditor';
  return LeptosConfigEditor;
}
