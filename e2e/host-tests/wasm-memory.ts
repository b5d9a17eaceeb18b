// Test instrumentation for the memory tests: remember every wasm memory the page
// instantiates (the kit's packages and a plugin author's), and read their sizes.
import type { Page } from '@playwright/test';

type WithMemories = { __wasmMemories: WebAssembly.Memory[] };

/** Installs the recorder before any script of the page runs. */
export async function recordWasmMemories(page: Page) {
  await page.addInitScript(() => {
    const memories: WebAssembly.Memory[] = [];
    (window as unknown as WithMemories).__wasmMemories = memories;
    const instantiate = WebAssembly.instantiate;
    WebAssembly.instantiate = async function (...args: Parameters<typeof WebAssembly.instantiate>) {
      const result = await (instantiate as (...a: unknown[]) => Promise<unknown>).apply(WebAssembly, args);
      const instance = (result as { instance?: WebAssembly.Instance }).instance ?? (result as WebAssembly.Instance);
      const memory = instance.exports?.memory;
      if (memory instanceof WebAssembly.Memory) memories.push(memory);
      return result;
    } as typeof WebAssembly.instantiate;
  });
}

/** The bytes of every wasm memory the page has instantiated. */
export function wasmMemoryBytes(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as WithMemories).__wasmMemories.reduce((sum, m) => sum + m.buffer.byteLength, 0));
}
