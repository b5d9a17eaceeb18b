import { join } from 'node:path';
import { startDevserver, type RunningDevserver } from './devserver';

declare global {
  // eslint-disable-next-line no-var
  var __devserver: RunningDevserver | undefined;
}

// One devserver for the whole run; tests read its URL and database path from the env.
// The example app plugin is registered, so its managed service account exists; the
// secure socks proxy is announced, so editors show its switch.
export default async function globalSetup() {
  const server = await startDevserver({
    args: ['--plugin', join(__dirname, '../../embed/examples/app/src/plugin.json'), '--secure-socks-datasource-proxy'],
  });
  globalThis.__devserver = server;
  process.env.E2E_BASE_URL = server.baseURL;
  process.env.E2E_DB_PATH = server.dbPath;
}
