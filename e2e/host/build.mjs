// Builds the Grafana-like host twice, as the two Grafanas plugins meet today:
//   dist/react19/: React 19 with @grafana/data, ui and runtime 13.2 (Grafana 13.2)
//   dist/react18/: React 18 with @grafana/data, ui and runtime 13.1 (Grafana 13.1 and 12)
// Each folder is what devserver serves as its UI (`--dist`): index.html for every route,
// the host's bundle, and SystemJS 6 with the amd and named-register extras.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const systemjs = join(here, '../../node_modules/systemjs/dist');

const variants = {
  react19: {},
  react18: {
    react: 'react-18',
    'react-dom': 'react-dom-18',
    '@grafana/data': 'grafana-13.1-data',
    '@grafana/ui': 'grafana-13.1-ui',
    '@grafana/runtime': 'grafana-13.1-runtime',
  },
};

for (const [name, alias] of Object.entries(variants)) {
  const out = join(here, 'dist', name);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'systemjs/extras'), { recursive: true });
  await esbuild.build({
    entryPoints: { host: join(here, 'src/main.tsx') },
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: process.env.HOST_MINIFY !== "0",
    target: 'es2020',
    jsx: 'automatic',
    alias,
    define: {
      'process.env.NODE_ENV': '"production"',
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
