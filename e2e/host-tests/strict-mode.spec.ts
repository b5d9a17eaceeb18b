// The glue in a development host: React 19's development build in StrictMode, which
// mounts, unmounts and mounts every component again. Only the host-react19 project runs
// this file (playwright.config.ts), in its own worker with the react19-dev host.
import { test, expect } from './fixtures';

const DSCONFIG_PLUGIN = 'leptos-grafana-dsconfig-datasource';

test.use({ hostVariant: 'react19-dev', appSubUrl: '', wrapFetch: false });

test('one editor is mounted, dsconfig.json is fetched once, and nothing is logged', async ({ page, api }) => {
  const schemaRequests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/schema/dsconfig.json')) schemaRequests.push(r.url());
  });
  const added = await api.send('POST', '/datasources', { name: `strict-${Date.now()}`, type: DSCONFIG_PLUGIN, access: 'proxy' });
  await page.goto(`connections/datasources/edit/${added.datasource.uid}`);
  const secret = page.locator('[data-field="secureJsonData_apiKey"]').getByLabel('API key', { exact: true });
  await expect(secret).toBeEnabled();
  await expect(page.locator('[data-field="secureJsonData_apiKey"]')).toHaveCount(1);
  expect(schemaRequests).toHaveLength(1);
  // Typing reaches the host (no second mount left listening, none left half-built).
  await secret.fill('abc');
  await expect
    .poll(async () => JSON.parse((await page.getByTestId('options-json').textContent()) ?? '{}').secureJsonData?.apiKey)
    .toBe('abc');
});
