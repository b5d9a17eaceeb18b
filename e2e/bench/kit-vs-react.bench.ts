// make bench's browser half: the kit and the React reference (React 19 + @grafana/ui 13.2,
// bench/react-reference) side by side in one headless Chromium, implementations
// alternated, medians with min and max after warm-up. Every figure is measured inside
// the page with the same probe (bench/probe.js) for both. Writes the figures to
// BENCH_OUT for bench/run.mjs, which prints the table and checks the budgets; asserts
// nothing about speed.
import { test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDevserver, type RunningDevserver } from '../support/devserver';

const SITE = process.env.BENCH_SITE ?? join(__dirname, '../../target/bench/site');
const HOST_DIST = process.env.HOST_DIST ?? join(__dirname, '../host/dist/react19');
const OUT = process.env.BENCH_OUT ?? join(__dirname, '../../target/bench/browser.json');
const SIZES = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').map(Number);
const IMPLEMENTATIONS = ['react', 'kit'] as const;
type Implementation = (typeof IMPLEMENTATIONS)[number];
const NAMES: Record<Implementation, string> = { react: 'React', kit: 'kit' };

interface Figure {
  id: string;
  figure: string;
  value: number;
  unit: string;
  detail: string;
}
const figures: Figure[] = [];

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1], n: s.length };
}

function show(f: Figure) {
  figures.push(f);
  console.log(`  ${f.figure.padEnd(72)} ${f.value.toFixed(2).padStart(9)} ${f.unit.padEnd(4)} ${f.detail}`);
}

function record(id: string, figure: string, samples: number[], unit = 'ms') {
  const { median, min, max, n } = stats(samples);
  show({ id, figure, value: median, unit, detail: `median of ${n} (min ${min.toFixed(2)}, max ${max.toFixed(2)})` });
}

function value(id: string, figure: string, v: number, unit: string, detail = '') {
  show({ id, figure, value: v, unit, detail });
}

async function signIn(context: BrowserContext, base: string) {
  const res = await context.request.post(`${base}/login`, { data: { user: 'admin', password: 'admin' } });
  if (res.status() !== 200) throw new Error(`sign-in answered ${res.status()}`);
}

/** A fresh context (empty HTTP cache) with the probe installed before any page script. */
async function freshContext(browser: Browser, probe: string) {
  const context = await browser.newContext();
  await context.addInitScript(probe);
  return context;
}

async function openPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(url);
  await page.evaluate(() => (window as any).bench.ready);
  return page;
}

/** One keystroke in the URL input → onOptionsChange → the host's re-render → layout. */
function keystrokes(page: Page, count: number): Promise<number[]> {
  return page.evaluate(async (count) => {
    const { bench, benchProbe: probe } = window as any;
    const root = document.createElement('div');
    document.body.append(root);
    const mounted = bench.mountEditor(root, probe.settings());
    await probe.waitFor(() => probe.byLabel(root, 'URL'));
    const input = probe.byLabel(root, 'URL');
    const samples: number[] = [];
    for (let i = 0; i < count; i++) {
      const text = `http://localhost:8080/${i}`;
      const renders = mounted.renders;
      const t0 = performance.now();
      probe.type(input, text);
      await probe.waitFor(() => mounted.renders > renders && mounted.last?.url === text && input.value === text);
      probe.settle();
      samples.push(performance.now() - t0);
    }
    mounted.unmount();
    root.remove();
    return samples;
  }, count);
}

/** Reset of a configured secret → the password input in its place → layout. */
function resets(page: Page, count: number): Promise<number[]> {
  return page.evaluate(async (count) => {
    const { bench, benchProbe: probe } = window as any;
    const samples: number[] = [];
    for (let i = 0; i < count; i++) {
      const root = document.createElement('div');
      document.body.append(root);
      const mounted = bench.mountEditor(root, probe.settings());
      await probe.waitFor(() => probe.buttonNamed(root, 'Reset'));
      const button = probe.buttonNamed(root, 'Reset');
      // The editor is on screen before anyone clicks: laid out first, outside the timing.
      probe.settle();
      const t0 = performance.now();
      button.click();
      await probe.waitFor(() => {
        const input = root.querySelector('input[type=password]') as HTMLInputElement | null;
        return Boolean(input && !input.disabled);
      });
      probe.settle();
      samples.push(performance.now() - t0);
      if (mounted.last?.secureJsonFields?.apiKey !== false || mounted.last?.secureJsonData?.apiKey !== '') {
        throw new Error('Reset did not send secureJsonFields.apiKey = false with an empty secureJsonData.apiKey');
      }
      mounted.unmount();
      root.remove();
    }
    return samples;
  }, count);
}

