// The data source instance. The plugin is frontend-only (`"backend": false`), so Save &
// test runs `testDatasource()` here, in the browser: it asks the data source's URL through
// Grafana's data source proxy (`instanceSettings.url`), where Grafana adds the stored
// credentials. With the API key, the request takes plugin.json's `api` route, which sends
// it as `Authorization: Bearer`; with basic authentication, Grafana adds basic auth itself.
import { DataSourceApi } from '@grafana/data';
import type { DataQuery, DataQueryResponse, DataSourceInstanceSettings, DataSourceJsonData, TestDataSourceResponse } from '@grafana/data';
import { getBackendSrv, isFetchError } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

interface Options extends DataSourceJsonData {
  authMethod?: 'apiKey' | 'basicAuth';
}

export class DataSource extends DataSourceApi<DataQuery, Options> {
  private readonly base: string;

  constructor(instanceSettings: DataSourceInstanceSettings<Options>) {
    super(instanceSettings);
    const proxy = instanceSettings.url ?? '';
    this.base = instanceSettings.jsonData.authMethod === 'basicAuth' ? proxy : `${proxy}/api`;
  }

  /** Save & test: the data source's URL answers 2xx with its credentials. */
  async testDatasource(): Promise<TestDataSourceResponse> {
    try {
      await lastValueFrom(getBackendSrv().fetch({ url: `${this.base}/`, method: 'GET' }));
      return { status: 'success', message: 'Data source is working' };
    } catch (err) {
      if (isFetchError<{ message?: string }>(err)) {
        const status = [err.status, err.statusText].filter(Boolean).join(' ');
        return { status: 'error', message: err.data?.message ? `${status}: ${err.data.message}` : status };
      }
      return { status: 'error', message: err instanceof Error ? err.message : 'Cannot connect to the data source' };
    }
  }

  /** This example is about its editor: it answers every query with no data. */
  async query(): Promise<DataQueryResponse> {
    return { data: [] };
  }
}
