// Shared test fixtures: the devserver URL as baseURL, and a console watcher that fails
// a test when the page logs an error or throws.
import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { collectConsoleErrors } from './support/console';

type Fixtures = { consoleErrors: string[] };

export const test = base.extend<Fixtures>({
  baseURL: async ({}, use) => {
    const url = process.env.E2E_BASE_URL;
    if (!url) throw new Error('E2E_BASE_URL is not set: run through `make test-e2e`');
    await use(url);
  },
  consoleErrors: async ({ page }, use) => {
    await use(collectConsoleErrors(page));
  },
});

export { expect };

/** Waits until the wasm app has mounted (the header brand is rendered by Rust). */
export async function appReady(page: Page) {
  await expect(page.getByRole('link', { name: 'leptos-grafana' })).toBeVisible();
}

/** axe-core: the serious and critical violations on the page, as readable lines. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
