// Starts the development OpenID provider (devserver/oidc-provider: oidc-provider from npm)
// on a free loopback port, and the devserver flags that sign in with it.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface DevProvider {
  issuer: string;
  /** devserver's --generic-oauth-* flags for this provider. */
  devserverArgs: string[];
  process: ChildProcess;
  stop(): Promise<void>;
}

export const PROVIDER_NAME = 'Dev OIDC';

export async function startDevProvider(): Promise<DevProvider> {
  const child = spawn(process.execPath, [join(__dirname, '../../devserver/oidc-provider/server.mjs'), '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d) => (err += d.toString()));
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the dev OIDC provider did not start in 20 s: ${err}`)), 20_000);
    child.stdout?.on('data', (d) => {
      out += d.toString();
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the dev OIDC provider exited with ${code}: ${err}`));
    });
  });
  return {
    issuer,
    devserverArgs: [
      '--generic-oauth-name', PROVIDER_NAME,
      '--generic-oauth-client-id', 'grafana',
      '--generic-oauth-client-secret', 'grafana-dev-secret',
      '--generic-oauth-auth-url', `${issuer}/auth`,
      '--generic-oauth-token-url', `${issuer}/token`,
      '--generic-oauth-api-url', `${issuer}/me`,
      '--generic-oauth-role-attribute', 'grafana_role',
    ],
    process: child,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    },
  };
}
