// The example app plugin's pages (the kit's service-account pages through
// @leptos-grafana/react's ServiceAccountsPage) inside the Grafana-like host: every URL is
// Grafana's router's, below the plugin's base path; Back and Forward work.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, APP_PLUGIN, SCANNED_ONCE } from './fixtures';

const BASE = `/a/${APP_PLUGIN}/service-accounts`;

test('lists, searches, pages, creates an account and a token, with URLs under the plugin and Back working', async ({
  page,
  api,
  appSubUrl,
}) => {
  const wasmRequests = new Set<string>();
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm')) wasmRequests.add(new URL(r.url()).pathname);
  });
  const stamp = Date.now();
  // 35 accounts with a common prefix: two pages of 30.
  for (let i = 0; i < 35; i++) {
    await api.send('POST', '/serviceaccounts', { name: `pager-${stamp}-${String(i).padStart(2, '0')}` });
  }
  const path = () => new URL(page.url()).pathname.slice(appSubUrl.length);
  const search = () => new URL(page.url()).search;

  // The app's root goes to its service-account page.
  await page.goto(`a/${APP_PLUGIN}`);
  await expect(page).toHaveURL((u) => u.pathname === `${appSubUrl}${BASE}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Service accounts' })).toBeVisible();
  // One package, the service-account pages': an app plugin never downloads the editor.
  expect(wasmRequests.size).toBe(1);
  const [wasm] = [...wasmRequests];
  const exported = await page.evaluate(async (path) => {
    // (From bytes: the react18 project's fetch is wrapped, as Grafana's telemetry wraps it.)
    const module = await WebAssembly.compile(await (await fetch(path)).arrayBuffer());
    return WebAssembly.Module.exports(module).map((e) => e.name);
  }, wasm);
  expect(exported).toContain('mountServiceAccounts');
  expect(exported).not.toContain('mountConfigEditor');

  // Search: the query lands in the URL (replacing the entry, as Grafana does while typing).
  await page.getByRole('searchbox', { name: 'Search service account by name' }).fill(`pager-${stamp}`);
  await expect(page).toHaveURL((u) => u.searchParams.get('query') === `pager-${stamp}`);
  await expect(page.getByText('Showing 1–30 of 35')).toBeVisible();

  // Paging: a new history entry; Back returns to page 1.
  await page.getByRole('button', { name: 'Page 2', exact: true }).click();
  await expect(page).toHaveURL((u) => u.searchParams.get('page') === '2');
  await expect(page.getByText('Showing 31–35 of 35')).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL((u) => u.searchParams.get('page') === null && u.searchParams.get('query') === `pager-${stamp}`);
  await expect(page.getByText('Showing 1–30 of 35')).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Search service account by name' })).toHaveValue(`pager-${stamp}`);

  // A row links to its account: a real href below appSubUrl; the click goes through the router.
  const row = page.getByRole('link', { name: `pager-${stamp}-00`, exact: true });
  const href = await row.getAttribute('href');
  expect(href).toMatch(new RegExp(`^${appSubUrl}${BASE}/[A-Za-z0-9_-]+$`));
  await row.click();
  await expect(page).toHaveURL((u) => u.pathname === `${appSubUrl}${href?.slice(appSubUrl.length)}`);
  await expect(page.getByRole('heading', { level: 1, name: `pager-${stamp}-00` })).toBeVisible();
  await page.goBack();
  await expect(page.getByText('Showing 1–30 of 35')).toBeVisible();
  await page.goForward();
  await expect(page.getByRole('heading', { level: 1, name: `pager-${stamp}-00` })).toBeVisible();

  // Create an account.
  await page.getByRole('link', { name: 'Service accounts', exact: true }).click();
  await expect(page).toHaveURL((u) => u.pathname === `${appSubUrl}${BASE}`);
  await page.getByRole('link', { name: 'Add service account' }).first().click();
  expect(path()).toBe(`${BASE}/create`);
  const name = `embedded-${stamp}`;
  await page.getByLabel('Display name').fill(name);
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  expect(path()).toMatch(new RegExp(`^${BASE}/[A-Za-z0-9_-]+$`));
  expect(search()).toBe('');

  // A token, from the Tokens tab (its own URL inside the plugin): the key is shown once,
  // and gone once the dialog closes.
  await page.getByRole('tab', { name: 'Tokens' }).click();
  await expect.poll(path).toMatch(new RegExp(`^${BASE}/[A-Za-z0-9_-]+/tokens$`));
  await page.getByRole('button', { name: 'Add service account token' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Display name').fill('from-the-app');
  await dialog.getByRole('button', { name: 'Generate token' }).click();
  const key = await dialog.getByLabel('Token').inputValue();
  expect(key).toMatch(/^glsa_[0-9A-Za-z]{32}_[0-9a-f]{8}$/);
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(page.getByRole('cell', { name: 'from-the-app', exact: true })).toBeVisible();
  expect(await page.content()).not.toContain(key);
  expect(page.url()).not.toContain(key);

  // Back from the new account's tabs: its Information, the create page, then the list,
  // all inside the plugin.
  await page.goBack();
  await expect.poll(path).toMatch(new RegExp(`^${BASE}/[A-Za-z0-9_-]+$`));
  await expect(page.getByRole('tab', { name: 'Information' })).toHaveAttribute('aria-selected', 'true');
  await page.goBack();
  expect(path()).toBe(`${BASE}/create`);
  await page.goBack();
  expect(path()).toBe(BASE);
  await expect(page.getByRole('heading', { level: 1, name: 'Service accounts' })).toBeVisible();
});

test('a lost session is the host\'s business: no jump to a sign-in page', async ({ page, consoleErrors, appSubUrl, baseURL }) => {
  // The section asks for the user's orgs (may they create?) and the token day limit (the
  // frontend settings) once it mounts: let both answers arrive before the session goes, so
  // the search is the one refused request.
  const answered = (path: string) => page.waitForResponse((r) => new URL(r.url()).pathname.endsWith(path));
  const orgs = answered('/api/user/orgs');
  const settings = answered('/api/frontend/settings');
  await page.goto(`a/${APP_PLUGIN}/service-accounts`);
  await expect(page.getByRole('heading', { level: 1, name: 'Service accounts' })).toBeVisible();
  await Promise.all([orgs, settings]);
  // Sign out behind the page's back, then act. The search's 401 answer is the only console
  // error: the browser's network log of it.
  consoleErrors.allow({ status: 401, url: /\/api\/serviceaccounts\/search\?/ }, 'the search after the sign-out is refused');
  await page.request.get(`${baseURL}logout`, { maxRedirects: 0 });
  await page.context().clearCookies();
  await page.getByRole('searchbox', { name: 'Search service account by name' }).fill('anything');
  await expect(page.getByRole('alert')).toContainText('Unauthorized');
  expect(new URL(page.url()).pathname).toBe(`${appSubUrl}${BASE}`);
});

test('the embedded pages have no serious accessibility violations', async ({ page, api, hostVariant }) => {
  test.skip(hostVariant === 'react18', SCANNED_ONCE);
  const name = `a11y-${Date.now()}`;
  const created = await api.send('POST', '/serviceaccounts', { name });
  // Each page with what it loads on screen before the scan: the list with the account's
  // row (searched for, so it is on the first page), the create form, the account.
  const pages: [string, () => Promise<void>][] = [
    [`${BASE}?query=${name}`, () => expect(page.getByRole('row', { name: new RegExp(name) })).toBeVisible()],
    [`${BASE}/create`, () => expect(page.getByRole('button', { name: 'Create' })).toBeVisible()],
    [`${BASE}/${created.id}`, () => expect(page.getByRole('button', { name: 'Edit name' })).toBeVisible()],
  ];
  for (const [path, loaded] of pages) {
    await page.goto(path.slice(1));
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await loaded();
    const results = await new AxeBuilder({ page }).include('.leptos-grafana-service-accounts').analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
});

test('every request of the pages names the org the host says the user is in (X-Grafana-Org-Id)', async ({ page, consoleErrors }) => {
  // The host's boot data says org 2; devserver, like Grafana, answers a person who names an
  // org they are not in with no role there: the search is denied, with Grafana's message.
  await page.addInitScript(() => {
    (window as unknown as { __LG_HOST__: { orgId?: number } }).__LG_HOST__.orgId = 2;
  });
  consoleErrors.allow({ status: 403, url: /\/api\/serviceaccounts\/search\?/ }, 'the admin is not in org 2');
  const kitRequests: { path: string; org: string | undefined }[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    // The host's own calls (loading the plugin) are not the kit's.
    if (url.pathname.includes('/api/') && !url.pathname.includes('/api/plugins/')) {
      kitRequests.push({ path: url.pathname, org: r.headers()['x-grafana-org-id'] });
    }
  });
  await page.goto(`a/${APP_PLUGIN}/service-accounts`);
  await expect(page.getByRole('alert')).toContainText(
    "You'll need additional permissions to perform this action. Permissions needed: serviceaccounts:read"
  );
  expect(kitRequests.map((r) => r.path)).toEqual(expect.arrayContaining([expect.stringMatching(/\/api\/serviceaccounts\/search$/)]));
  expect(kitRequests.filter((r) => r.org !== '2')).toEqual([]);
});
