// @leptos-grafana/react: the kit's Leptos components for Grafana plugins, as React
// components. The WebAssembly ships inside this package (`wasm/`) and is fetched from the
// plugin's own public path at run time.
export { ConfigEditor, createConfigEditor, type ConfigEditorSchema, type ConfigEditorSettings } from './ConfigEditor.js';
export { ServiceAccountsPage, type ServiceAccountsPageProps } from './ServiceAccountsPage.js';
export { loadKit, type Kit } from './loadKit.js';
