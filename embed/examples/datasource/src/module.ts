// The plugin's entry, as Grafana loads it: `exports.plugin`, a DataSourcePlugin whose
// ConfigEditor is the kit's Leptos editor, shaped by config-schema.json, with a preview
// of the proxy routes of plugin.json.
import { DataSourcePlugin } from '@grafana/data';
import { createConfigEditor } from '@leptos-grafana/react';
import { DataSource } from './datasource';
import schema from './config-schema.json';
import type { ExampleOptions, ExampleQuery } from './types';

export const plugin = new DataSourcePlugin<DataSource, ExampleQuery, ExampleOptions>(DataSource).setConfigEditor(
  createConfigEditor({ schema, previewRoutes: true })
);
