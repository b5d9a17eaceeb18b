// The config editor's package (`wasm/config-editor/`: built with the kit's
// `config-editor` feature only): `mountConfigEditor` and nothing else.
import init, * as kit from '../wasm/config-editor/leptos_grafana.js';
import { wasmLoader } from './loadWasm.js';

export type ConfigEditorKit = typeof kit;

/** The config editor's JavaScript API, once its WebAssembly is ready. */
export const loadConfigEditorKit = wasmLoader(
  init,
  kit,
  () => new URL('../wasm/config-editor/leptos_grafana_bg.wasm', import.meta.url)
);
