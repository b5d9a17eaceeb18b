// The example Rust data source (embed/examples/rust-datasource): a plugin whose
// ConfigEditor and QueryEditor are the author's own Leptos components, mounted through
// `leptos_grafana::embed` and the glue's `leptosConfigEditor` / `leptosQueryEditor`, in the
// Grafana-like host as Grafana renders them.
import type { Page } from '@playwright/test';
import { test, expect, emittedOptions, RUST_DATASOURCE_PLUGIN } from './fixtures';
import { recordWasmMemories, wasmMemoryBytes } from './wasm-memory';
import { startExampleUpstream, UPSTREAM_VERSION, type ExampleUpstream } from '../support/example-upstream';

const API_KEY = 'upstream-key-e2e';
let upstream: ExampleUpstream;
test.beforeAll(async () => {
  upstream = await startExampleUpstream(API_KEY);
});
test.afterAll(async () => {
  await upstream?.close();
});

/** A data source of the Rust example pointing at the test's upstream, with `apiKey`. */
function upstreamSettings(apiKey = API_KEY) {
  return { url: upstream.url, jsonData: { defaultRegion: 'eu-west' }, secureJsonData: { apiKey } };
}

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
  test("typing calls onChange with the query, Enter and a region run it, regions come from the backend's CallResource", async ({ page, api }) => {
    const seen: { orgId: string | null; pluginId: string | null }[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/resources/regions')) {
        seen.push({ orgId: r.headers()['x-grafana-org-id'] ?? null, pluginId: r.headers()['x-plugin-id'] ?? null });
      }
    });
    const uid = await api.createDataSource(`rust-q-${Date.now()}`, upstreamSettings(), RUST_DATASOURCE_PLUGIN);
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

test.describe('the Rust backend', () => {
  test('the API key typed, Save & test runs the plugin\'s testDatasource(), answered by the backend\'s CheckHealth', async ({ page, api, host }) => {
    const { url, jsonData } = upstreamSettings();
    const uid = await api.createDataSource(`rust-h-${Date.now()}`, { url, jsonData }, RUST_DATASOURCE_PLUGIN);
    await page.goto(`connections/datasources/edit/${uid}`);
    await expect(page.getByLabel('URL', { exact: true })).toBeEnabled();
    const key = page.getByRole('textbox', { name: 'API key' });
    await expect(key).toHaveValue('');
    await key.fill(API_KEY);
    await page.getByRole('button', { name: 'Save & test' }).click();
    await expect(page.getByTestId('testing-status')).toContainText(
      `The Rust backend reached upstream version ${UPSTREAM_VERSION} with the API key`
    );
    await expect.poll(() => host.log()).toContain('CheckHealth');
    expect(host.log()).not.toContain(API_KEY);
    // Saved: the key is only "configured" now, on the page and from the API.
    await expect(key).toHaveValue('configured');
    expect((await api.get(`/datasources/uid/${uid}`)).secureJsonFields.apiKey).toBe(true);
    expect(await page.content()).not.toContain(API_KEY);
  });

  test('a wrong API key gives the backend\'s error and /health answers 400', async ({ page, api, consoleErrors }) => {
    consoleErrors.allow(/health.*400|status of 400/, "the health check's 400 for a refused key");
    const uid = await api.createDataSource(`rust-w-${Date.now()}`, upstreamSettings('not-the-key'), RUST_DATASOURCE_PLUGIN);
    const health = await api.request.get(`${api.base}api/datasources/uid/${uid}/health`);
    expect(health.status()).toBe(400);
    expect((await health.json()).message).toBe('The upstream refused the API key (HTTP 401)');
    await page.goto(`connections/datasources/edit/${uid}`);
    await expect(page.getByLabel('URL', { exact: true })).toBeEnabled();
    await page.getByRole('button', { name: 'Save & test' }).click();
    await expect(page.getByTestId('testing-status')).toContainText('The upstream refused the API key (HTTP 401)');
  });

  test('POST /api/ds/query returns the backend\'s frame', async ({ api }) => {
    const uid = await api.createDataSource(`rust-d-${Date.now()}`, upstreamSettings(), RUST_DATASOURCE_PLUGIN);
    const answer = await api.send('POST', '/ds/query', {
      from: '1700000000000',
      to: '1700000600000',
      queries: [{ refId: 'A', datasource: { type: RUST_DATASOURCE_PLUGIN, uid }, queryText: 'requests' }],
    });
    const frame = answer.results.A.frames[0];
    expect(frame.schema.fields.map((f: { name: string; type: string }) => [f.name, f.type])).toEqual([
      ['time', 'time'],
      ['requests', 'number'],
    ]);
    expect(frame.data.values).toEqual([
      [1_700_000_000_000, 1_700_000_060_000],
      [1, 2],
    ]);
  });
});
