// The example Rust data source (embed/examples/rust-datasource): a plugin whose
// ConfigEditor and QueryEditor are the author's own Leptos components, mounted through
// `leptos_grafana::embed` and the glue's `leptosConfigEditor` / `leptosQueryEditor`, in the
// Grafana-like host as Grafana renders them.
import type { Page } from '@playwright/test';
import { test, expect, emittedOptions, RUST_DATASOURCE_PLUGIN } from './fixtures';
import { recordWasmMemories, wasmMemoryBytes } from './wasm-memory';

const KiB = 1024;
const REGIONS = [
  { id: 'eu-west', name: 'EU West' },
  { id: 'us-east', name: 'US East' },
];

/** Answers the data source's `regions` resource (the backend's part) from the test. */
async function serveRegions(page: Page, answer: { status: number; body: unknown }) {
  const seen: { orgId: string | null; pluginId: string | null }[] = [];
  await page.route(/\/api\/datasources\/uid\/[^/]+\/resources\/regions/, async (route) => {
    seen.push({ orgId: route.request().headers()['x-grafana-org-id'] ?? null, pluginId: route.request().headers()['x-plugin-id'] ?? null });
    await route.fulfill({ status: answer.status, contentType: 'application/json', body: JSON.stringify(answer.body) });
  });
  return seen;
}

async function queryJson(page: Page) {
  return JSON.parse((await page.getByLabel('Query JSON').textContent()) ?? '{}');
}

test.describe('the Rust ConfigEditor', () => {
  test('edits the URL and the plugin field, and its secret Reset emits Grafana JSON', async ({ page, api }) => {
    const uid = await api.createDataSource(`rust-${Date.now()}`, { secureJsonData: { apiKey: 'saved-key' } }, RUST_DATASOURCE_PLUGIN);
    await page.goto(`connections/datasources/edit/${uid}`);
    const url = page.getByLabel('URL', { exact: true });
    await expect(url).toBeEnabled();
    await url.fill('https://api.example.org');
    await expect.poll(async () => (await emittedOptions(page)).url).toBe('https://api.example.org');
    await expect(url).toBeFocused();

    await page.getByLabel('Default region').fill('eu-west');
    await expect.poll(async () => (await emittedOptions(page)).jsonData?.defaultRegion).toBe('eu-west');

    // Saved: the key is only "configured"; Reset sends Grafana's reset JSON.
    const key = page.getByRole('textbox', { name: 'API key' });
    await expect(key).toHaveValue('configured');
    await page.getByRole('button', { name: 'Reset API key' }).click();
    const reset = await emittedOptions(page);
    expect(reset.secureJsonFields.apiKey).toBe(false);
    expect(reset.secureJsonData.apiKey).toBe('');
    await expect(key).toBeFocused();
    await key.fill('new-key');
    expect((await emittedOptions(page)).secureJsonData.apiKey).toBe('new-key');
    expect(JSON.stringify((await emittedOptions(page)).jsonData)).not.toContain('new-key');
  });
});

test.describe('the Rust QueryEditor', () => {
  test('typing calls onChange with the query, Enter and a region run it, regions come from the resources', async ({ page, api }) => {
    const seen = await serveRegions(page, { status: 200, body: REGIONS });
    const uid = await api.createDataSource(`rust-q-${Date.now()}`, {}, RUST_DATASOURCE_PLUGIN);
    await page.goto(`host/query-editor/${uid}`);
    const text = page.getByLabel('Query text');
    await text.fill('rate(requests)');
    await expect.poll(async () => (await queryJson(page)).queryText).toBe('rate(requests)');
    const query = await queryJson(page);
    expect(query.refId, 'Grafana fields the Rust type does not name are kept').toBe('A');
    expect(query.datasource).toEqual({ type: RUST_DATASOURCE_PLUGIN, uid });
    await expect(text).toBeFocused();
    await expect(page.getByLabel('Query runs')).toHaveText('0');
    await text.press('Enter');
    await expect(page.getByLabel('Query runs')).toHaveText('1');

    const region = page.getByLabel('Region');
    await expect(region.getByRole('option', { name: 'EU West' })).toBeAttached();
    await region.selectOption({ label: 'US East' });
    await expect.poll(async () => (await queryJson(page)).region).toBe('us-east');
    await expect(page.getByLabel('Query runs')).toHaveText('2');
    expect((await queryJson(page)).queryText).toBe('rate(requests)');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0].pluginId).toBe(RUST_DATASOURCE_PLUGIN);
  });

  test('a failing resource shows the backend message and the editor still works', async ({ page, api, consoleErrors }) => {
    consoleErrors.allow(/resources\/regions.*500|status of 500/, 'the test makes the regions resource fail');
    await serveRegions(page, { status: 500, body: { message: 'regions backend is down' } });
    const uid = await api.createDataSource(`rust-f-${Date.now()}`, {}, RUST_DATASOURCE_PLUGIN);
    await page.goto(`host/query-editor/${uid}`);
    await expect(page.getByRole('alert')).toHaveText('Could not load the regions: regions backend is down');
    await page.getByLabel('Query text').fill('still typing');
    await expect.poll(async () => (await queryJson(page)).queryText).toBe('still typing');
  });
});

test('100 mount/unmount cycles of each Rust component keep wasm memory flat', async ({ page, api }) => {
  test.setTimeout(120_000);
  await recordWasmMemories(page);
  await serveRegions(page, { status: 200, body: REGIONS });
  const uid = await api.createDataSource(`rust-m-${Date.now()}`, { secureJsonData: { apiKey: 'k' } }, RUST_DATASOURCE_PLUGIN);

  const cycles = (show: string, hide: string, selector: string, n: number) =>
    page.evaluate(
      async ({ show, hide, selector, n }) => {
        const button = (label: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === label) as HTMLButtonElement;
        const mounted = () => document.querySelector(selector) !== null;
        const until = async (condition: () => boolean) => {
          for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
          if (!condition()) throw new Error('the component did not follow');
        };
        for (let i = 0; i < n; i++) {
          button(hide).click();
          await until(() => !mounted());
          button(show).click();
          await until(mounted);
        }
      },
      { show, hide, selector, n }
    );

  const measure = async (what: string, show: string, hide: string, selector: string) => {
    await cycles(show, hide, selector, 10);
    const before = await wasmMemoryBytes(page);
    await cycles(show, hide, selector, 100);
    const after = await wasmMemoryBytes(page);
    console.log(`${what}: wasm ${(before / KiB).toFixed(0)} → ${(after / KiB).toFixed(0)} KiB after 10 → 110 mount/unmount cycles`);
    expect(before).toBeGreaterThan(0);
    expect(after - before, `${what}: wasm memory kept by 100 cycles`).toBeLessThanOrEqual(64 * KiB);
  };

  await page.goto(`connections/datasources/edit/${uid}`);
  await expect(page.getByLabel('URL', { exact: true })).toBeEnabled();
  await measure('ConfigEditor', 'Show editor', 'Hide editor', '.example-rust-config-editor input');

  await page.goto(`host/query-editor/${uid}`);
  await expect(page.getByLabel('Query text')).toBeEnabled();
  await measure('QueryEditor', 'Show query editor', 'Remove query editor', '.example-rust-query-editor input');
});
