// The page API both implementations offer `make bench` (see bench/kit/ for the kit's):
// mount, count the host's renders and the editor's changes, unmount.
export interface Mounted {
  /** Host re-renders after onOptionsChange (the settings page rendering the editor again). */
  renders: number;
  /** onOptionsChange calls. */
  changes: number;
  /** The last settings onOptionsChange handed over. */
  last: unknown;
  unmount(): void;
}

export interface BenchApi {
  implementation: 'react' | 'kit';
  ready: Promise<void>;
  mountEditor?(element: HTMLElement, options: object): Mounted;
  mountList?(element: HTMLElement): Mounted;
  wasmMemoryBytes(): number;
}

declare global {
  interface Window {
    bench: BenchApi;
  }
}

/** bench/probe.js, loaded before the page. */
export interface BenchProbe {
  settings(bigValue?: string): object;
}

declare global {
  interface Window {
    benchProbe?: BenchProbe;
  }
}
