// What this data source stores: `jsonData` in clear text, secrets in `secureJsonData`
// (write-only: after a save Grafana only says which are set, in `secureJsonFields`).
import type { DataQuery, DataSourceJsonData } from '@grafana/data';

export interface ExampleQuery extends DataQuery {
  path?: string;
}

export interface ExampleOptions extends DataSourceJsonData {
  path?: string;
  projectId?: string;
  username?: string;
  maxSeries?: number;
  region?: 'eu' | 'us';
}

export interface ExampleSecureOptions {
  apiKey?: string;
  apiToken?: string;
  password?: string;
  clientId?: string;
  clientSecret?: string;
}
