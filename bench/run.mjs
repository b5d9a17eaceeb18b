// make bench, after the release builds (see the Makefile's bench target):
//
//   1. the bench site: bench/probe.js, the kit's pages (bench/kit/ with the two wasm
//      packages) and the React reference's (bench/react-reference/dist/);
//   2. sizes (raw, gzip -9, brotli 11) of what a plugin ships, and what each editor adds
//      inside Grafana, where React and @grafana/ui come with Grafana;
//   3. devserver-bench (search, token authentication, concurrent load, health under attack);
//   4. the kit beside the React reference in one headless Chromium (e2e/bench/);
//   5. twiggy notes on the config editor's package;
//
// then one table (figure, value, budget, pass/fail) against bench/budgets.json, printed and
// written to bench/results.json. Exits non-zero if a step fails, not if a budget does.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'target/bench');
const site = join(out, 'site');
const budgets = JSON.parse(readFileSync(join(root, 'bench/budgets.json'), 'utf8'));
const figures = [];
const KiB = 1024;

function step(title) {
  console.log(`\n==> ${title}`);
}

function run(cmd, args, options = {}) {
  execFileSync(cmd, args, { cwd: root, stdio: 'inherit', ...options });
}

// ---- 1. the bench site ----------------------------------------------------------------
step('bench site');
rmSync(site, { recursive: true, force: true });
mkdirSync(site, { recursive: true });
cpSync(join(root, 'bench/probe.js'), join(site, 'probe.js'));
cpSync(join(root, 'bench/kit'), join(site, 'kit'), { recursive: true });
for (const pkg of ['config-editor', 'service-accounts']) {
  mkdirSync(join(site, 'kit', pkg));
  for (const file of ['leptos_grafana.js', 'leptos_grafana_bg.wasm']) {
    cpSync(join(root, 'embed/react/wasm', pkg, file), join(site, 'kit', pkg, file));
  }
}
cpSync(join(root, 'bench/react-reference/dist'), join(site, 'react'), { recursive: true });
// @grafana/ui's icons, where Grafana serves them (its Icon fetches each SVG once).
cpSync(join(root, 'node_modules/@grafana/ui/dist/public/img'), join(site, 'react/public/build/img'), { recursive: true });
console.log(`  ${site}`);

// ---- 2. sizes ---------------------------------------------------------------------------
step('sizes');
function compressed(files) {
  const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
  // Each file is sent (and compressed) on its own.
  const each = (fn) => files.reduce((sum, f) => sum + fn(readFileSync(f)).length, 0);
  return {
    raw: bytes.length,
    gzip: each((b) => zlib.gzipSync(b, { level: 9 })),
    brotli: each((b) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } })),
  };
}

function size(id, figure, files) {
  const s = compressed(files);
  const detail = `raw ${(s.raw / KiB).toFixed(1)} KiB, gzip ${(s.gzip / KiB).toFixed(1)} KiB (${files.length} file${files.length > 1 ? 's' : ''})`;
  figures.push({ id, figure, value: s.brotli / KiB, unit: 'KiB', detail: `brotli; ${detail}` });
  figures.push({ id: id.replace(/_brotli_kib$/, '_raw_kib'), figure: `${figure}, raw`, value: s.raw / KiB, unit: 'KiB', detail: '' });
  figures.push({ id: id.replace(/_brotli_kib$/, '_gzip_kib'), figure: `${figure}, gzip`, value: s.gzip / KiB, unit: 'KiB', detail: '' });
}

const files = (dir, pattern) =>
  readdirSync(dir)
    .filter((f) => pattern.test(f))
    .map((f) => join(dir, f));
const pkg = (name) => files(join(root, 'embed/react/wasm', name), /^leptos_grafana(_bg\.wasm|\.js)$/);

size('config_editor_brotli_kib', 'config editor package (wasm + JS glue)', pkg('config-editor'));
size('service_accounts_brotli_kib', 'service-account pages package (wasm + JS glue)', pkg('service-accounts'));
size('full_app_brotli_kib', 'full standalone app (dist/: wasm, JS, CSS, HTML)', files(join(root, 'dist'), /\.(wasm|js|css|html)$/));

