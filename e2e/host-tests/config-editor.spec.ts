// The example data source plugin's ConfigEditor (the kit, through @leptos-grafana/react)
// inside the Grafana-like host: loaded with SystemJS from module.js, rendered by the data
// source settings page with options / onOptionsChange / validation, saved and tested
// through devserver. Each project runs these with its React, sub-path and fetch.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, openDataSource, emittedOptions, DATASOURCE_PLUGIN, SCANNED_ONCE } from './fixtures';

test('the plugin loads the way Grafana loads it, with the host project\'s React and fetch', async ({
  page,
  hostVariant,
  appSubUrl,
  wrapFetch,
  api,
}) => {
  const wasmRequests: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm')) wasmRequests.push(new URL(r.url()).pathname);
  });
  const uid = await api.createDataSource(`load-${Date.now()}`);
  await openDataSource(page, uid);
  const facts = await page.evaluate(async () => {
    const System = (window as unknown as { System: { import(n: string): Promise<Record<string, any>> } }).System;
    const react = await System.import('react');
    const ui = await System.import('@grafana/ui');
    const runtime = await System.import('@grafana/runtime');
    return {
      react: String(react.version),
      grafanaUiButton: typeof ui.Button,
      appSubUrl: runtime.config.appSubUrl,
      fetchWrapped: Boolean((window as unknown as { __hostFetchWrapped?: boolean }).__hostFetchWrapped),
    };
  });
  expect(facts.react.split('.')[0]).toBe(hostVariant === 'react18' ? '18' : '19');
  expect(facts.grafanaUiButton).not.toBe('undefined');
  expect(facts.appSubUrl).toBe(appSubUrl);
  expect(facts.fetchWrapped).toBe(wrapFetch);
  // The .wasm comes from the plugin's own folder below appSubUrl (the run-time public path).
  expect(wasmRequests.length).toBeGreaterThan(0);
  for (const path of wasmRequests) {
    expect(path.startsWith(`${appSubUrl}/public/plugins/${DATASOURCE_PLUGIN}/`), path).toBe(true);
  }
  // One package, the config editor's: a data source plugin never downloads the
  // service-account pages.
  expect(new Set(wasmRequests).size).toBe(1);
  const exported = await page.evaluate(async (path) => {
    // (From bytes: the react18 project's fetch is wrapped, as Grafana's telemetry wraps it.)
    const module = await WebAssembly.compile(await (await fetch(path)).arrayBuffer());
    return WebAssembly.Module.exports(module).map((e) => e.name);
  }, wasmRequests[0]);
  expect(exported).toContain('mountConfigEditor');
  expect(exported).not.toContain('mountServiceAccounts');
});

test('typing reaches onOptionsChange with Grafana\'s JSON, and the host\'s re-render keeps focus and caret', async ({
  page,
  api,
}) => {
  const uid = await api.createDataSource(`typing-${Date.now()}`, { jsonData: { keep: 'me' } });
  await openDataSource(page, uid);
  const url = page.getByLabel('URL', { exact: true });
  await url.fill('');
  await url.pressSequentially('http://example.com');
  await expect.poll(async () => (await emittedOptions(page)).url).toBe('http://example.com');
  // Caret in the middle ("http://|example.com"), then type: each keystroke goes through the
  // host and comes back as new props.
  await url.evaluate((el: HTMLInputElement) => el.setSelectionRange(7, 7));
  await url.pressSequentially('my.');
  await expect(url).toBeFocused();
  await expect(url).toHaveValue('http://my.example.com');
  expect(await url.evaluate((el: HTMLInputElement) => el.selectionStart)).toBe(10);
  const emitted = await emittedOptions(page);
  expect(emitted.url).toBe('http://my.example.com');
  expect(emitted.uid).toBe(uid);
  expect(emitted.jsonData.keep).toBe('me');
  // A plugin field writes jsonData.
  await page.getByLabel('Project ID').fill('proj-7');
  await expect.poll(async () => (await emittedOptions(page)).jsonData.projectId).toBe('proj-7');
});

