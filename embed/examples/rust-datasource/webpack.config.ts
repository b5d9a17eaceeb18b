// This plugin's build: the one create-plugin gives every plugin (../webpack.grafana-plugin.ts).
// The leptos-grafana kit needs nothing added: webpack 5 copies the kit's .wasm (a
// `new URL(…, import.meta.url)` asset of @leptos-grafana/react) into dist/ and resolves its
// URL under the public path set at run time.
import type { Configuration } from 'webpack';
import { grafanaPluginConfig, type Env } from '../webpack.grafana-plugin';

export default (env: Env): Configuration => grafanaPluginConfig(env, __dirname);