// The pages as each implementation loads them on its own.
const reactEditorHtml = readFileSync(join(root, 'bench/react-reference/dist/editor.html'), 'utf8');
const reactEditorFiles = [...reactEditorHtml.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) =>
  join(root, 'bench/react-reference/dist', m[1])
);
size('editor_page_react_brotli_kib', 'editor page JS, React 19 + @grafana/ui (alone, no Grafana)', reactEditorFiles);
size('editor_page_kit_brotli_kib', 'editor page JS + wasm, kit (alone, no Grafana)', [
  join(root, 'bench/kit/editor.js'),
  ...pkg('config-editor'),
]);

// What each editor's plugin adds inside Grafana, where React and @grafana/* are shared.
const reactModule = join(out, 'react-config-editor-module.js');
await esbuild.build({
  stdin: {
    contents: "export { ConfigEditor } from './src/ConfigEditor';",
    resolveDir: join(root, 'bench/react-reference'),
    loader: 'ts',
  },
  outfile: reactModule,
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2020',
  jsx: 'automatic',
  external: ['react', 'react/jsx-runtime', 'react-dom', '@grafana/*'],
  logLevel: 'warning',
  legalComments: 'none',
});
size('inside_grafana_react_brotli_kib', 'inside Grafana: React editor module.js (React, @grafana/ui shared)', [reactModule]);
size('inside_grafana_kit_brotli_kib', 'inside Grafana: kit data source plugin (module.js + wasm)', [
  ...files(join(root, 'embed/examples/datasource/dist'), /^(module\.js|.*\.wasm)$/),
]);
for (const f of figures) {
  if (f.id.endsWith('_brotli_kib')) console.log(`  ${f.figure.padEnd(72)} ${f.value.toFixed(1).padStart(8)} KiB  ${f.detail}`);
}

// ---- 3. devserver-bench -------------------------------------------------------------------
step('devserver-bench');
const devserverJson = join(out, 'devserver.json');
run(join(root, 'target/release/devserver-bench'), ['--json', devserverJson]);
figures.push(...JSON.parse(readFileSync(devserverJson, 'utf8')));

// ---- 4. browser ---------------------------------------------------------------------------
step('the kit beside the React reference (headless Chromium)');
const browserJson = join(out, 'browser.json');
rmSync(browserJson, { force: true });
run('playwright', ['test', '-c', 'playwright.bench.config.ts', '--reporter=list'], {
  cwd: join(root, 'e2e'),
  env: {
    ...process.env,
    DEVSERVER_BIN: join(root, 'target/release/devserver'),
    BENCH_SITE: site,
    BENCH_OUT: browserJson,
    HOST_DIST: join(root, 'e2e/host/dist/react19'),
  },
});
figures.push(...JSON.parse(readFileSync(browserJson, 'utf8')));

