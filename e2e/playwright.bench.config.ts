import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// `make bench` only: timings printed, nothing asserted about speed.
export default defineConfig({
  ...base,
  testDir: './bench',
  testMatch: '**/*.bench.ts',
  globalSetup: undefined,
  globalTeardown: undefined,
  projects: undefined,
  timeout: 600_000,
});