/** `count` mount/type/Reset/unmount cycles with a 100 KB jsonData value. */
function cycles(page: Page, count: number): Promise<void> {
  return page.evaluate(async (count) => {
    const { bench, benchProbe: probe } = window as any;
    const big = 'x'.repeat(100_000);
    for (let i = 0; i < count; i++) {
      const root = document.createElement('div');
      document.body.append(root);
      const mounted = bench.mountEditor(root, probe.settings(big));
      await probe.waitFor(() => probe.byLabel(root, 'URL') && probe.buttonNamed(root, 'Reset'));
      probe.type(probe.byLabel(root, 'URL'), `http://cycle/${i}`);
      probe.buttonNamed(root, 'Reset').click();
      await probe.waitFor(() => root.querySelector('input[type=password]'));
      mounted.unmount();
      root.remove();
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 0));
    }
  }, count);
}

async function memory(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  const wasm = await page.evaluate(() => (window as any).bench.wasmMemoryBytes() as number);
  await cdp.detach();
  return { heap: heap.usedSize, wasm };
}

/** Mount the list → "Showing 1–30 of N"; Next page → "Showing 31–60 of N"; typing → results. */
function listScenario(page: Page, size: number) {
  return page.evaluate(async (size) => {
    const { bench, benchProbe: probe } = window as any;
    const text = (root: Element) => root.textContent ?? '';
    const until = (what: string) =>
      probe.waitFor(() => text(root).includes(what), 30_000).catch(() => {
        throw new Error(`${bench.implementation}: no "${what}" in: ${text(root).slice(0, 300)} (at ${location.href})`);
      });
    const root = document.createElement('div');
    document.body.append(root);
    const first = Math.min(30, size);
    let t0 = performance.now();
    const mounted = bench.mountList(root);
    await until(`Showing 1–${first} of ${size}`);
    probe.settle();
    const open = performance.now() - t0;
    const button = probe.buttonNamed(root, 'Next page');
    t0 = performance.now();
    button.click();
    await until(`Showing 31–${Math.min(60, size)} of ${size}`);
    probe.settle();
    const next = performance.now() - t0;
    // Search as you type: "bench-00001" a character at a time, 40 ms apart; from the last
    // keystroke to its ten results (bench-000010 … bench-000019). Includes the 300 ms
    // debounce both implementations use.
    const search = root.querySelector('input[placeholder="Search service account by name"]') as HTMLInputElement;
    const query = 'bench-00001';
    for (let i = 1; i < query.length; i++) {
      probe.type(search, query.slice(0, i));
      await new Promise((r) => setTimeout(r, 40));
    }
    t0 = performance.now();
    probe.type(search, query);
    await until('Showing 1–10 of 10');
    probe.settle();
    const typed = performance.now() - t0;
    mounted.unmount();
    root.remove();
    return { open, next, typed };
  }, size);
}

async function createAccounts(context: BrowserContext, base: string, from: number, to: number) {
  const batch = 16;
  for (let i = from; i < to; i += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, to - i) }, async (_, k) => {
        const res = await context.request.post(`${base}/api/serviceaccounts`, {
          data: { name: `bench-${String(i + k).padStart(6, '0')}` },
          headers: { Origin: base },
        });
        if (res.status() !== 201) throw new Error(`creating an account answered ${res.status()}`);
      })
    );
  }
}

