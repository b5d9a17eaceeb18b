// The example plugin that ships only schema/dsconfig.json, inside the Grafana-like host:
// `createDsConfigEditor()` reads the file from the plugin's folder (below appSubUrl) while
// the kit's dsconfig-editor package loads, and the editor it builds saves a secret that a
// reload shows as configured; Save & test is the plugin's testDatasource(), which reaches
// the data source through the proxy's `api` route with the key as a bearer token. Each
// project runs it with its React, sub-path and fetch.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test, expect, emittedOptions } from './fixtures';

const PLUGIN = 'leptos-grafana-dsconfig-datasource';

test('a plugin with only a dsconfig.json gets its editor, saves a secret, and reloads it as configured', async ({
  page,
  appSubUrl,
  api,
}) => {
  const SECRET = `host-dsc-${Date.now()}`;
  const schemaRequests: string[] = [];
  const wasmRequests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/schema/dsconfig.json')) schemaRequests.push(new URL(r.url()).pathname);
    if (r.url().endsWith('.wasm')) wasmRequests.push(new URL(r.url()).pathname);
  });
  const added = await api.send('POST', '/datasources', { name: `host-dsconfig-${Date.now()}`, type: PLUGIN, access: 'proxy' });
  const uid = added.datasource.uid as string;
  await page.goto(`connections/datasources/edit/${uid}`);
  const secret = page.locator('[data-field="secureJsonData_apiKey"]').getByLabel('API key', { exact: true });
  await expect(secret).toBeEnabled();
  expect(schemaRequests).toEqual([`${appSubUrl}/public/plugins/${PLUGIN}/schema/dsconfig.json`]);
  await expect(page.getByRole('radio', { name: 'API key' })).toBeChecked();
  // The plugin ships, and the page downloads, one package: the dsconfig editor's, not the
  // config-schema editor's (webpack copied only what the plugin imports).
  const wasmIn = (plugin: string) => {
    const dist = join(__dirname, '../../embed/examples', plugin, 'dist');
    return readdirSync(dist).filter((f) => f.endsWith('.wasm')).map((f) => join(dist, f));
  };
  const shipped = wasmIn('dsconfig-datasource');
  expect(shipped).toHaveLength(1);
  const configSchemaEditor = wasmIn('datasource');
  expect(configSchemaEditor).toHaveLength(1);
  expect(readFileSync(shipped[0]).equals(readFileSync(configSchemaEditor[0]))).toBe(false);
  expect(new Set(wasmRequests).size).toBe(1);
  expect([...wasmRequests][0].startsWith(`${appSubUrl}/public/plugins/${PLUGIN}/`)).toBe(true);

  // The data source: records the Authorization it gets, answers 200.
  const authorizations: (string | undefined)[] = [];
  const dataSource = createServer((req, res) => {
    authorizations.push(req.headers.authorization);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
  });
  await new Promise<void>((resolve) => dataSource.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(dataSource.address() as AddressInfo).port}`;
  try {
    await page.getByLabel('URL', { exact: true }).fill(url);
    await secret.fill(SECRET);
    const emitted = await emittedOptions(page);
    expect(emitted.secureJsonData).toEqual({ apiKey: SECRET });
    expect(emitted.url).toBe(url);
    await page.getByRole('button', { name: 'Save & test' }).click();
    await expect(page.getByTestId('testing-status')).toHaveText('Data source is working');
    expect(authorizations).toEqual([`Bearer ${SECRET}`]);
  } finally {
    dataSource.close();
  }
  const saved = await api.get(`/datasources/uid/${uid}`);
  expect(saved.secureJsonFields.apiKey).toBe(true);
  expect(JSON.stringify(saved)).not.toContain(SECRET);

  await page.reload();
  await expect(page.getByRole('button', { name: /^Reset/ })).toBeVisible();
  expect(await page.content()).not.toContain(SECRET);
});
