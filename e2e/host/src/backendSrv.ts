// The part of Grafana's `backendSrv` a plugin's data source instance uses: `fetch` (an
// Observable of `{ data, status }`, what `DataSourceWithBackend.getResource` calls) and
// `get`. Requests go under appSubUrl with `X-Grafana-Org-Id` (as Grafana's backend_srv
// sends the current org); a failure is Grafana's FetchError shape `{ status, data }`.
import { from, lastValueFrom } from 'rxjs';
import { setBackendSrv, type BackendSrv, type BackendSrvRequest } from '@grafana/runtime';
import { appSubUrl, hostOrgId } from './theme';

async function request<T>(options: BackendSrvRequest) {
  const query = options.params ? `?${new URLSearchParams(options.params as Record<string, string>).toString()}` : '';
  const headers: Record<string, string> = { Accept: 'application/json', 'X-Grafana-Org-Id': String(hostOrgId), ...(options.headers ?? {}) };
  const hasBody = options.data !== undefined && options.method !== 'GET';
  if (hasBody) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(`${appSubUrl}${options.url}${query}`, {
    method: options.method ?? 'GET',
    credentials: 'same-origin',
    headers,
    body: hasBody ? JSON.stringify(options.data) : undefined,
  });
  const text = await response.text();
  let data: unknown = text;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: the text is the data.
  }
  if (!response.ok) {
    throw { status: response.status, statusText: response.statusText, data, config: options };
  }
  return { data: data as T, status: response.status, statusText: response.statusText, ok: true, headers: response.headers, redirected: false, type: response.type, url: response.url, config: options };
}

export function installBackendSrv() {
  const srv = {
    fetch: <T>(options: BackendSrvRequest) => from(request<T>(options)),
    get: <T>(url: string, params?: Record<string, string>) => lastValueFrom(from(request<T>({ url, params, method: 'GET' }))).then((r) => r.data),
    request: <T>(options: BackendSrvRequest) => request<T>(options).then((r) => r.data),
  };
  setBackendSrv(srv as unknown as BackendSrv);
}
