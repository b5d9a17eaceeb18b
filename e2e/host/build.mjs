// Builds the Grafana-like host three times, as the Grafanas plugins meet today:
//   dist/react19/: React 19 with @grafana/data, ui and runtime 13.2 (Grafana 13.2)
//   dist/react18/: React 18 with @grafana/data, ui and runtime 13.1 (Grafana 13.1 and 12)
//   dist/react19-dev/: the react19 host as a development build, rendered in StrictMode
// Each folder is what devserver serves as its UI (`--dist`): index.html for every route,
// the host's bundle, and SystemJS 6 with the amd and named-register extras.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const systemjs = join(here, '../../node_modules/systemjs/dist');

const react18 = {
  react: 'react-18',
  'react-dom': 'react-dom-18',
  '@grafana/data': 'grafana-13.1-data',
  '@grafana/ui': 'grafana-13.1-ui',
  '@grafana/runtime': 'grafana-13.1-runtime',
};
// react19-dev: React's development build inside <StrictMode>, as `npm run server` runs a
// plugin in Grafana's development image: every effect runs, is cleaned up and runs again.
const variants = {
  react19: { alias: {}, development: false },
  react18: { alias: react18, development: false },
  'react19-dev': { alias: {}, development: true },
};

for (const [name, { alias, development }] of Object.entries(variants)) {
  const out = join(here, 'dist', name);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'systemjs/extras'), { recursive: true });
  await esbuild.build({
    entryPoints: { host: join(here, 'src/main.tsx') },
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: !development && process.env.HOST_MINIFY !== "0",
    target: 'es2020',
    jsx: 'automatic',
    alias,
    define: {
      'process.env.NODE_ENV': development ? '"development"' : '"production"',
      global: 'globalThis',
      HOST_VARIANT: JSON.stringify(name),
      // SystemJS's amd extra makes `define` global; bundled UMD packages (lodash) must not
      // take that path, as webpack's build of Grafana does not.
      define: 'undefined',
    },
    loader: { '.svg': 'text', '.woff': 'empty', '.woff2': 'empty', '.ttf': 'empty', '.png': 'empty' },
    logLevel: 'warning',
    legalComments: 'none',
  });
  // Grafana's boot data and theme exist before any module loads: a classic script of its own.
  await esbuild.build({
    entryPoints: { boot: join(here, 'src/boot.ts') },
    outdir: out,
    bundle: true,
    format: 'iife',
    globalName: 'hostBoot',
    minify: true,
    target: 'es2020',
    define: { HOST_VARIANT: JSON.stringify(name) },
    logLevel: 'warning',
  });
  cpSync(join(here, 'index.html'), join(out, 'index.html'));
  for (const f of ['system.min.js', 'extras/amd.min.js', 'extras/named-register.min.js']) {
    cpSync(join(systemjs, f), join(out, 'systemjs', f));
  }
  console.log(`host: built ${name} into ${out}`);
}
