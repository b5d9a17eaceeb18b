// The data source instance: a `DataSourceWithBackend`, so the Rust QueryEditor's
// `datasource.get_resource("regions")` is Grafana's `getResource`
// (`GET /api/datasources/uid/:uid/resources/regions`, answered by the plugin's backend).
import { DataSourceWithBackend } from '@grafana/runtime';
import type { DataSourceInstanceSettings } from '@grafana/data';
import type { ExampleRustOptions, ExampleRustQuery } from './types';

export class DataSource extends DataSourceWithBackend<ExampleRustQuery, ExampleRustOptions> {
  constructor(instanceSettings: DataSourceInstanceSettings<ExampleRustOptions>) {
    super(instanceSettings);
  }
}
