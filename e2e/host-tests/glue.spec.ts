// How the React glue behaves around the WebAssembly: when the editor goes away before its package has loaded, when
// the package cannot be downloaded (a message and a Retry), and what it reads from the
// plugin's folder (once, whatever the user types).
import type { Route } from '@playwright/test';
import { test, expect, openDataSource } from './fixtures';

test('renaming the data source reads plugin.json once, from the plugin folder', async ({ page, api, appSubUrl }) => {
  const pluginJson: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/plugin.json')) pluginJson.push(new URL(r.url()).pathname);
  });
  const uid = await api.createDataSource(`rename-${Date.now()}`);
  await openDataSource(page, uid);
  await expect(page.getByRole('heading', { name: 'Routes' })).toBeVisible();
  const name = page.getByLabel('Name', { exact: true });
  await name.click();
  await name.press('End');
  await name.pressSequentially('-renamed');
  await expect(name).toHaveValue(/-renamed$/);
  await expect(page.getByRole('heading', { name: 'Routes' })).toBeVisible();
  expect(pluginJson).toEqual([`${appSubUrl}/public/plugins/leptos-grafana-example-datasource/plugin.json`]);
});

test('an editor removed before its WebAssembly has loaded never mounts, and shows again later', async ({ page, api }) => {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\.wasm$/, async (route: Route) => {
    await held;
    await route.continue();
  });
  const uid = await api.createDataSource(`early-${Date.now()}`);
  await page.goto(`connections/datasources/edit/${uid}`);
  await page.getByRole('button', { name: 'Hide editor' }).click();
  release();
  // The package arrives after the editor went away: nothing is mounted into a dead element.
  await page.waitForLoadState('networkidle');
  await expect(page.getByTestId('config-editor-slot')).toBeEmpty();
  await page.getByRole('button', { name: 'Show editor' }).click();
  await expect(page.getByLabel('URL', { exact: true })).toBeEnabled();
});

test('a WebAssembly download that fails says what failed and offers a Retry that works', async ({ page, api, consoleErrors }) => {
  consoleErrors.allow(/status of 503/, 'the test fails the first .wasm download');
  let failures = 1;
  await page.route(/\.wasm$/, async (route: Route) => {
    if (failures > 0) {
      failures -= 1;
      await route.fulfill({ status: 503, body: 'unavailable' });
    } else {
      await route.continue();
    }
  });
  const uid = await api.createDataSource(`retry-${Date.now()}`);
  await page.goto(`connections/datasources/edit/${uid}`);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Could not load the data source settings editor.');
  await expect(alert).toContainText('(HTTP 503)');
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByLabel('URL', { exact: true })).toBeEnabled();
  await expect(page.getByRole('alert')).toHaveCount(0);
});
