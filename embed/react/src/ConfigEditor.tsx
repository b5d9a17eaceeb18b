// A Grafana data source ConfigEditor whose UI is the kit's Leptos `DataSourceConfigEditor`:
//
//   import { createConfigEditor } from '@leptos-grafana/react';
//   import schema from './config-schema.json';
//   export const plugin = new DataSourcePlugin(DataSource).setConfigEditor(createConfigEditor({ schema }));
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

/** The plugin's editor schema: `config-schema.json` (see the kit's `ConfigSchema`). */
export type ConfigEditorSchema = Record<string, unknown>;

export interface ConfigEditorSettings {
  /** Which standard sections to show, and the plugin's own fields. */
  schema?: ConfigEditorSchema;
  /**
   * Preview the plugin's proxy routes (a "Routes" section): the requests Grafana sends with
   * the settings being edited, secrets shown only as configured / changed / missing, and
   * the checks' findings. `true` reads the plugin's plugin.json from its folder; an object
   * is used as it is.
   */
  previewRoutes?: boolean | Record<string, unknown>;
}

/** Where Grafana serves a data source plugin's files (its `baseUrl`, else the default). */
function pluginJsonUrl(type: string, name: string): string {
  const meta = (config.datasources?.[name] as { meta?: { baseUrl?: string } } | undefined)?.meta;
  const base = meta?.baseUrl ?? `public/plugins/${type}`;
  const root = /^https?:\/\//.test(base) ? base : `${config.appSubUrl ?? ''}/${base.replace(/^\//, '')}`;
  return `${root}/plugin.json`;
}

/** A `ConfigEditor` component for `DataSourcePlugin.setConfigEditor`, with `schema`. */
export function createConfigEditor(settings: ConfigEditorSettings = {}): ComponentType<DataSourcePluginOptionsEditorProps> {
  const schema = settings.schema ?? null;
  const preview = settings.previewRoutes ?? false;
  const givenPluginJson = typeof preview === 'object' ? preview : null;

  function LeptosConfigEditor({ options, onOptionsChange, validation }: DataSourcePluginOptionsEditorProps) {
    // The kit calls back into whatever Grafana passed most recently.
    const latest = useRef({ options, onOptionsChange, validation });
    latest.current = { options, onOptionsChange, validation };
    const pluginJson = useRef<Record<string, unknown> | null>(givenPluginJson);

    const { container, handle, error } = useLeptosMount<ConfigEditorKit, ConfigEditorProps, ConfigEditorHandle>(loadConfigEditorKit, (kit, element) =>
      kit.mountConfigEditor(element, {
        options: latest.current.options,
        onOptionsChange: (next) => latest.current.onOptionsChange(next),
        schema,
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
      fetch(pluginJsonUrl(options.type, options.name))
        .then((res) => (res.ok ? res.json() : null))
        .then((json: Record<string, unknown> | null) => {
          if (!cancelled && json && typeof json === 'object') {
            pluginJson.current = json;
            handle.current?.update({ pluginJson: json });
          }
        })
        .catch(() => undefined);
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
