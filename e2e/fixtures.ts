// Shared test fixtures of the app project: one devserver per worker (its URL as baseURL,
// its database path in E2E_DB_PATH for the tests that read the SQLite file), and the
// console watcher of support/console.ts (`consoleErrors`, set up for every test): after
// the test body it fails the test on any console error or uncaught exception the test did
// not declare with `consoleErrors.allow(…)`.
import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { join } from 'node:path';
import { test as watched } from './support/console';
import { startDevserver, type RunningDevserver } from './support/devserver';

type WorkerFixtures = { appServer: RunningDevserver };

export const test = watched.extend<{}, WorkerFixtures>({
  // The example app plugin is registered, so its managed service account exists; the
  // secure socks proxy is announced, so editors show its switch. Each worker has its own
  // server and database, so test files never see each other's data or injected faults.
  appServer: [
    async ({}, use) => {
      const server = await startDevserver({
        args: ['--plugin', join(__dirname, '../embed/examples/app/src/plugin.json'), '--secure-socks-datasource-proxy'],
      });
      process.env.E2E_DB_PATH = server.dbPath;
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ appServer }, use) => {
    await use(appServer.baseURL);
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
