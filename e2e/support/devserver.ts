// Starts devserver on a free port (--port 0) with a temporary database, for the tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningDevserver {
  baseURL: string;
  dbPath: string;
  process: ChildProcess;
  /** Everything devserver has logged so far (its log goes to stdout, errors to stderr). */
  log(): string;
  stop(): Promise<void>;
}

export interface DevserverOptions {
  /** The UI folder (default: the standalone app, DIST_DIR or ../dist). */
  dist?: string;
  /** More command-line flags. */
  args?: string[];
  /** The plugins folder (default: the repository's embed/examples). */
  plugins?: string;
}

export async function startDevserver(options: DevserverOptions | string[] = {}): Promise<RunningDevserver> {
  const { dist: distDir, args: extraArgs = [], plugins: pluginsDir } = Array.isArray(options) ? { args: options } : options;
  const bin = process.env.DEVSERVER_BIN ?? join(__dirname, '../../target/debug/devserver');
  const dist = distDir ?? process.env.DIST_DIR ?? join(__dirname, '../../dist');
  const plugins = pluginsDir ?? join(__dirname, '../../embed/examples');
  const dir = mkdtempSync(join(tmpdir(), 'lg-e2e-'));
  const dbPath = join(dir, 'devserver.db');
  const child = spawn(bin, ['--port', '0', '--db', dbPath, '--dist', dist, '--plugins-dir', plugins, '--user', 'viewer:viewer:Viewer', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let out = '';
  child.stderr?.on('data', (d) => (stderr += d.toString()));
  child.stdout?.on('data', (d) => (out += d.toString()));
  const baseURL = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`devserver did not start in 20 s: ${stderr}`)), 20_000);
    child.stdout?.on('data', () => {
      const m = out.match(/devserver listening on (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`devserver exited with ${code}: ${stderr}`));
    });
  });
  return {
    baseURL,
    dbPath,
    process: child,
    log: () => out + stderr,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGINT');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
