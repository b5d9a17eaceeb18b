// Fixtures of the host tests: one devserver per project serving the Grafana-like host
// (e2e/host/dist/<variant>) and the built example plugins (embed/examples/*/dist), under
// the project's sub-path; a data source for them to point at (a small HTTP server, one per
// worker); a signed-in admin; and the console watcher of support/console.ts
// (`consoleErrors`, set up for every test): after the test body it fails the test on any
// console error or uncaught exception the test did not declare with `consoleErrors.allow`.
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test as watched } from '../support/console';
import { startDevserver, type RunningDevserver } from '../support/devserver';

export interface HostOptions {
  /** Which build of the host: React 19 + @grafana 13.2, React 18 + @grafana 13.1, or the
   * React 19 host as a development build in StrictMode. */
  hostVariant: 'react19' | 'react18' | 'react19-dev';
  /** Grafana's appSubUrl: '' or '/grafana'. */
  appSubUrl: string;
  /** Wrap fetch in a Proxy, as Grafana's telemetry does. */
  wrapFetch: boolean;
  /** The installed plugins (devserver's --plugins-dir); the repository's examples by default. */
  pluginsDir: string | undefined;
}

type WorkerFixtures = HostOptions & {
  host: RunningDevserver;
  /** The URL of the data source the tests' data sources point at: `GET /health` answers
   * 200, any other path 404 (both JSON). */
  dataSourceUrl: string;
};

type TestFixtures = {
  /** Same-origin API calls as the signed-in admin (cookie + Origin, as a browser sends). */
  api: Api;
};

export const DATASOURCE_PLUGIN = 'leptos-grafana-example-datasource';
export const APP_PLUGIN = 'leptos-grafana-example-app';
export const RUST_DATASOURCE_PLUGIN = 'leptos-grafana-example-rust-datasource';

/** Why the accessibility scans run in the React 19 host only: axe scans the DOM that the
 * kit draws itself, which React's version does not change (the React 18 host runs every
 * other test). */
export const SCANNED_ONCE = "axe scans the kit's own DOM, the same under React 18: the React 19 host scans it";

export const test = watched.extend<TestFixtures, WorkerFixtures>({
  hostVariant: ['react19', { option: true, scope: 'worker' }],
  appSubUrl: ['', { option: true, scope: 'worker' }],
  wrapFetch: [false, { option: true, scope: 'worker' }],
  pluginsDir: [undefined, { option: true, scope: 'worker' }],
  host: [
    async ({ hostVariant, appSubUrl, pluginsDir }, use) => {
      const server = await startDevserver({
        dist: join(__dirname, '../host/dist', hostVariant),
        args: ['--app-sub-url', appSubUrl],
        plugins: pluginsDir,
      });
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
  dataSourceUrl: [
    async ({}, use) => {
      const server = createServer((req, res) => {
        const found = req.url === '/health';
        res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify(found ? { status: 'ok' } : { message: 'Not found' }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    { scope: 'worker' },
  ],
  // Every path in the tests is relative to the host's root (`${baseURL}connections/…`).
  baseURL: async ({ host }, use) => {
    await use(`${host.baseURL}/`);
  },
  page: async ({ page, wrapFetch, baseURL }, use) => {
    await page.addInitScript((options) => {
      (window as unknown as { __LG_HOST__: unknown }).__LG_HOST__ = options;
    }, { wrapFetch });
    const signIn = await page.request.post(`${baseURL}login`, { data: { user: 'admin', password: 'admin' } });
    expect(signIn.status()).toBe(200);
    await use(page);
  },
  api: async ({ page, baseURL, dataSourceUrl }, use) => {
    await use(new Api(page.request, baseURL ?? '', dataSourceUrl));
  },
});

export { expect };

export class Api {
  constructor(
    readonly request: APIRequestContext,
    readonly base: string,
    /** The URL a test data source points at (the `dataSourceUrl` fixture). */
    readonly upstreamUrl: string
  ) {}

  private headers() {
    return { Origin: new URL(this.base).origin };
  }

  async get(path: string) {
    const res = await this.request.get(`${this.base}api${path}`);
    expect(res.status(), `GET ${path}: ${await res.text()}`).toBe(200);
    return res.json();
  }

  async send(method: 'POST' | 'PUT' | 'DELETE', path: string, data?: unknown) {
    const res = await this.request.fetch(`${this.base}api${path}`, { method, data, headers: this.headers() });
    expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBe(true);
    return res.json();
  }

  /** A new data source of the example plugin, healthy (Save & test succeeds); its uid. */
  async createDataSource(name: string, settings: Record<string, unknown> = {}, type = DATASOURCE_PLUGIN): Promise<string> {
    const added = await this.send('POST', '/datasources', { name, type, access: 'proxy' });
    const uid = added.datasource.uid as string;
    const current = await this.get(`/datasources/uid/${uid}`);
    const jsonData = { path: '/health', ...((settings.jsonData as object | undefined) ?? {}) };
    await this.send('PUT', `/datasources/uid/${uid}`, { ...current, url: this.upstreamUrl, ...settings, jsonData });
    return uid;
  }
}

/** The data source settings page of `uid`, with the editor loaded. */
export async function openDataSource(page: Page, uid: string) {
  await page.goto(`connections/datasources/edit/${uid}`);
  await expect(page.getByLabel('URL', { exact: true })).toBeEnabled();
}

/** What the host's last `onOptionsChange` gave it, as Grafana would have stored it. */
export async function emittedOptions(page: Page, scope: Page | ReturnType<Page['locator']> = page) {
  const text = await scope.getByTestId('options-json').textContent({ timeout: 5_000 });
  return JSON.parse(text ?? '{}');
}
