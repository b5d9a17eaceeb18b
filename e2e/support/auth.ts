// Signing in through the real /login page, as a person would.
import { expect, type Page } from '@playwright/test';

export async function signIn(page: Page, user = 'admin', password = 'admin', path = '/') {
  await page.goto(`/login?redirect=${encodeURIComponent(path)}`);
  await page.getByLabel('Email or username').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL((url) => url.pathname === path.split('?')[0]);
}
