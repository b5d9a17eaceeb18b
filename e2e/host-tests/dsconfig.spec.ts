// The example plugin that ships only schema/dsconfig.json, inside the Grafana-like host:
// `createConfigEditor({ dsconfig: true })` reads the file from the plugin's folder (below
// appSubUrl) while the WebAssembly loads, and the editor it builds saves a secret that a
// reload shows as configured. Each project runs it with its React, sub-path and fetch.
import { test, expect, emittedOptions } from './fixtures';

const PLUGIN = 'leptos-grafana-dsconfig-datasource';

test('a plugin with only a dsconfig.json gets its editor, saves a secret, and reloads it as configured', async ({
  page,
  appSubUrl,
  api,
  consoleErrors,
}) => {
  const SECRET = `host-dsc-${Date.now()}`;
  const schemaRequests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/schema/dsconfig.json')) schemaRequests.push(new URL(r.url()).pathname);
  });
  const added = await api.send('POST', '/datasources', { name: `host-dsconfig-${Date.now()}`, type: PLUGIN, access: 'proxy' });
  const uid = added.datasource.uid as string;
  await page.goto(`connections/datasources/edit/${uid}`);
  const secret = page.locator('[data-field="secureJsonData_apiKey"]').getByLabel('API key', { exact: true });
  await expect(secret).toBeEnabled();
  expect(schemaRequests).toEqual([`${appSubUrl}/public/plugins/${PLUGIN}/schema/dsconfig.json`]);
  await expect(page.getByRole('radio', { name: 'API key' })).toBeChecked();

  await page.getByLabel('URL', { exact: true }).fill(api.upstreamUrl);
  await secret.fill(SECRET);
  const emitted = await emittedOptions(page);
  expect(emitted.secureJsonData).toEqual({ apiKey: SECRET });
  expect(emitted.url).toBe(api.upstreamUrl);
  await page.getByRole('button', { name: 'Save & test' }).click();
  await expect(page.getByRole('button', { name: 'Save & test' })).toBeEnabled();
  const saved = await api.get(`/datasources/uid/${uid}`);
  expect(saved.secureJsonFields.apiKey).toBe(true);
  expect(JSON.stringify(saved)).not.toContain(SECRET);

  await page.reload();
  await expect(page.getByRole('button', { name: /^Reset/ })).toBeVisible();
  expect(await page.content()).not.toContain(SECRET);
  void consoleErrors;
});
