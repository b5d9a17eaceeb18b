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
  expect(consoleErrors).toEqual([]);
});

test('Reset then typing changes the emitted JSON as Grafana would', async ({ page, consoleErrors }) => {
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
  expect(consoleErrors).toEqual([]);
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
    const pressed = await page.getByRole('button', { name: 'Dark theme' }).getAttribute('aria-pressed');
    if ((pressed === 'true') !== (theme === 'dark')) await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
}
