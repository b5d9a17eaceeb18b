import { defineConfig } from '@playwright/test';
import { join } from 'node:path';
import type { HostOptions } from './host-tests/fixtures';

// Debian's Chromium; Playwright never downloads a browser here. The background-networking
// flags stop Chromium from calling hosts this network does not have.
//
// Projects:
//   app            the standalone app's release build against devserver (tests/)
//   host-react19   the example plugins in the Grafana-like host: React 19 and @grafana/* 13.2,
//                  served at the root, plain fetch (host-tests/)
//   host-react18   the same tests with React 18 and @grafana/* 13.1, under the /grafana
//                  sub-path, with fetch wrapped the way Faro/OpenTelemetry wrap it
//                  (strict-mode.spec.ts, in the React 19 development host, runs once)
//   author-react19 / author-react18   the two create-plugin scaffolds with the README's steps
//                  applied (embed/author-check/check.sh builds them into
//                  target/author-check/plugins), in the same two hosts (author-tests/)
// Two workers (the machines have two cores): a test file runs in one worker, start to end,
// against that worker's own devserver, so files never share data or injected faults.
const AUTHOR_PLUGINS = join(__dirname, '../target/author-check/plugins');

export default defineConfig<HostOptions>({
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'off',
  },
  projects: [
    { name: 'app', testDir: './tests' },
    {
      name: 'host-react19',
      testDir: './host-tests',
      use: { hostVariant: 'react19', appSubUrl: '', wrapFetch: false },
    },
    {
      name: 'host-react18',
      testDir: './host-tests',
      use: { hostVariant: 'react18', appSubUrl: '/grafana', wrapFetch: true },
      // The StrictMode development host is React 19's; one run of it is enough.
      testIgnore: /strict-mode\.spec\.ts/,
    },
    {
      name: 'author-react19',
      testDir: './author-tests',
      use: { hostVariant: 'react19', appSubUrl: '', wrapFetch: false, pluginsDir: AUTHOR_PLUGINS },
    },
    {
      name: 'author-react18',
      testDir: './author-tests',
      use: { hostVariant: 'react18', appSubUrl: '/grafana', wrapFetch: true, pluginsDir: AUTHOR_PLUGINS },
    },
  ],
});
