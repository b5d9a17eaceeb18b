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
//   host-react18   the tests where React's version or the sub-path matters (the glue's
//                  mounts, the app's routes, the Rust example), with React 18 and
//                  @grafana/* 13.1, under the /grafana sub-path, with fetch wrapped the way
//                  Faro/OpenTelemetry wrap it. The React 19 host alone runs the rest: the
//                  dsconfig editor and the proxy routes (the same glue path as the
//                  ConfigEditor's, server-side rules), the kit's memory bound (the Rust
//                  example's runs in both) and strict-mode.spec.ts (its development host)
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
        // Baseline (Liftoff) code only: every test loads the kit's wasm into a fresh context,
        // and optimising its hot functions again each time cost about 15 % of the app
        // project's time on two cores. What runs is the same code; make bench (its own
        // config) keeps Chromium's default tiering.
        '--js-flags=--no-wasm-tier-up',
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
      // See the project list above.
      testIgnore: /(strict-mode|dsconfig|proxy-routes|memory)\.spec\.ts/,
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
