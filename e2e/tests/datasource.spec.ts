// The data source editor against devserver: basic auth and a custom header secret are
// saved encrypted, come back only as "configured", reach the data source through Grafana's
// data source proxy, and never leak into the page, storage, URLs, the console or the
// SQLite file. The example plugin is frontend-only: Save & test says its test is the
// plugin's own (Grafana runs its testDatasource() in the browser; the host tests do).
import { test, expect, appReady, seriousA11yViolations } from '../fixtures';
import { signIn } from '../support/auth';
import { dbBytes } from '../support/api';
import { startTarget, type Target } from '../support/target';

const PASSWORD = 'pw-Secret-7f3a91';
const HEADER_VALUE = 'hdr-Secret-2c44e0';

let target: Target;
test.beforeAll(async () => {
  target = await startTarget();
});
test.afterAll(async () => {
  await target.close();
});

test('save basic auth and a header secret, test them, reset the password', async ({ page, consoleErrors }) => {
  await signIn(page, 'admin', 'admin', '/datasources');
  await page.getByRole('link', { name: 'Example API' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Example API' })).toBeVisible();

  await page.getByLabel('URL').fill(target.url);
  await page.getByLabel('Authentication method', { exact: true }).selectOption('BasicAuth');
  await page.getByLabel('User', { exact: true }).fill('grafana');
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: /^(Expand|Collapse) section HTTP headers$/ }).click();
  await page.getByRole('button', { name: 'Add header' }).click();
  await page.getByLabel('Header 1', { exact: true }).fill('X-Tenant');
  await page.getByLabel('Value 1', { exact: true }).fill(HEADER_VALUE);

  target.expect = {
    authorization: 'Basic ' + Buffer.from(`grafana:${PASSWORD}`).toString('base64'),
    header: ['X-Tenant', HEADER_VALUE],
  };
  const sent = target.requests.length;
  await page.getByRole('button', { name: 'Save & test' }).click();
  const status = page.getByRole('status').filter({ hasText: "Save & test needs the plugin's own page" });
  await expect(status).toBeVisible();
  await expect(status).toContainText('The settings are saved.');
  // Nothing asked the data source: this page runs no plugin code, and /health has no backend to ask.
  expect(target.requests.length).toBe(sent);
  // Grafana's data source proxy adds the saved credentials on the server.
  const proxied = await page.request.get('/api/datasources/proxy/uid/example-api/status');
  expect(proxied.status()).toBe(200);
  const last = target.requests.at(-1)!;
  expect(last.path).toBe('/status');
  expect(last.authorization).toBe(target.expect.authorization);
  expect(last.headers['x-tenant']).toBe(HEADER_VALUE);

  // After the save the secrets are gone from the browser: only "configured" remains.
  await page.reload();
  await appReady(page);
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('configured');
  await expect(page.getByLabel('Value 1', { exact: true })).toHaveValue('configured');
  const html = await page.content();
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  for (const secret of [PASSWORD, HEADER_VALUE]) {
    expect(html).not.toContain(secret);
    expect(storage).not.toContain(secret);
    expect(page.url()).not.toContain(secret);
    expect(consoleErrors.text()).not.toContain(secret);
    expect(dbBytes()).not.toContain(secret);
  }
  const api = await page.request.get(`/api/datasources/uid/example-api`);
  const body = await api.text();
  expect(body).not.toContain(PASSWORD);
  expect(JSON.parse(body).secureJsonFields).toMatchObject({ basicAuthPassword: true, httpHeaderValue1: true });

  // Reset the password and save: the server forgets it, the data source now answers 401.
  await page.getByRole('button', { name: 'Reset Password' }).click();
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
  await page.getByRole('button', { name: 'Save & test' }).click();
  // A required password is missing: Save is blocked with a clear message, nothing sent.
  await expect(page.getByRole('alert').filter({ hasText: 'Password is required' }).first()).toBeVisible();
  await page.getByLabel('Authentication method', { exact: true }).selectOption('NoAuth');
  await page.getByRole('button', { name: 'Save & test' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The settings are saved.' })).toBeVisible();
  // Without credentials the data source answers 401, which Grafana's proxy turns into its 400.
  const refused = await page.request.get('/api/datasources/proxy/uid/example-api/status');
  expect(refused.status()).toBe(400);
  expect(await refused.text()).toBe('Authentication to data source failed');
  expect(target.requests.at(-1)!.authorization).toBeUndefined();
  const after = await (await page.request.get(`/api/datasources/uid/example-api`)).json();
  expect(after.secureJsonFields.basicAuthPassword).toBeUndefined();
  expect(after.secureJsonFields.httpHeaderValue1).toBe(true);
});

test('a failed save keeps every edit and shows the server message', async ({ page, consoleErrors }) => {
  await signIn(page, 'admin', 'admin', '/datasources/edit/example-api');
  await expect(page.getByLabel('Name')).toHaveValue('Example API');
  // Someone else saves first: our version is now stale.
  const current = await (await page.request.get('/api/datasources/uid/example-api')).json();
  const res = await page.request.put('/api/datasources/uid/example-api', {
    data: { ...current, jsonData: { ...current.jsonData, path: '/other' } },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(res.status()).toBe(200);
  await page.getByLabel('Health path').fill('/mine');
  // The stale save answers 409: the browser logs it.
  consoleErrors.allow({ status: 409, url: /\/api\/datasources\/uid\/example-api$/ }, 'the save of a stale version is refused');
  await page.getByRole('button', { name: 'Save & test' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Datasource has already been updated by someone else' })).toBeVisible();
  await expect(page.getByLabel('Health path')).toHaveValue('/mine');
  await expect(page.getByRole('button', { name: 'Reload data source' })).toBeVisible();
});

for (const theme of ['light', 'dark'] as const) {
  test(`the data source page has no serious accessibility violations (${theme})`, async ({ page }) => {
    await signIn(page, 'admin', 'admin', '/datasources/edit/example-api');
    // The loaded data source, in an editable form, before the scan.
    await expect(page.getByRole('heading', { level: 1, name: 'Example API' })).toBeVisible();
    await expect(page.getByLabel('Name')).toHaveValue('Example API');
    await expect(page.getByLabel('URL')).toBeEditable();
    await expect(page.getByRole('button', { name: 'Save & test' })).toBeEnabled();
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
}

test('a Viewer reads the data source but gets Missing rights and only Test', async ({ page }) => {
  await signIn(page, 'viewer', 'viewer', '/datasources/edit/example-api');
  await expect(page.getByRole('status').filter({ hasText: 'Missing rights' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save & test' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Test', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Delete' })).toHaveCount(0);
  await expect(page.getByLabel('URL')).toBeDisabled();
  // The server refuses a write anyway, with Grafana's 403 naming the action.
  const current = await (await page.request.get('/api/datasources/uid/example-api')).json();
  const res = await page.request.put('/api/datasources/uid/example-api', {
    data: current,
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(res.status()).toBe(403);
  expect((await res.json()).message).toContain('datasources:write');
});
