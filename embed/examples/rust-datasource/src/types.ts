// What this data source stores and queries. The Rust side has the same shapes
// (rust/src/config_editor.rs, rust/src/query_editor.rs).
import type { DataQuery, DataSourceJsonData } from '@grafana/data';

export interface ExampleRustQuery extends DataQuery {
  queryText?: string;
  region?: string;
}

export interface ExampleRustOptions extends DataSourceJsonData {
  defaultRegion?: string;
}

export interface ExampleRustSecureOptions {
  apiKey?: string;
}
