// A Grafana data source ConfigEditor whose UI is the kit's Leptos editor, shaped by the
// plugin's `config-schema.json`:
//
//   import { createConfigEditor } from '@leptos-grafana/react';
//   import schema from './config-schema.json';
//   export const plugin = new DataSourcePlugin(DataSource).setConfigEditor(createConfigEditor({ schema }));
//
// or by the `schema/dsconfig.json` it ships (grafana/dsconfig's format, as plugin-ui's
// `DatasourceConfigWizard` reads it), with no editor code at all:
//
//   export const plugin = new DataSourcePlugin(DataSource).setConfigEditor(createConfigEditor({ dsconfig: true }));
//
// Grafana renders it with `{ options, onOptionsChange, validation }` and again with new
// `options` after every change and after a save; each render is passed on with `update`,
// so what the user is typing keeps its focus and caret. With `previewRoutes: true` the
// editor reads the plugin's own plugin.json from its folder and previews its proxy routes.
import React, { useEffect, useRef, type ComponentType } from 'react';
import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { config } from '@grafana/runtime';
import type { ConfigEditorHandle, ConfigEditorProps } from '../wasm/config-editor/leptos_grafana.js';
import { type ConfigEditorKit, loadConfigEditorKit } from './configEditorKit.js';
import { useLeptosMount } from './useLeptosMount.js';
import { LoadError } from './LoadError.js';

/**
 * The plugin's editor schema: a `config-schema.json` (see the kit's `ConfigSchema`) or a
 * `dsconfig.json` (grafana/dsconfig; told apart by its `schemaVersion` and `fields`).
 */
export type ConfigEditorSchema = Record<string, unknown>;

export interface ConfigEditorSettings {
  /** Which standard sections to show and the plugin's own fields, or a whole `dsconfig.json`. */
  schema?: ConfigEditorSchema;
  /**
   * Build the editor from the `schema/dsconfig.json` the plugin ships (read from its
   * folder, where plugin-ui's registry looks first, while the WebAssembly loads). If it
   * cannot be read, `schema` (or the standard sections) is shown and a warning logged.
   */
  dsconfig?: boolean;
  /**
   * Preview the plugin's proxy routes (a "Routes" section): the requests Grafana sends with
   * the settings being edited, secrets shown only as configured / changed / missing, and
   * the checks' findings. `true` reads the plugin's plugin.json from its folder; an object
   * is used as it is.
   */
  previewRoutes?: boolean | Record<string, unknown>;
}

/** A file of a data source plugin, where Grafana serves it (its `baseUrl`, else the default). */
function pluginFileUrl(type: string, name: string, file: string): string {
  const meta = (config.datasources?.[name] as { meta?: { baseUrl?: string } } | undefined)?.meta;
  const base = meta?.baseUrl ?? `public/plugins/${type}`;
  const root = /^https?:\/\//.test(base) ? base : `${config.appSubUrl ?? ''}/${base.replace(/^\//, '')}`;
  return `${root}/${file}`;
}

/** Whether `json` has the shape of a dsconfig.json (what the kit needs to build from it). */
function isDsconfig(json: Record<string, unknown> | null): json is Record<string, unknown> {
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

/** A `ConfigEditor` component for `DataSourcePlugin.setConfigEditor`, with `schema`. */
export function createConfigEditor(settings: ConfigEditorSettings = {}): ComponentType<DataSourcePluginOptionsEditorProps> {
  const givenSchema = settings.schema ?? null;
  const readDsconfig = settings.dsconfig ?? false;
  const preview = settings.previewRoutes ?? false;
  const givenPluginJson = typeof preview === 'object' ? preview : null;

  function LeptosConfigEditor({ options, onOptionsChange, validation }: DataSourcePluginOptionsEditorProps) {
    // The kit calls back into whatever Grafana passed most recently.
    const latest = useRef({ options, onOptionsChange, validation });
    latest.current = { options, onOptionsChange, validation };
    const pluginJson = useRef<Record<string, unknown> | null>(givenPluginJson);
    const schema = useRef<Record<string, unknown> | null>(givenSchema);

    // dsconfig: true: the plugin's schema/dsconfig.json is read while the WebAssembly
    // loads, and the editor is mounted with it (no flash of another form).
    const load = (): Promise<ConfigEditorKit> => {
      if (!readDsconfig || !options.type) {
        return loadConfigEditorKit();
      }
      const file = readPluginFile(options.type, options.name, 'schema/dsconfig.json').then((json) => {
        if (isDsconfig(json)) {
          schema.current = json;
        } else {
          console.warn(`no schema available for ${options.type}`);
        }
      });
      return Promise.all([loadConfigEditorKit(), file]).then(([kit]) => kit);
    };

    const { container, handle, error } = useLeptosMount<ConfigEditorKit, ConfigEditorProps, ConfigEditorHandle>(load, (kit, element) =>
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

/** The editor with the standard sections only (no schema). */
export const ConfigEditor = createConfigEditor();
