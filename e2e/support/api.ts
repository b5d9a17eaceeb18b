// What the app tests share besides the page: same-origin API calls as the signed-in user,
// and the bytes of the worker's SQLite file (the database and its WAL), to check that no
// secret is stored in clear.
import { existsSync, readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';

/** `method /api<path>` with the page's session cookie and Origin; fails the test on a 4xx/5xx. */
export async function api(page: Page, method: string, path: string, data?: unknown) {
  const res = await page.request.fetch(`/api${path}`, { method, data, headers: { Origin: new URL(page.url()).origin } });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
  return res.json();
}

/** The worker's devserver database file and WAL, as text. */
export function dbBytes(): string {
  const db = process.env.E2E_DB_PATH!;
  return [db, `${db}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('');
}