test('the kit beside the React reference', async ({ browser }) => {
  test.setTimeout(20 * 60_000);
  const probe = readFileSync(join(SITE, 'probe.js'), 'utf8');
  const site: RunningDevserver = await startDevserver({ dist: SITE });
  const host: RunningDevserver = await startDevserver({ dist: HOST_DIST });
  const url = (implementation: Implementation, page: string, query = '') =>
    `${site.baseURL}/${implementation}/${page}.html${query}`;

  /** Navigation start → an enabled "URL" input, in a fresh context. */
  async function coldLoad(target: string, signInTo?: string): Promise<number> {
    const context = await freshContext(browser, probe);
    try {
      if (signInTo) await signIn(context, signInTo);
      const page = await context.newPage();
      await page.goto(target);
      const ready = await page.waitForFunction(() => (window as any).__urlReadyAt as number | undefined, undefined, {
        timeout: 30_000,
      });
      return (await ready.jsonValue()) as number;
    } finally {
      await context.close();
    }
  }

  try {
    // ---- cold load: 2 warm-ups, then 10 each, alternated --------------------------
    const hostContext = await browser.newContext();
    await signIn(hostContext, host.baseURL);
    const created = await hostContext.request.post(`${host.baseURL}/api/datasources`, {
      data: { name: 'bench', type: 'leptos-grafana-example-datasource', access: 'proxy', url: 'http://localhost:8080' },
      headers: { Origin: host.baseURL },
    });
    const uid = (await created.json()).datasource.uid as string;
    await hostContext.close();
    const cold: Record<Implementation | 'host', number[]> = { react: [], kit: [], host: [] };
    for (let run = 0; run < 12; run++) {
      for (const implementation of IMPLEMENTATIONS) {
        const t = await coldLoad(url(implementation, 'editor', '?autoload'));
        if (run >= 2) cold[implementation].push(t);
      }
      const t = await coldLoad(`${host.baseURL}/connections/datasources/edit/${uid}`, host.baseURL);
      if (run >= 2) cold.host.push(t);
    }
    console.log('config editor:');
    record('cold_load_react_ms', 'cold load → URL input enabled, React + @grafana/ui (page alone)', cold.react);
    record('cold_load_kit_ms', 'cold load → URL input enabled, kit (package alone)', cold.kit);
    record('cold_load_kit_host_ms', 'cold load → URL input enabled, kit plugin in the Grafana-like host', cold.host);

    // ---- keystroke and Reset: one page each, batches alternated -------------------
    const context = await freshContext(browser, probe);
    const pages: Record<Implementation, Page> = {
      react: await openPage(context, url('react', 'editor')),
      kit: await openPage(context, url('kit', 'editor')),
    };
    const keys: Record<Implementation, number[]> = { react: [], kit: [] };
    const reset: Record<Implementation, number[]> = { react: [], kit: [] };
    for (const implementation of IMPLEMENTATIONS) {
      await keystrokes(pages[implementation], 10);
      await resets(pages[implementation], 5);
    }
    for (let round = 0; round < 4; round++) {
      for (const implementation of IMPLEMENTATIONS) {
        keys[implementation].push(...(await keystrokes(pages[implementation], 15)));
        reset[implementation].push(...(await resets(pages[implementation], 8)));
      }
    }
    for (const implementation of IMPLEMENTATIONS) {
      record(`keystroke_${implementation}_ms`, `keystroke → onOptionsChange → painted, ${NAMES[implementation]}`, keys[implementation]);
    }
    for (const implementation of IMPLEMENTATIONS) {
      record(`reset_${implementation}_ms`, `Reset → password input painted, ${NAMES[implementation]}`, reset[implementation]);
    }

    // ---- memory: 1 → 100 → 1,000 mount/type/Reset/unmount cycles (100 KB jsonData) ----
    const mib = (b: number) => b / 1024 / 1024;
    for (const implementation of IMPLEMENTATIONS) {
      const page = pages[implementation];
      const name = NAMES[implementation];
      await cycles(page, 1);
      const at1 = await memory(page);
      await cycles(page, 99);
      const at100 = await memory(page);
      await cycles(page, 900);
      const at1000 = await memory(page);
      value(`heap_1_${implementation}_mib`, `JS heap after 1 mount cycle, ${name}`, mib(at1.heap), 'MiB');
      value(`heap_100_${implementation}_mib`, `JS heap after 100 mount cycles, ${name}`, mib(at100.heap), 'MiB');
      value(`heap_1000_${implementation}_mib`, `JS heap after 1,000 mount cycles, ${name}`, mib(at1000.heap), 'MiB');
      value(
        `heap_growth_${implementation}_kib`,
        `JS heap growth 100 → 1,000 mount cycles, ${name}`,
        (at1000.heap - at100.heap) / 1024,
        'KiB'
      );
      if (implementation === 'kit') {
        value('wasm_1_kit_mib', 'wasm memory after 1 mount cycle, kit', mib(at1.wasm), 'MiB');
        value('wasm_100_kit_mib', 'wasm memory after 100 mount cycles, kit', mib(at100.wasm), 'MiB');
        value('wasm_1000_kit_mib', 'wasm memory after 1,000 mount cycles, kit', mib(at1000.wasm), 'MiB');
        value('wasm_growth_kit_kib', 'wasm memory growth 100 → 1,000 mount cycles, kit', (at1000.wasm - at100.wasm) / 1024, 'KiB');
      }
    }
    await context.close();

    // ---- service-account list at 100 / 1,000 / 10,000 accounts ----------------------
    const listContext = await freshContext(browser, probe);
    await signIn(listContext, site.baseURL);
    const lists: Record<Implementation, Page> = {
      react: await openPage(listContext, url('react', 'list')),
      kit: await openPage(listContext, url('kit', 'list')),
    };
    let accounts = 0;
    for (const size of SIZES) {
      await createAccounts(listContext, site.baseURL, accounts, size);
      accounts = size;
      const open: Record<Implementation, number[]> = { react: [], kit: [] };
      const next: Record<Implementation, number[]> = { react: [], kit: [] };
      const typed: Record<Implementation, number[]> = { react: [], kit: [] };
      for (let run = 0; run < 6; run++) {
        for (const implementation of IMPLEMENTATIONS) {
          const r = await listScenario(lists[implementation], size);
          if (run === 0) continue;
          open[implementation].push(r.open);
          next[implementation].push(r.next);
          typed[implementation].push(r.typed);
        }
      }
      console.log(`service-account list, ${size} accounts:`);
      for (const implementation of IMPLEMENTATIONS) {
        const name = NAMES[implementation];
        record(`list_open_${size}_${implementation}_ms`, `list open → first page painted, ${size} accounts, ${name}`, open[implementation]);
        record(`list_next_${size}_${implementation}_ms`, `Next page → painted, ${size} accounts, ${name}`, next[implementation]);
        record(`list_search_${size}_${implementation}_ms`, `last keystroke → results painted, ${size} accounts, ${name}`, typed[implementation]);
      }
    }
    await listContext.close();
  } finally {
    writeFileSync(OUT, JSON.stringify(figures, null, 2));
    await site.stop();
    await host.stop();
  }
});
