// @leptos-grafana/react: the kit's Leptos components for Grafana plugins, as React
// components. The WebAssembly ships inside this package, one package per component
// (`wasm/config-editor/`, `wasm/dsconfig-editor/`, `wasm/service-accounts/`), fetched from
// the plugin's own public path at run time; a plugin's bundle holds only the one it imports.
export { ConfigEditor, createConfigEditor, type ConfigEditorSchema, type ConfigEditorSettings } from './ConfigEditor.js';
export { createDsConfigEditor, type DsConfigEditorSettings } from './DsConfigEditor.js';
export { ServiceAccountsPage, type ServiceAccountsPageProps } from './ServiceAccountsPage.js';
export { loadConfigEditorKit, type ConfigEditorKit } from './configEditorKit.js';
export { loadDsConfigEditorKit, type DsConfigEditorKit } from './dsconfigEditorKit.js';
export { loadServiceAccountsKit, type ServiceAccountsKit } from './serviceAccountsKit.js';
export { wasmLoader, describeError } from './loadWasm.js';
export {
  leptosAppPage,
  leptosConfigEditor,
  leptosQueryEditor,
  type LeptosAppPageProps,
  type LeptosConfigEditorProps,
  type LeptosMountFunction,
  type LeptosQueryEditorProps,
} from './leptosComponents.js';
