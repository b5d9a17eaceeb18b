// What both data source editors share: a React component for `setConfigEditor` that
// mounts one of the kit's editor packages (`load` says which) with Grafana's
// `{ options, onOptionsChange, validation }`, passes every re-render on with `update`, and
// reads the plugin's own files when asked to. It imports no package itself, so a plugin's
// bundle (and its dist/) holds only the package its entry point imports.
import React, { useEffect, useRef, type ComponentType } from 'react';
import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { config } from '@grafana/runtime';
import type { ConfigEditorHandle, ConfigEditorProps } from '../wasm/config-editor/leptos_grafana.js';
import { useLeptosMount } from './useLeptosMount.js';
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

/** A file of a data source plugin, where Grafana serves it (its `baseUrl`, else the default). */
function pluginFileUrl(type: string, name: string, file: string): string {
  const meta = (config.datasources?.[name] as { meta?: { baseUrl?: string } } | undefined)?.meta;
  const base = meta?.baseUrl ?? `public/plugins/${type}`;
  const root = /^https?:\/\//.test(base) ? base : `${config.appSubUrl ?? ''}/${base.replace(/^\//, '')}`;
  return `${root}/${file}`;
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

/** A JSON file of the plugin, or null when it cannot be read. */
async function readPluginFile(type: string, name: string, file: string): Promise<Record<string, unknown> | null> {
  try {
    const res = await fetch(pluginFileUrl(type, name, file));
    const json: unknown = res.ok ? await res.json() : null;
    return json && typeof json === 'object' ? (json as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The component for `DataSourcePlugin.setConfigEditor`, mounting the package `load` gives. */
export function editorComponent<K extends ConfigEditorKitLike>(
  load: () => Promise<K>,
  settings: EditorComponentSettings
): ComponentType<DataSourcePluginOptionsEditorProps> {
  const { readDsconfig, previewRoutes: preview } = settings;
  const givenPluginJson = typeof preview === 'object' ? preview : null;

  function LeptosConfigEditor({ options, onOptionsChange, validation }: DataSourcePluginOptionsEditorProps) {
    // The kit calls back into whatever Grafana passed most recently.
    const latest = useRef({ options, onOptionsChange, validation });
    latest.current = { options, onOptionsChange, validation };
    const pluginJson = useRef<Record<string, unknown> | null>(givenPluginJson);
    const schema = useRef<Record<string, unknown> | null>(settings.schema);

    // readDsconfig: the plugin's schema/dsconfig.json is read while the WebAssembly loads,
    // and the editor is mounted with it (no flash of another form).
    const loadWithSchema = (): Promise<K> => {
      if (!readDsconfig || !options.type) {
        return load();
      }
      const file = readPluginFile(options.type, options.name, 'schema/dsconfig.json').then((json) => {
        if (isDsconfig(json)) {
          schema.current = json;
        } else {
          console.warn(`no schema available for ${options.type}`);
        }
      });
      return Promise.all([load(), file]).then(([kit]) => kit);
    };

    const { container, handle, error } = useLeptosMount<K, ConfigEditorProps, ConfigEditorHandle>(loadWithSchema, (kit, element) =>
      kit.mountConfigEditor(element, {
        options: latest.current.options,
        onOptionsChange: (next) => latest.current.onOptionsChange(next),
        schema: schema.current,
        readOnly: Boolean(latest.current.options.readOnly),
        secureSocksProxyEnabled: Boolean(config.secureSocksDSProxyEnabled),
        validation: latest.current.validation ?? null,
        pluginJson: pluginJson.current,
      })
    );

    // previewRoutes: true: the plugin's own plugin.json, read once per plugin type.
    useEffect(() => {
      if (preview !== true) {
        return;
      }
      let cancelled = false;
      readPluginFile(options.type, options.name, 'plugin.json').then((json) => {
        if (!cancelled && json) {
          pluginJson.current = json;
          handle.current?.update({ pluginJson: json });
        }
      });
      return () => {
        cancelled = true;
      };
      // The plugin's type does not change while its editor is shown.
    }, [handle, options.type, options.name]);

    useEffect(() => {
      handle.current?.update({ options, readOnly: Boolean(options.readOnly) });
    }, [handle, options]);

    useEffect(() => {
      handle.current?.update({ validation: validation ?? null });
    }, [handle, validation]);

    if (error) {
      return <LoadError what="the data source settings editor" message={error} />;
    }
    return <div ref={container} className="leptos-grafana-config-editor" />;
  }
  LeptosConfigEditor.displayName = 'LeptosConfigEditor';
  return LeptosConfigEditor;
}
