// A Grafana data source ConfigEditor whose UI is the kit's Leptos editor, shaped by the
// plugin's `config-schema.json` (the `config-editor` package):
//
//   import { createConfigEditor } from '@leptos-grafana/react';
//   import schema from './config-schema.json';
//   export const plugin = new DataSourcePlugin(DataSource).setConfigEditor(createConfigEditor({ schema }));
//
// Grafana renders it with `{ options, onOptionsChange, validation }` and again with new
// `options` after every change and after a save; each render is passed on with `update`,
// so what the user is typing keeps its focus and caret. With `previewRoutes: true` the
// editor reads the plugin's own plugin.json from its folder and previews its proxy routes.
// A plugin that ships a dsconfig.json instead uses `createDsConfigEditor`.
import type { ComponentType } from 'react';
import type { DataSourceJsonData, DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { loadConfigEditorKit, type ConfigEditorKit } from './configEditorKit.js';
import { editorComponent } from './editorComponent.js';

/** The plugin's editor schema: a `config-schema.json` (see the kit's `ConfigSchema`). */
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

/** A `ConfigEditor` component for `DataSourcePlugin.setConfigEditor`, with `schema`. */
export function createConfigEditor<TOptions extends DataSourceJsonData = DataSourceJsonData, TSecure = {}>(
  settings: ConfigEditorSettings = {}
): ComponentType<DataSourcePluginOptionsEditorProps<TOptions, TSecure>> {
  return editorComponent<ConfigEditorKit, TOptions, TSecure>(loadConfigEditorKit, {
    schema: settings.schema ?? null,
    readDsconfig: false,
    previewRoutes: settings.previewRoutes ?? false,
  });
}

/** The editor with the standard sections only (no schema). */
export const ConfigEditor = createConfigEditor();
