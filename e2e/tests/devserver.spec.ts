// devserver basics seen from outside: health, client-side routes, unknown API routes.
import { test, expect } from '../fixtures';

test('GET /api/health answers in Grafana shape with the database ok', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.database).toBe('ok');
  expect(typeof body.version).toBe('string');
});

test('client-side routes load the app; unknown API routes are Grafana 404s', async ({ page, request }) => {
  const res = await page.goto('/no/such/page');
  expect(res?.status()).toBe(200);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  const api = await request.get('/api/no-such-route');
  expect(api.status()).toBe(404);
  expect(await api.json()).toEqual({ message: 'Not found' });
});
