// Loads the kit's WebAssembly once per page, the way Grafana lets a plugin load it.
//
// - The URL comes from the bundler: `new URL(…, import.meta.url)` is a webpack 5 asset, so
//   inside a plugin it resolves against the run-time public path (`public/plugins/<id>/`,
//   under any `appSubUrl`, or a plugin CDN). Nothing is hard-coded.
// - Streaming compilation is kept where the host allows it. Grafana's telemetry (Faro /
//   OpenTelemetry) can wrap `fetch` so that its answer is not a real `Response`, which
//   `WebAssembly.compileStreaming` refuses: then the bytes are read and compiled from the
//   ArrayBuffer instead.
import init, * as kit from '../wasm/leptos_grafana.js';

export type Kit = typeof kit;

let loading: Promise<Kit> | undefined;

async function compile(url: URL): Promise<WebAssembly.Module> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`could not download ${url.pathname} (HTTP ${response.status})`);
  }
  try {
    return await WebAssembly.compileStreaming(response);
  } catch {
    // Not a real Response (a wrapped fetch), or served without `application/wasm`.
    const source = response.bodyUsed ? await fetch(url) : response;
    return WebAssembly.compile(await source.arrayBuffer());
  }
}

/** The kit's JavaScript API, once its WebAssembly is ready. A failure can be retried. */
export function loadKit(): Promise<Kit> {
  if (!loading) {
    const url = new URL('../wasm/leptos_grafana_bg.wasm', import.meta.url);
    loading = compile(url)
      .then((module) => init({ module_or_path: module }))
      .then(() => kit);
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}

/** A readable sentence for anything thrown while loading or mounting. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
