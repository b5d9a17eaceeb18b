// The service-account pages' package (`wasm/service-accounts/`: built with the kit's
// `service-accounts` feature only): `mountServiceAccounts` and nothing else.
import init, * as kit from '../wasm/service-accounts/leptos_grafana.js';
import { wasmLoader } from './loadWasm.js';

export type ServiceAccountsKit = typeof kit;

/** The service-account pages' JavaScript API, once their WebAssembly is ready. */
export const loadServiceAccountsKit = wasmLoader(
  init,
  kit,
  () => new URL('../wasm/service-accounts/leptos_grafana_bg.wasm', import.meta.url)
);
