import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// `make bench` only: timings printed, nothing asserted about speed.
export default defineConfig({
  ...base,
  testDir: './bench',
  testMatch: '**/*.bench.ts',
  projects: undefined,
  // One at a time: figures are not shared with another browser.
  workers: 1,
  timeout: 600_000,
});
