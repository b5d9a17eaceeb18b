// The plugin's entry, as Grafana loads it: `exports.plugin`, a DataSourcePlugin whose
// ConfigEditor and QueryEditor are this plugin's own Leptos components (the crate in
// ../rust, built by wasm-pack into ../pkg). The kit's glue loads the package once, from
// the plugin's own folder, and mounts each component with Grafana's props.
import { DataSourcePlugin } from '@grafana/data';
import { leptosConfigEditor, leptosQueryEditor, wasmLoader } from '@leptos-grafana/react';
import init, * as rust from '../pkg/leptos_grafana_example_rust_datasource.js';
import { DataSource } from './datasource';
import type { ExampleRustOptions, ExampleRustQuery, ExampleRustSecureOptions } from './types';

const load = wasmLoader(init, rust, () => new URL('../pkg/leptos_grafana_example_rust_datasource_bg.wasm', import.meta.url));

export const plugin = new DataSourcePlugin<DataSource, ExampleRustQuery, ExampleRustOptions, ExampleRustSecureOptions>(DataSource)
  .setConfigEditor(leptosConfigEditor<typeof rust, ExampleRustOptions, ExampleRustSecureOptions>(load, (k) => k.mountConfigEditor))
  .setQueryEditor(leptosQueryEditor<typeof rust, ExampleRustQuery, ExampleRustOptions, DataSource>(load, (k) => k.mountQueryEditor));
