// A Grafana data source ConfigEditor built by the kit from the plugin's dsconfig.json
// (grafana/dsconfig's format, what plugin-ui 0.17.1's `DatasourceConfigWizard` reads), from
// the `dsconfig-editor` package: the plugin has no editor code at all.
//
//   import { createDsConfigEditor } from '@leptos-grafana/react';
//   export const plugin = new DataSourcePlugin(DataSource).setConfigEditor(createDsConfigEditor());
//
// With no `schema`, the plugin's `schema/dsconfig.json` is read from its folder (where
// plugin-ui's registry looks first) while the WebAssembly loads; `schema` takes the imported
// object instead.
import type { ComponentType } from 'react';
import type { DataSourceJsonData, DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { loadDsConfigEditorKit, type DsConfigEditorKit } from './dsconfigEditorKit.js';
import { editorComponent } from './editorComponent.js';

export interface DsConfigEditorSettings {
  /** The plugin's dsconfig.json as an object; none reads `schema/dsconfig.json` from its folder. */
  schema?: Record<string, unknown>;
}

/** A `ConfigEditor` component for `DataSourcePlugin.setConfigEditor`, built from a dsconfig.json. */
export function createDsConfigEditor<TOptions extends DataSourceJsonData = DataSourceJsonData, TSecure = {}>(
  settings: DsConfigEditorSettings = {}
): ComponentType<DataSourcePluginOptionsEditorProps<TOptions, TSecure>> {
  return editorComponent<DsConfigEditorKit, TOptions, TSecure>(loadDsConfigEditorKit, {
    schema: settings.schema ?? null,
    readDsconfig: settings.schema === undefined,
    previewRoutes: false,
  });
}
