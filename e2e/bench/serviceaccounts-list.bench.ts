// The service-account list with 100, 1,000 and 10,000 accounts in devserver: time from
// navigation to the first rows, and from "Next page" to the next rows. Prints figures;
// asserts only that the page works. Run by `make bench`, never by `make test`.
import { test, expect, type APIRequestContext } from '@playwright/test';
import { startDevserver } from '../support/devserver';

// Uses the browser's signed-in session (one password check in all, not one per request).
async function createAccounts(request: APIRequestContext, base: string, from: number, to: number) {
  const auth = { Origin: base };
  const batch = 32;
  for (let i = from; i < to; i += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, to - i) }, (_, k) =>
        request.post(`${base}/api/serviceaccounts`, { data: { name: `bench-${String(i + k).padStart(6, '0')}` }, headers: auth }),
      ),
    );
  }
}

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const SIZES = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').map(Number);

test('list page render and paging times', async ({ page }) => {
  const request = page.request;
  const server = await startDevserver();
  try {
    await page.goto(`${server.baseURL}/login`);
    await page.getByLabel('Email or username').fill('admin');
    await page.getByLabel('Password').fill('admin');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    let created = 0;
    for (const size of SIZES) {
      await createAccounts(request, server.baseURL, created, size);
      created = size;
      const open: number[] = [];
      const next: number[] = [];
      for (let run = 0; run < 5; run++) {
        const t0 = Date.now();
        await page.goto(`${server.baseURL}/org/serviceaccounts`);
        await expect(page.getByText(`Showing 1–30 of ${size}`)).toBeVisible();
        open.push(Date.now() - t0);
        const t1 = Date.now();
        await page.getByRole('button', { name: 'Next page' }).click();
        await expect(page.getByText(`Showing 31–60 of ${size}`)).toBeVisible();
        next.push(Date.now() - t1);
      }
      console.log(`service-account list, ${size} accounts: open p50 ${median(open)} ms (max ${Math.max(...open)}), next page p50 ${median(next)} ms (max ${Math.max(...next)})`);
    }
  } finally {
    await server.stop();
  }
});
