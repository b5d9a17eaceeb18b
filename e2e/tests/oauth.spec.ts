// Generic OAuth sign-in with the development OpenID provider (devserver/oidc-provider), and
// "Forward OAuth Identity" on the example Rust data source: its backend's Save & test names
// the signed-in user when the switch is on, and nobody when it is off. The file has its own
// devserver (signing in with the provider) and provider, per worker.
import { test as base, expect, appReady, seriousA11yViolations } from '../fixtures';
import { api } from '../support/api';
import { startDevserver, type RunningDevserver } from '../support/devserver';
import { startExampleUpstream, UPSTREAM_VERSION, type ExampleUpstream } from '../support/example-upstream';
import { startDevProvider, PROVIDER_NAME, type DevProvider } from '../support/oidc-provider';
import type { Page } from '@playwright/test';

const RUST_PLUGIN = 'leptos-grafana-example-rust-datasource';
const UPSTREAM_KEY = 'oauth-upstream-key';

const test = base.extend<{}, { provider: DevProvider; oauthServer: RunningDevserver }>({
  provider: [
    async ({}, use) => {
      const provider = await startDevProvider();
      await use(provider);
      await provider.stop();
    },
    { scope: 'worker' },
  ],
  oauthServer: [
    async ({ provider }, use) => {
      const server = await startDevserver({ args: provider.devserverArgs });
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ oauthServer }, use) => {
    await use(oauthServer.baseURL);
  },
});

let upstream: ExampleUpstream;
test.beforeAll(async () => {
  upstream = await startExampleUpstream(UPSTREAM_KEY);
});
test.afterAll(async () => {
  await upstream.close();
});

/** Signs `login` in at the provider's development pages, from devserver's login page. */
async function signInWithProvider(page: Page, login: string) {
  // The provider's pages link a web font this machine cannot reach.
  await page.route('https://fonts.googleapis.com/**', (route) => route.abort());
  await page.goto('/login');
  await page.getByRole('link', { name: `Sign in with ${PROVIDER_NAME}` }).click();
  await page.getByPlaceholder('Enter any login').fill(login);
  await page.getByPlaceholder('and password').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await appReady(page);
}

test('signing in with the provider and forwarding the OAuth identity: Save & test names the user, and nobody once it is off', async ({ page, consoleErrors }) => {
  consoleErrors.allow({ status: 'network', url: /fonts\.googleapis\.com/ }, "the provider's pages link a web font; the test blocks it");
  await signInWithProvider(page, 'alice');
  await expect(page).toHaveURL((url) => url.pathname === '/');
  await expect(page.getByText('Signed in as alice')).toBeVisible();

  const { datasource } = await api(page, 'POST', '/datasources', {
    name: `oauth-${Date.now()}`,
    type: RUST_PLUGIN,
    access: 'proxy',
    url: upstream.url,
    secureJsonData: { apiKey: UPSTREAM_KEY },
  });
  await expect.poll(async () => (await page.request.get(`/api/datasources/uid/${datasource.uid}/health`)).status()).toBe(200);
  for (const file of ['config-schema\\.json', 'schema/dsconfig\\.json']) {
    consoleErrors.allow({ status: 404, url: new RegExp(`/public/plugins/${RUST_PLUGIN}/${file}$`) }, 'the page looks for editor schemas the plugin does not ship');
  }
  await page.goto(`/datasources/edit/${datasource.uid}`);
  const method = page.getByLabel('Authentication method', { exact: true });
  await method.selectOption({ label: 'Forward OAuth Identity' });
  await page.getByRole('button', { name: 'Save & test' }).click();
  const ok = page.getByRole('status').filter({ hasText: `upstream version ${UPSTREAM_VERSION}` });
  await expect(ok).toContainText('Forwarded OAuth identity: alice (alice@example.com) (Bearer token and ID token)');
  const saved = await api(page, 'GET', `/datasources/uid/${datasource.uid}`);
  expect(saved.jsonData.oauthPassThru).toBe(true);

  await method.selectOption({ label: 'No Authentication' });
  await page.getByRole('button', { name: 'Save & test' }).click();
  await expect(ok).toContainText(`The Rust backend reached upstream version ${UPSTREAM_VERSION} with the API key`);
  await expect(ok).not.toContainText('OAuth identity');
  expect((await api(page, 'GET', `/datasources/uid/${datasource.uid}`)).jsonData.oauthPassThru).toBeFalsy();

  // Signing out ends the session (and drops its OAuth tokens on the server).
  await page.getByRole('link', { name: 'Sign out' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/login');
  expect((await page.request.get('/api/user')).status()).toBe(401);
});

test('a denied consent comes back to the login page with Grafana\'s message, signed out', async ({ page, consoleErrors }) => {
  consoleErrors.allow({ status: 'network', url: /fonts\.googleapis\.com/ }, "the provider's pages link a web font; the test blocks it");
  await page.route('https://fonts.googleapis.com/**', (route) => route.abort());
  await page.goto('/login');
  await page.getByRole('link', { name: `Sign in with ${PROVIDER_NAME}` }).click();
  await page.getByPlaceholder('Enter any login').fill('bob');
  await page.getByPlaceholder('and password').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('link', { name: '[ Cancel ]' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/login');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Login failed');
  await expect(alert).toContainText('Login provider denied login request');
  await expect(page.getByRole('link', { name: `Sign in with ${PROVIDER_NAME}` })).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
  // Shown once: a reload finds no message, and nobody is signed in.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect((await page.request.get('/api/user')).status()).toBe(401);
});
