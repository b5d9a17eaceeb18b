// Service accounts against devserver, the way an admin uses them; and what a Viewer sees.
import { test, expect, appReady, seriousA11yViolations } from '../fixtures';
import { signIn } from '../support/auth';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('create, rename, change role, token with expiry, use it, delete it, disable, delete', async ({ page, request }) => {
  const name = `ci-bot-${Date.now()}`;
  await signIn(page, 'admin', 'admin', '/org/serviceaccounts');
  await page.getByRole('link', { name: 'Add service account' }).first().click();
  await page.getByLabel('Display name').fill(name);
  await page.getByRole('combobox', { name: 'Role' }).selectOption('Viewer');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  // Addressed by uid, as Grafana 13 does; the Information tab is the default.
  const uid = new URL(page.url()).pathname.split('/').pop() ?? '';
  expect(uid).toMatch(/^[A-Za-z0-9_-]+$/);
  await expect(page.getByRole('tab', { name: 'Information' })).toHaveAttribute('aria-selected', 'true');

  // Rename and make it an Admin (so its token may search service accounts).
  await page.getByRole('button', { name: 'Edit name' }).click();
  await page.getByLabel('Name', { exact: true }).fill(`${name}-renamed`);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${name}-renamed` })).toBeVisible();
  await page.getByRole('combobox', { name: 'Role' }).selectOption('Admin');
  await expect(page.getByRole('combobox', { name: 'Role' })).toHaveValue('Admin');

  // A token that expires in 10 days; the key is shown once and copied.
  await page.getByRole('tab', { name: 'Tokens' }).click();
  await expect(page).toHaveURL(new RegExp(`/org/serviceaccounts/${uid}/tokens$`));
  await page.getByRole('button', { name: 'Add service account token' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Display name').fill('deploy');
  await dialog.getByLabel('Set expiration date', { exact: true }).check();
  const inTenDays = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  await dialog.getByLabel('Expiration date', { exact: true }).fill(inTenDays);
  await dialog.getByRole('button', { name: 'Generate token' }).click();
  const keyField = dialog.getByLabel('Token');
  await expect(keyField).toHaveValue(/^glsa_[0-9A-Za-z]{32}_[0-9a-f]{8}$/);
  const key = await keyField.inputValue();
  await dialog.getByRole('button', { name: 'Copy to clipboard', exact: true }).click();
  await expect(dialog.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  expect(await page.content()).not.toContain(key);
  expect(page.url()).not.toContain(key);
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain(key);
  await expect(page.getByRole('cell', { name: 'deploy', exact: true })).toBeVisible();

  // The copied key works with the API, as a curl call would use it.
  const search = await request.get('/api/serviceaccounts/search', { headers: { Authorization: `Bearer ${key}` } });
  expect(search.status()).toBe(200);
  expect((await search.json()).serviceAccounts.some((sa: { uid: string }) => sa.uid === uid)).toBe(true);

  // Delete the token: the key stops working.
  await page.getByRole('button', { name: 'Delete service account token deploy' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('cell', { name: 'deploy', exact: true })).toHaveCount(0);
  const denied = await request.get('/api/serviceaccounts/search', { headers: { Authorization: `Bearer ${key}` } });
  expect(denied.status()).toBe(401);

  // Disable (confirmed) and enable again (Grafana asks only before disabling).
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/org/serviceaccounts/${uid}$`));
  await page.getByRole('button', { name: 'Disable service account' }).click();
  await expect(page.getByRole('dialog')).toContainText('Are you sure you want to disable this service account?');
  await page.getByRole('dialog').getByRole('button', { name: 'Disable service account' }).click();
  await expect(page.getByRole('button', { name: 'Enable service account' })).toBeVisible();
  await page.getByRole('button', { name: 'Enable service account' }).click();
  await expect(page.getByRole('button', { name: 'Disable service account' })).toBeVisible();

  // Delete the account: back on the list, it is gone.
  await page.getByRole('button', { name: 'Delete service account', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete service account' }).click();
  await expect(page).toHaveURL(/\/org\/serviceaccounts(\?|$)/);
  await page.getByPlaceholder('Search service account by name').fill(name);
  await expect(page.getByText('No service accounts found')).toBeVisible();
});

test('names with HTML and unicode render as text; search keeps its query in the URL', async ({ page }) => {
  const evil = `<b>bold</b> Zoë ✓ ${Date.now()}`;
  await signIn(page, 'admin', 'admin', '/org/serviceaccounts/create');
  await page.getByLabel('Display name').fill(evil);
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(evil);
  await page.goto('/org/serviceaccounts');
  await page.getByPlaceholder('Search service account by name').fill('Zoë');
  await expect(page).toHaveURL(/query=Zo%C3%AB/);
  await expect(page.getByRole('link', { name: evil })).toBeVisible();
  expect(await page.locator('b', { hasText: 'bold' }).count()).toBe(0);
});

test('a Viewer sees no management actions and gets Grafana 403 from the API', async ({ page, consoleErrors }) => {
  // The list's searches answer 403: the browser logs them.
  consoleErrors.allow({ status: 403, url: /\/api\/serviceaccounts\/search\?/ }, 'a Viewer may not search service accounts');
  await signIn(page, 'viewer', 'viewer', '/org/serviceaccounts');
  await appReady(page);
  await expect(page.getByRole('link', { name: 'Add service account' })).toHaveCount(0);
  await expect(page.getByRole('alert')).toContainText('Permissions needed: serviceaccounts:read');
  const res = await page.request.get('/api/serviceaccounts/search');
  expect(res.status()).toBe(403);
  const body = await res.json();
  expect(body.title).toBe('Access denied');
  expect(body.message).toContain('serviceaccounts:read');
});

for (const theme of ['light', 'dark'] as const) {
  test(`service-account pages have no serious accessibility violations (${theme})`, async ({ page }) => {
    const stamp = Date.now();
    const name = `a11y-${theme}-${stamp}`;
    const tokenName = `a11y-token-${theme}-${stamp}`;
    // Each page is scanned once what it loads is on screen.
    const scan = async () => {
      await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
      expect(await seriousA11yViolations(page)).toEqual([]);
    };
    await signIn(page, 'admin', 'admin', '/org/serviceaccounts/create');
    await expect(page.getByLabel('Display name')).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Role' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Create' })).toBeVisible();
    await scan();
    // An account with a token, for the list's rows and the account's token table.
    const created = await page.request.post('/api/serviceaccounts', {
      data: { name, role: 'Viewer' },
      headers: { Origin: new URL(page.url()).origin },
    });
    expect(created.status()).toBe(201);
    const { id } = await created.json();
    const token = await page.request.post(`/api/serviceaccounts/${id}/tokens`, {
      data: { name: tokenName },
      headers: { Origin: new URL(page.url()).origin },
    });
    expect(token.status()).toBe(200);
    // (Searched for, so the row is on the first page however many accounts the worker made.)
    await page.goto(`/org/serviceaccounts?query=${name}`);
    await expect(page.getByRole('heading', { name: 'Service accounts' })).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(name) })).toBeVisible();
    await scan();
    await page.goto(`/org/serviceaccounts/${id}/tokens`);
    await expect(page.getByRole('heading', { name: 'Tokens' })).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(tokenName) })).toBeVisible();
    await scan();
  });
}
