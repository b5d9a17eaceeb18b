// The data source instance: Save & test asks the backend's health check
// (`GET /api/datasources/uid/:uid/health`), as `DataSourceWithBackend` does.
import { DataSourceWithBackend } from '@grafana/runtime';
import type { DataQuery, DataSourceInstanceSettings, DataSourceJsonData } from '@grafana/data';

export class DataSource extends DataSourceWithBackend<DataQuery, DataSourceJsonData> {
  constructor(instanceSettings: DataSourceInstanceSettings<DataSourceJsonData>) {
    super(instanceSettings);
  }
}
