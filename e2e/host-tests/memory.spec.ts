// 100 mount/unmount cycles of the ConfigEditor through the React glue, as Grafana mounts
// and unmounts it: JS heap (after a forced GC) and the kit's wasm memory stay within a
// small bound. The figures are printed.
import { test, expect, openDataSource } from './fixtures';
import { recordWasmMemories, wasmMemoryBytes } from './wasm-memory';

const KiB = 1024;

test('100 mount/unmount cycles keep JS heap and wasm memory within a small bound', async ({ page, api }) => {
  test.setTimeout(120_000);
  await recordWasmMemories(page);
  const big = 'x'.repeat(100_000);
  const uid = await api.createDataSource(`memory-${Date.now()}`, { jsonData: { big }, secureJsonData: { apiKey: 'k' } });
  await openDataSource(page, uid);
  const cdp = await page.context().newCDPSession(page);

  const cycles = (n: number) =>
    page.evaluate(async (count) => {
      const button = (label: string) =>
        [...document.querySelectorAll('button')].find((b) => b.textContent === label) as HTMLButtonElement;
      const mounted = () => document.querySelector('[data-testid="config-editor-slot"] input') !== null;
      const until = async (condition: () => boolean) => {
        for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
        if (!condition()) throw new Error('the editor did not follow');
      };
      for (let i = 0; i < count; i++) {
        button('Hide editor').click();
        await until(() => !mounted());
        button('Show editor').click();
        await until(mounted);
      }
    }, n);

  const measure = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const wasm = await wasmMemoryBytes(page);
    return { heap: heap.usedSize, wasm };
  };

  await cycles(10);
  const before = await measure();
  await cycles(100);
  const after = await measure();
  const heapGrowth = after.heap - before.heap;
  const wasmGrowth = after.wasm - before.wasm;
  console.log(
    `memory after 10 → 110 mount/unmount cycles: JS heap ${(before.heap / KiB).toFixed(0)} → ${(after.heap / KiB).toFixed(0)} KiB ` +
      `(${(heapGrowth / KiB).toFixed(1)} KiB), wasm ${(before.wasm / KiB).toFixed(0)} → ${(after.wasm / KiB).toFixed(0)} KiB ` +
      `(${(wasmGrowth / KiB).toFixed(1)} KiB), with a 100 KB jsonData value`
  );
  expect(before.wasm).toBeGreaterThan(0);
  expect(wasmGrowth, 'wasm memory kept by 100 cycles').toBeLessThanOrEqual(64 * KiB);
  expect(heapGrowth, 'JS heap kept by 100 cycles').toBeLessThanOrEqual(1024 * KiB);
});
