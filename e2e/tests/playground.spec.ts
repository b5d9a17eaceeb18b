// The contract playground at `/`, served by devserver from the release bundle.
import { test, expect, appReady, seriousA11yViolations } from '../fixtures';

test('the release bundle loads with no console errors', async ({ page, consoleErrors }) => {
  await page.goto('/');
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Secret fields and onOptionsChange');
  // Built by `trunk build --release` (debug builds mark themselves "debug").
  await expect(page.locator('html')).toHaveAttribute('data-build', 'release');
  const wasm = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.wasm')),
  );
  expect(wasm).toHaveLength(1);
  expect(consoleErrors.unexpected()).toEqual([]);
});

test('Reset then typing changes the emitted JSON as Grafana would', async ({ page }) => {
  await page.goto('/');
  await appReady(page);
  const emitted = async () => JSON.parse((await page.getByTestId('emitted-json').textContent()) ?? '{}');

  const before = await emitted();
  expect(before.secureJsonFields).toEqual({ apiKey: true, basicAuthPassword: true });
  expect(before.secureJsonData).toBeUndefined();
  await expect(page.getByLabel('API key', { exact: true })).toBeDisabled();
  await expect(page.getByLabel('API key', { exact: true })).toHaveValue('configured');

  await page.getByRole('button', { name: 'Reset API key' }).click();
  const apiKey = page.getByLabel('API key', { exact: true });
  await expect(apiKey).toBeEnabled();
  await expect(apiKey).toHaveAttribute('type', 'password');
  await expect(apiKey).toBeFocused();
  let json = await emitted();
  expect(json.secureJsonFields).toEqual({ apiKey: false, basicAuthPassword: true });
  expect(json.secureJsonData).toEqual({ apiKey: '' });

  await page.keyboard.type('glsa_new_key');
  json = await emitted();
  expect(json.secureJsonData).toEqual({ apiKey: 'glsa_new_key' });
  expect(json.secureJsonFields.apiKey).toBe(false);
  // Other settings are untouched.
  expect(json.basicAuthUser).toBe('grafana');
  expect(json.jsonData).toEqual({ path: '/api/v1' });
});

test('the CA certificate field is masked until revealed', async ({ page }) => {
  await page.goto('/');
  await appReady(page);
  const ca = page.getByLabel('CA Certificate');
  await ca.fill('-----BEGIN CERTIFICATE-----\nABC\n-----END CERTIFICATE-----');
  await expect(ca).toHaveClass(/lg-secret-text-area--masked/);
  await page.getByRole('button', { name: 'Show secret content' }).click();
  await expect(ca).not.toHaveClass(/lg-secret-text-area--masked/);
  const json = JSON.parse((await page.getByTestId('emitted-json').textContent()) ?? '{}');
  expect(json.secureJsonData.tlsCACert).toContain('BEGIN CERTIFICATE');
});

for (const theme of ['light', 'dark'] as const) {
  test(`no serious accessibility violations in the ${theme} theme`, async ({ page }) => {
    await page.goto('/');
    await appReady(page);
    // Choose the theme (the app follows the OS until a theme is chosen).
    const toggle = page.getByRole('button', { name: 'Dark theme' });
    if ((await toggle.getAttribute('aria-pressed') === 'true') === (theme === 'dark')) await toggle.click();
    await toggle.click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(toggle).toHaveAttribute('aria-pressed', String(theme === 'dark'));
    // The editor and what it emitted, before the scan.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Secret fields and onOptionsChange');
    await expect(page.getByLabel('API key', { exact: true })).toHaveValue('configured');
    await expect(page.getByTestId('emitted-json')).toContainText('secureJsonFields');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
}

test('the app follows the OS theme until one is chosen, and uses Inter as Grafana does', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await appReady(page);
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  expect(await page.locator('html').getAttribute('data-theme')).toBeNull();
  const canvas = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await canvas()).toBe('rgb(17, 18, 23)');
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await canvas()).not.toBe('rgb(17, 18, 23)');
  // A choice wins over the OS, and is remembered.
  await page.emulateMedia({ colorScheme: 'dark' });
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.reload();
  await appReady(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  // Inter, loaded from the app's own files.
  const inter = await page.evaluate(async () => {
    await document.fonts.ready;
    await document.fonts.load('14px Inter');
    return document.fonts.check('14px Inter') && [...document.fonts].some((f) => f.family.replace(/"/g, '') === 'Inter' && f.status === 'loaded');
  });
  expect(inter).toBe(true);
  await page.evaluate(() => localStorage.clear());
});
