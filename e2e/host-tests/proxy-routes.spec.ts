// The example data source plugin's proxy routes (seed 004), end to end: the editor's
// "Routes" section previews them with secrets masked and the plugin checks' findings, and a
// request through devserver's data source proxy reaches the upstream with the secret the
// user typed and saved. The routes point at an upstream this test starts (a copy of the
// example plugin with api.example.com replaced by it), served by a devserver of its own.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { test as base, expect, openDataSource, DATASOURCE_PLUGIN } from './fixtures';
import { startDevserver, type RunningDevserver } from '../support/devserver';

interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

type ProxyFixtures = { upstream: { url: string; seen: Seen[] }; proxied: RunningDevserver };

// A devserver per test file: the example plugin's copy whose routes go to the upstream.
const test = base.extend<object, ProxyFixtures>({
  upstream: [
    async ({}, use) => {
      const seen: Seen[] = [];
      const server = createServer((req, res) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          seen.push({ url: req.url ?? '', headers: req.headers, body });
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ ok: true }));
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const { port } = server.address() as AddressInfo;
      await use({ url: `http://127.0.0.1:${port}`, seen });
      await new Promise((r) => server.close(r));
    },
    { scope: 'worker' },
  ],
  proxied: [
    async ({ upstream, hostVariant, appSubUrl }, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'lg-proxy-plugins-'));
      const copy = join(dir, 'datasource');
      cpSync(join(__dirname, '../../embed/examples/datasource'), copy, {
        recursive: true,
        filter: (src) => !src.includes('node_modules'),
      });
      for (const manifest of [join(copy, 'dist/plugin.json'), join(copy, 'src/plugin.json')]) {
        const text = readFileSync(manifest, 'utf8').replaceAll('https://api.example.com', upstream.url);
        writeFileSync(manifest, text);
      }
      const server = await startDevserver({
        dist: join(__dirname, '../host/dist', hostVariant),
        args: ['--app-sub-url', appSubUrl],
        plugins: dir,
      });
      await use(server);
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ proxied }, use) => {
    await use(`${proxied.baseURL}/`);
  },
});

test('the Routes section previews each route with secrets masked, and names a template key the schema lacks', async ({
  page,
  api,
  baseURL,
}) => {
  const secret = `k-${Date.now()}-do-not-leak`;
  const uid = await api.createDataSource(`routes-${Date.now()}`, {
    jsonData: { projectId: 'p-1' },
    secureJsonData: { apiKey: secret },
  });
  // A broken route, as a plugin author might write one: the editor collects no such key.
  await page.route(`**/public/plugins/${DATASOURCE_PLUGIN}/plugin.json`, async (route) => {
    const res = await route.fetch();
    const json = await res.json();
    json.routes.push({ path: 'extra', url: 'https://extra.example.com/{{ .JsonData.notInTheSchema }}' });
    await route.fulfill({ response: res, json });
  });
  await openDataSource(page, uid);
  const toggle = page.getByRole('button', { name: 'Expand section Routes' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  const routes = page.getByRole('region', { name: 'Routes', exact: true });
  await expect(routes).toContainText('Any /projects');
  await expect(routes).toContainText(`/projects/p-1`);
  await expect(routes.getByLabel('secret apiKey: configured')).toBeVisible();
  await expect(routes.getByLabel('secret apiToken: missing')).toBeVisible();
  await expect(routes).toContainText('.JsonData.notInTheSchema is not a jsonData key the editor collects');
  // Typing updates the preview at once; no secret is ever in the page.
  await page.getByLabel('Project ID', { exact: true }).fill('p-2');
  await expect(routes).toContainText('/projects/p-2');
  expect(await page.content()).not.toContain(secret);
  void baseURL;
});

test('a request through the data source proxy reaches the upstream with the secret typed and saved', async ({
  page,
  api,
  upstream,
}) => {
  const token = `tok-${Date.now()}-typed`;
  const uid = await api.createDataSource(`proxy-${Date.now()}`, { jsonData: { projectId: 'p-7' } });
  await openDataSource(page, uid);
  await page.getByLabel('API token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Save & test' }).click();
  await expect(page.getByRole('button', { name: 'Reset API token' })).toBeVisible();
  expect(await page.content()).not.toContain(token);

  const before = upstream.seen.length;
  const res = await page.request.get(`api/datasources/proxy/uid/${uid}/projects/items?b=2&a=1`);
  expect(res.status(), await res.text()).toBe(200);
  expect(res.headers()['content-security-policy']).toBe('sandbox');
  const seen = upstream.seen.slice(before);
  expect(seen).toHaveLength(1);
  expect(seen[0].url).toBe('/projects/p-7/items?a=1&b=2');
  expect(seen[0].headers.authorization).toBe(`Bearer ${token}`);
  expect(seen[0].headers.cookie, 'the Grafana session stays with Grafana').toBeUndefined();
});

