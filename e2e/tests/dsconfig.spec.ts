// A data source plugin that ships only `schema/dsconfig.json` (the example
// leptos-grafana-dsconfig-datasource) gets a whole editor on devserver's settings page:
// its groups and conditions, a secret and custom headers saved, reloaded as configured,
// and a header row removed without moving the other row's stored value.
import type { Page } from '@playwright/test';
import { test, expect, appReady, seriousA11yViolations } from '../fixtures';
import { signIn } from '../support/auth';
import { api, dbBytes } from '../support/api';

const PLUGIN = 'leptos-grafana-dsconfig-datasource';

/** The API key secret (the radio option "API key" shares its name). */
const apiKey = (page: Page) => page.locator('[data-field="secureJsonData_apiKey"]').getByLabel('API key', { exact: true });

test('the dsconfig-driven editor saves secrets and headers and reloads them as configured', async ({ page, consoleErrors }) => {
  const stamp = Date.now();
  const API_KEY = `dsc-key-${stamp}`;
  const TENANT = `dsc-tenant-${stamp}`;
  const TRACE = `dsc-trace-${stamp}`;
  const missing: string[] = [];
  page.on('response', (r) => {
    if (r.status() === 404) missing.push(new URL(r.url()).pathname);
  });
  await signIn(page, 'admin', 'admin', '/datasources');
  const { datasource } = await api(page, 'POST', '/datasources', { name: `dsconfig-${stamp}`, type: PLUGIN, access: 'proxy' });
  // The page asks for a config-schema.json first (the plugin ships none: 404); the browser
  // logs it. The plugin is frontend-only, so Save & test asks no /health.
  consoleErrors.allow({ status: 404, url: new RegExp(`/public/plugins/${PLUGIN}/config-schema\\.json$`) }, 'the editor looks for config-schema.json first');
  await page.goto(`/datasources/edit/${datasource.uid}`);
  await appReady(page);

  // The file's groups, its docs link, and its conditions.
  await expect(page.getByRole('heading', { level: 3, name: 'Connection' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'Authentication' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'view the documentation' })).toHaveAttribute('href', 'https://github.com/grafana/dsconfig');
  await expect(page.getByRole('radio', { name: 'API key' })).toBeChecked();
  await expect(page.getByLabel('User', { exact: true })).toBeHidden();
  await page.getByRole('radio', { name: 'Basic authentication' }).check();
  await expect(page.getByLabel('User', { exact: true })).toBeVisible();
  await page.getByRole('radio', { name: 'API key' }).check();

  // Bad input is kept and blocks the save.
  await page.getByLabel('URL', { exact: true }).fill('api.example.com');
  await page.getByRole('button', { name: 'Save & test' }).click();
  await expect(page.getByText('The URL must start with http:// or https://').first()).toBeVisible();
  await expect(page.getByText('API key is required').first()).toBeVisible();
  await expect(page.getByLabel('URL', { exact: true })).toHaveValue('api.example.com');

  await page.getByLabel('URL', { exact: true }).fill('http://127.0.0.1:9');
  await apiKey(page).fill(API_KEY);
  await page.getByRole('button', { name: 'Expand section Additional settings' }).click();
  await page.getByLabel('Timeout', { exact: true }).fill('45');
  await page.getByRole('button', { name: 'Add custom http header' }).click();
  await page.getByLabel('Header 1', { exact: true }).fill('X-Tenant');
  await page.getByLabel('Value 1', { exact: true }).fill(TENANT);
  await page.getByRole('button', { name: 'Add custom http header' }).click();
  await page.getByLabel('Header 2', { exact: true }).fill('X-Trace');
  await page.getByLabel('Value 2', { exact: true }).fill(TRACE);
  await page.getByRole('button', { name: 'Save & test' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The settings are saved.' })).toBeVisible();

  let saved = await api(page, 'GET', `/datasources/uid/${datasource.uid}`);
  expect(saved.url).toBe('http://127.0.0.1:9');
  expect(saved.jsonData).toMatchObject({ authMethod: 'apiKey', timeoutSeconds: 45, httpHeaderName1: 'X-Tenant', httpHeaderName2: 'X-Trace' });
  expect(saved.secureJsonFields).toMatchObject({ apiKey: true, httpHeaderValue1: true, httpHeaderValue2: true });
  for (const secret of [API_KEY, TENANT, TRACE]) {
    expect(JSON.stringify(saved)).not.toContain(secret);
    expect(dbBytes()).not.toContain(secret);
  }

  // Reloaded: every secret shows as configured, none comes back.
  await page.reload();
  await appReady(page);
  await expect(apiKey(page)).toHaveValue('configured');
  const rows = page.locator('.lg-pairs__row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByRole('button', { name: 'Reset' })).toBeVisible();
  await expect(rows.nth(1).getByRole('button', { name: 'Reset' })).toBeVisible();
  for (const secret of [API_KEY, TENANT, TRACE]) {
    expect(await page.content()).not.toContain(secret);
  }
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Removing the first header keeps X-Trace at index 2 with its own stored value.
  await page.getByRole('button', { name: 'Remove custom http header 1' }).click();
  await page.getByRole('button', { name: 'Save & test' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The settings are saved.' })).toBeVisible();
  saved = await api(page, 'GET', `/datasources/uid/${datasource.uid}`);
  expect(saved.jsonData.httpHeaderName1).toBeUndefined();
  expect(saved.jsonData.httpHeaderName2).toBe('X-Trace');
  expect(saved.secureJsonFields.httpHeaderValue1 ?? false).toBe(false);
  expect(saved.secureJsonFields.httpHeaderValue2).toBe(true);
  expect(dbBytes()).not.toContain(TENANT);
  // The only 404s are the page asking for a config-schema.json first.
  expect(new Set(missing)).toEqual(new Set([`/public/plugins/${PLUGIN}/config-schema.json`]));
});