// ---- 5. twiggy notes --------------------------------------------------------------------
step('twiggy: where the config editor package goes');
const notes = [];
const named = join(root, 'target/wasm-names/config-editor.wasm');
if (existsSync(named)) {
  const optimised = join(out, 'config-editor.named.wasm');
  run('wasm-opt', [
    ...'-Oz -g --enable-bulk-memory --enable-reference-types --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals'.split(' '),
    named,
    '-o',
    optimised,
  ]);
  const top = JSON.parse(execFileSync('twiggy', ['top', '-n', '100000', '--format', 'json', optimised], { maxBuffer: 1 << 28 }).toString());
  // The crate an item belongs to: `a::b` → a; `<A as t::Trait>` → A's crate when A is a
  // path, else the trait's (`<T as reactive_graph::traits::Update>` → reactive_graph).
  const pathCrate = (text) => text.replace(/^(&|mut |dyn |\(|\[)+/, '').match(/^([a-z_][a-z0-9_]*)(\[[0-9a-f]+\])?::/)?.[1];
  const crateOf = (name) => {
    if (name.startsWith('data segment')) return 'data (strings, tables, vtables)';
    if (/ shim|^elem\[|^type\[|^code\[|^import |^export /.test(name)) return 'wasm-bindgen glue, tables';
    if (name.startsWith('<')) {
      const [implementor, trait = ''] = name.slice(1).split(' as ');
      return pathCrate(implementor) ?? pathCrate(trait) ?? 'other';
    }
    return pathCrate(name) ?? 'other';
  };
  const byCrate = new Map();
  let total = 0;
  for (const item of top) {
    if (item.name.includes('function names')) continue;
    const crate = crateOf(item.name);
    byCrate.set(crate, (byCrate.get(crate) ?? 0) + item.shallow_size);
    total += item.shallow_size;
  }
  notes.push(`config-editor package, wasm code and data by crate (twiggy, ${(total / KiB).toFixed(0)} KiB before compression):`);
  for (const [crate, bytes] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, 14)) {
    notes.push(`  ${crate.padEnd(34)} ${(bytes / KiB).toFixed(1).padStart(7)} KiB  ${((bytes * 100) / total).toFixed(1).padStart(5)} %`);
  }
  notes.push('largest items:');
  for (const item of top.filter((i) => !i.name.includes('function names')).slice(0, 12)) {
    notes.push(`  ${(item.shallow_size / KiB).toFixed(1).padStart(6)} KiB  ${item.name.slice(0, 110)}`);
  }
} else {
  notes.push(`(no ${named}: build the packages with make embed-pkg first)`);
}
for (const line of notes) console.log(line);
writeFileSync(join(root, 'bench/twiggy-config-editor.txt'), `${notes.join('\n')}\n`);

// ---- the table --------------------------------------------------------------------------
const byId = new Map(figures.map((f) => [f.id, f]));
function ratio(id, figure, kit, react) {
  const a = byId.get(kit);
  const b = byId.get(react);
  if (a && b && b.value > 0) {
    const f = { id, figure, value: a.value / b.value, unit: '×', detail: `kit ${a.value.toFixed(2)} / React ${b.value.toFixed(2)} ${a.unit}` };
    figures.push(f);
    byId.set(id, f);
  }
}
ratio('cold_load_ratio', 'cold load, kit / React (pages alone)', 'cold_load_kit_ms', 'cold_load_react_ms');
ratio('cold_load_host_ratio', 'cold load, kit in the host / React page alone', 'cold_load_kit_host_ms', 'cold_load_react_ms');
ratio('keystroke_ratio', 'keystroke → painted, kit / React', 'keystroke_kit_ms', 'keystroke_react_ms');
ratio('reset_ratio', 'Reset → painted, kit / React', 'reset_kit_ms', 'reset_react_ms');
ratio('editor_page_ratio', 'editor page bytes (brotli), kit / React, pages alone', 'editor_page_kit_brotli_kib', 'editor_page_react_brotli_kib');
for (const size of [100, 1000, 10000]) {
  ratio(`list_open_${size}_ratio`, `list open, ${size} accounts, kit / React`, `list_open_${size}_kit_ms`, `list_open_${size}_react_ms`);
  ratio(`list_next_${size}_ratio`, `Next page, ${size} accounts, kit / React`, `list_next_${size}_kit_ms`, `list_next_${size}_react_ms`);
  ratio(`list_search_${size}_ratio`, `search as you type, ${size} accounts, kit / React`, `list_search_${size}_kit_ms`, `list_search_${size}_react_ms`);
}
ratio('search_growth_ratio', 'devserver search p50, 100k / 1k accounts (100× the accounts)', 'search_100000_p50_ms', 'search_1000_p50_ms');

const rows = figures.map((f) => {
  const budget = budgets[f.id];
  const pass = budget ? f.value <= budget.max : null;
  return { ...f, budget: budget ? budget.max : null, pass, why: budget?.why ?? null };
});
const format = (v) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));
console.log('\nmake bench results (medians; budgets from bench/budgets.json)\n');
console.log(`${'figure'.padEnd(78)} ${'value'.padStart(10)} ${'budget'.padStart(10)}  result`);
for (const r of rows) {
  if (/_(raw|gzip)_kib$/.test(r.id)) continue;
  const budget = r.budget === null ? '' : `≤ ${format(r.budget)}`;
  const result = r.pass === null ? '' : r.pass ? 'pass' : 'FAIL';
  console.log(`${r.figure.slice(0, 78).padEnd(78)} ${`${format(r.value)} ${r.unit}`.padStart(12)} ${budget.padStart(10)}  ${result}`);
}
const failed = rows.filter((r) => r.pass === false);
console.log(`\n${rows.filter((r) => r.pass !== null).length} budgets: ${failed.length === 0 ? 'all pass' : `${failed.length} not met: ${failed.map((r) => r.id).join(', ')}`}`);

// (Debian's chromium wrapper prints a shell warning on stderr; only the version is kept.)
const chromium = execFileSync('chromium', ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
writeFileSync(
  join(root, 'bench/results.json'),
  `${JSON.stringify({ date: new Date().toISOString(), chromium, cpus: (await import('node:os')).cpus().length, figures: rows }, null, 2)}\n`
);
console.log('written: bench/results.json, bench/twiggy-config-editor.txt');