test('Reset of a configured secret sends secureJsonFields false and an empty value; Save & test then reload shows configured', async ({
  page,
  api,
}) => {
  const secret = `key-${Date.now()}-do-not-leak`;
  const uid = await api.createDataSource(`secret-${Date.now()}`, { secureJsonData: { apiKey: 'old-key' } });
  await openDataSource(page, uid);
  await page.getByRole('button', { name: 'Reset API key' }).click();
  await expect.poll(async () => (await emittedOptions(page)).secureJsonFields?.apiKey).toBe(false);
  expect((await emittedOptions(page)).secureJsonData.apiKey).toBe('');
  const keyInput = page.getByLabel('API key', { exact: true });
  await expect(keyInput).toBeFocused();
  await keyInput.fill(secret);
  await page.getByRole('button', { name: 'Save & test' }).click();
  await expect(page.getByTestId('testing-status')).toHaveClass(/host-status--success/);
  // Saved: the host reloaded the settings; the secret is configured and gone from the page.
  await expect(page.getByRole('button', { name: 'Reset API key' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Reset API key' })).toBeVisible();
  expect(await page.content()).not.toContain(secret);
  expect(JSON.stringify(await emittedOptions(page))).not.toContain(secret);
  const stored = await api.get(`/datasources/uid/${uid}`);
  expect(stored.secureJsonFields.apiKey).toBe(true);
  expect(JSON.stringify(stored)).not.toContain(secret);
});

test('a field error blocks Save & test through Grafana\'s validation API and shows the message', async ({ page, api }) => {
  const uid = await api.createDataSource(`invalid-${Date.now()}`);
  await openDataSource(page, uid);
  await expect(page.getByText('What onOptionsChange sent (0 changes, 1 validators)')).toBeAttached();
  await page.getByLabel('URL', { exact: true }).fill('not a url');
  await page.getByRole('button', { name: 'Save & test' }).click();
  const status = page.getByTestId('testing-status');
  await expect(status).toContainText('Please enter a valid URL');
  // The editor shows the message at the field too, and nothing was saved.
  await expect(page.locator('.lg-field__error', { hasText: 'Please enter a valid URL' })).toBeVisible();
  expect((await api.get(`/datasources/uid/${uid}`)).url).toBe(api.upstreamUrl);
  // Fixed, it saves and the health check passes.
  await page.getByLabel('URL', { exact: true }).fill(`${api.upstreamUrl}/`);
  await page.getByRole('button', { name: 'Save & test' }).click();
  await expect(status).toHaveClass(/host-status--success/);
  expect((await api.get(`/datasources/uid/${uid}`)).url).toBe(`${api.upstreamUrl}/`);
});

test("Save & test is the plugin's own testDatasource(): the health path through the data source proxy, no /health", async ({
  page,
  api,
  consoleErrors,
}) => {
  const uid = await api.createDataSource(`tested-${Date.now()}`);
  const paths: string[] = [];
  page.on('request', (r) => paths.push(new URL(r.url()).pathname));
  await openDataSource(page, uid);
  await page.getByRole('button', { name: 'Save & test' }).click();
  const status = page.getByTestId('testing-status');
  await expect(status).toHaveClass(/host-status--success/);
  await expect(status).toHaveText('Data source is working');
  expect(paths.filter((p) => p.endsWith(`/api/datasources/proxy/uid/${uid}/health`))).toHaveLength(1);
  // The plugin has no backend: nothing asked Grafana's health route.
  expect(paths.filter((p) => p.includes(`/datasources/uid/${uid}/health`))).toEqual([]);

  // A health path the data source does not serve: the plugin reports the proxied status.
  consoleErrors.allow(/status of 404/, 'the data source answers 404 for a path it does not serve');
  await page.getByLabel('Health path').fill('/no-such-path');
  await page.getByRole('button', { name: 'Save & test' }).click();
  await expect(status).toHaveClass(/host-status--error/);
  await expect(status).toHaveText('404 Not Found: Not found');
});

test('two editors on one page do not interfere', async ({ page, api }) => {
  const stamp = Date.now();
  const a = await api.createDataSource(`first-${stamp}`);
  const b = await api.createDataSource(`second-${stamp}`);
  await page.goto(`host/two-editors?uids=${a},${b}`);
  const first = page.getByRole('region', { name: `Settings of first-${stamp}` });
  const second = page.getByRole('region', { name: `Settings of second-${stamp}` });
  await expect(first.getByLabel('URL', { exact: true })).toBeEnabled();
  await expect(second.getByLabel('URL', { exact: true })).toBeEnabled();
  await first.getByLabel('URL', { exact: true }).fill('http://first.example');
  await second.getByLabel('Project ID').fill('second-project');
  await expect.poll(async () => (await emittedOptions(page, first)).url).toBe('http://first.example');
  await expect.poll(async () => (await emittedOptions(page, second)).jsonData.projectId).toBe('second-project');
  expect((await emittedOptions(page, first)).jsonData.projectId).toBeUndefined();
  expect((await emittedOptions(page, second)).url).toBe(api.upstreamUrl);
  // Labels point at their own editor's inputs.
  const ids = await page.getByLabel('URL', { exact: true }).evaluateAll((els) => els.map((e) => e.id));
  expect(new Set(ids).size).toBe(2);
  // Hiding one editor leaves the other working.
  await first.getByRole('button', { name: 'Hide editor' }).click();
  await second.getByLabel('URL', { exact: true }).fill('http://second.example');
  await expect.poll(async () => (await emittedOptions(page, second)).url).toBe('http://second.example');
});

test('unmount leaves the container empty and unregisters the validator, with no console error', async ({ page, api }) => {
  const uid = await api.createDataSource(`unmount-${Date.now()}`);
  await openDataSource(page, uid);
  await page.getByRole('button', { name: 'Hide editor' }).click();
  const slot = page.getByTestId('config-editor-slot');
  await expect(slot).toBeEmpty();
  expect(await slot.evaluate((el) => el.innerHTML)).toBe('');
  await expect(page.getByText(/validators\)$/)).toHaveText(/, 0 validators\)$/);
  await page.getByRole('button', { name: 'Show editor' }).click();
  await expect(page.getByLabel('URL', { exact: true })).toBeEnabled();
  await expect(page.getByText(/validators\)$/)).toHaveText(/, 1 validators\)$/);
});

