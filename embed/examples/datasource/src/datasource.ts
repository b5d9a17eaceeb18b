// The data source instance. The plugin is frontend-only (`"backend": false`), so Grafana
// has no backend to ask: Save & test runs `testDatasource()` here, in the browser. Every
// request goes through Grafana's data source proxy (`instanceSettings.url`, that is
// `/api/datasources/proxy/uid/:uid`), where Grafana adds what the browser never holds:
// basic auth, the custom headers and the routes of plugin.json with the stored secrets.
import { arrayToDataFrame, DataSourceApi } from '@grafana/data';
import type { DataQueryRequest, DataQueryResponse, DataSourceInstanceSettings, TestDataSourceResponse } from '@grafana/data';
import { getBackendSrv, isFetchError } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';
import type { ExampleOptions, ExampleQuery } from './types';

export class DataSource extends DataSourceApi<ExampleQuery, ExampleOptions> {
  private readonly proxyUrl: string;
  private readonly healthPath: string;

  constructor(instanceSettings: DataSourceInstanceSettings<ExampleOptions>) {
    super(instanceSettings);
    this.proxyUrl = instanceSettings.url ?? '';
    this.healthPath = instanceSettings.jsonData.path ?? '';
  }

  /** GET `path` below the data source's URL, through the proxy. */
  private get(path: string) {
    const tail = path && !path.startsWith('/') ? `/${path}` : path;
    return lastValueFrom(getBackendSrv().fetch<unknown>({ url: `${this.proxyUrl}${tail}`, method: 'GET' }));
  }

  /** Save & test: the health path (`jsonData.path`) answers 2xx. */
  async testDatasource(): Promise<TestDataSourceResponse> {
    try {
      await this.get(this.healthPath);
      return { status: 'success', message: 'Data source is working' };
    } catch (err) {
      return { status: 'error', message: describe(err) };
    }
  }

  /** Each query reads its `path` (a JSON object or array of objects) as one frame. */
  async query(request: DataQueryRequest<ExampleQuery>): Promise<DataQueryResponse> {
    const targets = request.targets.filter((t) => !t.hide);
    const data = await Promise.all(
      targets.map(async (target) => {
        const { data: body } = await this.get(target.path ?? '');
        const rows = (Array.isArray(body) ? body : [body]).filter((r): r is object => typeof r === 'object' && r !== null);
        const frame = arrayToDataFrame(rows);
        frame.refId = target.refId;
        return frame;
      })
    );
    return { data };
  }
}

/** The status and the server's `message`, as Grafana shows a failed request. */
function describe(err: unknown): string {
  if (isFetchError<{ message?: string }>(err)) {
    const status = [err.status, err.statusText].filter(Boolean).join(' ');
    const message = err.data?.message;
    return message ? `${status}: ${message}` : status || 'Cannot connect to the data source';
  }
  return err instanceof Error ? err.message : 'Cannot connect to the data source';
}
