// Loads one of the kit's WebAssembly packages once per page, the way Grafana lets a plugin
// load it. Each entry point has its own package (`configEditorKit.ts`,
// `serviceAccountsKit.ts`): a data source plugin never downloads the service-account pages.
//
// - The URL comes from the bundler: `new URL(…, import.meta.url)`, written out in each
//   entry's module, is a webpack 5 asset, so inside a plugin it resolves against the
//   run-time public path (`public/plugins/<id>/`, under any `appSubUrl`, or a plugin CDN).
//   Nothing is hard-coded.
// - Streaming compilation is kept where the host allows it. Grafana's telemetry (Faro /
//   OpenTelemetry) can wrap `fetch` so that its answer is not a real `Response`, which
//   `WebAssembly.compileStreaming` refuses: only then are the bytes read and compiled from
//   an ArrayBuffer.

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

/** wasm-bindgen's `init` of a `--target web` package. */
type Init = (options: { module_or_path: WebAssembly.Module }) => Promise<unknown>;

/**
 * A loader of one package: the first call downloads, compiles and instantiates it; every
 * later call gets the same promise. A failure can be retried.
 */
export function wasmLoader<K>(init: Init, kit: K, url: () => URL): () => Promise<K> {
  let loading: Promise<K> | undefined;
  return () => {
    if (!loading) {
      loading = compile(url())
        .then((module) => init({ module_or_path: module }))
        .then(() => kit);
      loading.catch(() => {
        loading = undefined;
      });
    }
    return loading;
  };
}

/** A readable sentence for anything thrown while loading or mounting. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