test('switching the host theme restyles the editor at once', async ({ page, api }) => {
  const uid = await api.createDataSource(`theme-${Date.now()}`);
  await openDataSource(page, uid);
  const url = page.getByLabel('URL', { exact: true });
  const colours = () => url.evaluate((el) => getComputedStyle(el).backgroundColor + ' ' + getComputedStyle(el).color);
  const before = await colours();
  const dark = await page.evaluate(() => document.body.classList.contains('theme-dark'));
  await page.getByRole('button', { name: /Change to (light|dark) theme/ }).click();
  expect(await page.evaluate(() => document.body.classList.contains('theme-dark'))).toBe(!dark);
  const after = await colours();
  expect(after).not.toBe(before);
  // And back.
  await page.getByRole('button', { name: /Change to (light|dark) theme/ }).click();
  expect(await colours()).toBe(before);
});

for (const theme of ['dark', 'light'] as const) {
  test(`the embedded editor has no serious accessibility violations (${theme} theme)`, async ({ page, api, hostVariant }) => {
    test.skip(hostVariant === 'react18', SCANNED_ONCE);
    const uid = await api.createDataSource(`a11y-${theme}-${Date.now()}`, { secureJsonData: { apiKey: 'k' } });
    await openDataSource(page, uid);
    if ((await page.evaluate(() => document.body.classList.contains('theme-dark'))) !== (theme === 'dark')) {
      await page.getByRole('button', { name: /Change to (light|dark) theme/ }).click();
    }
    // The editor in the chosen theme with the stored settings loaded (the URL, the API key
    // shown as configured), before the scan.
    await expect(page.locator('body')).toHaveClass(theme === 'dark' ? /\btheme-dark\b/ : /^(?!.*\btheme-dark\b)/);
    await expect(page.getByLabel('URL', { exact: true })).toHaveValue(api.upstreamUrl);
    await expect(page.getByRole('button', { name: 'Reset API key' })).toBeVisible();
    const results = await new AxeBuilder({ page }).include('[data-testid="config-editor-slot"]').analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}
