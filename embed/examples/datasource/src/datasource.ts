// The data source instance. Queries go through Grafana's data source proxy and the routes
// of plugin.json (which add the secrets on the server); Save & test asks the backend's
// health check (`GET /api/datasources/uid/:uid/health`), as `DataSourceWithBackend` does.
import { DataSourceWithBackend } from '@grafana/runtime';
import type { DataSourceInstanceSettings } from '@grafana/data';
import type { ExampleOptions, ExampleQuery } from './types';

export class DataSource extends DataSourceWithBackend<ExampleQuery, ExampleOptions> {
  constructor(instanceSettings: DataSourceInstanceSettings<ExampleOptions>) {
    super(instanceSettings);
  }
}
