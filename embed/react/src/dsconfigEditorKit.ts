// The dsconfig editor's package (`wasm/dsconfig-editor/`: built with the kit's
// `dsconfig-editor` feature only): `mountConfigEditor` with the editor a dsconfig.json
// describes, and nothing else.
import init, * as kit from '../wasm/dsconfig-editor/leptos_grafana.js';
import { wasmLoader } from './loadWasm.js';

export type DsConfigEditorKit = typeof kit;

/** The dsconfig editor's JavaScript API, once its WebAssembly is ready. */
export const loadDsConfigEditorKit = wasmLoader(
  init,
  kit,
  () => new URL('../wasm/dsconfig-editor/leptos_grafana_bg.wasm', import.meta.url)
);
