// The build `npx @grafana/create-plugin` gives every plugin (its `.config/webpack/`),
// written here once for both examples: what Grafana 12/13 needs from a plugin bundle.
//
// - `dist/module.js` as an AMD module (Grafana loads it with SystemJS 6's amd extra).
// - Grafana's shared packages (React, `@grafana/*`, rxjs, …) left out as externals: Grafana
//   provides its own instances through SystemJS's import map.
// - The public path set at run time from the AMD `module` uri, so the plugin's other files
//   (the kit's .wasm) load under any `appSubUrl` or from a plugin CDN; the fallback is
//   `public/plugins/<id>/`.
// - `experiments.asyncWebAssembly`, which create-plugin turns on (plugins may import
//   WebAssembly modules).
// - `src/plugin.json`, README, CHANGELOG, `*.json` and images copied into `dist/`, with
//   `%VERSION%`, `%TODAY%` and `%PLUGIN_ID%` filled in.
//
// A plugin made with create-plugin already has all of this; the Leptos-specific part is
// in each example's own `webpack.config.ts`.
import CopyWebpackPlugin from 'copy-webpack-plugin';
import fs from 'node:fs';
import path from 'node:path';
import webpack, { type Configuration } from 'webpack';

export type Env = Record<string, string | boolean | undefined>;

/** Grafana's shared dependencies, as create-plugin lists them. */
export const grafanaExternals: NonNullable<Configuration['externals']> = [
  // The AMD loader's `module` (its `uri` gives the public path).
  { 'amd-module': 'module' },
  'lodash',
  'jquery',
  'moment',
  'slate',
  'emotion',
  '@emotion/react',
  '@emotion/css',
  'prismjs',
  'slate-plain-serializer',
  '@grafana/slate-react',
  'react',
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  'react-dom',
  'react-redux',
  'redux',
  'rxjs',
  'i18next',
  'react-router',
  'react-router-dom',
  'd3',
  'angular',
  /^@grafana\/ui/i,
  /^@grafana\/runtime/i,
  /^@grafana\/data/i,
  // Legacy `grafana/...` imports name Grafana's own modules.
  ({ request }, callback) => {
    if (request?.startsWith('grafana/')) {
      return callback(undefined, request.slice('grafana/'.length));
    }
    callback();
  },
];

/** The base build of the plugin in `pluginDir` (which holds `src/plugin.json`). */
export function grafanaPluginConfig(env: Env, pluginDir: string): Configuration {
  const src = path.join(pluginDir, 'src');
  const pluginJson = JSON.parse(fs.readFileSync(path.join(src, 'plugin.json'), 'utf8'));
  const packageJson = JSON.parse(fs.readFileSync(path.join(pluginDir, 'package.json'), 'utf8'));
  const production = Boolean(env.production);
  const fill = (text: string) =>
    text
      .replace(/%VERSION%/g, packageJson.version)
      .replace(/%TODAY%/g, new Date().toISOString().slice(0, 10))
      .replace(/%PLUGIN_ID%/g, pluginJson.id);
  const entry = ['module.tsx', 'module.ts'].find((f) => fs.existsSync(path.join(src, f)));
  if (!entry) {
    throw new Error(`${src} has no module.ts or module.tsx`);
  }

  return {
    context: src,
    mode: production ? 'production' : 'development',
    devtool: production ? 'source-map' : 'eval-source-map',
    // The public path is set first, before any module of the plugin runs.
    entry: { module: [path.join(__dirname, 'public-path.ts'), `./${entry}`] },
    externals: grafanaExternals,
    experiments: { asyncWebAssembly: true },
    module: {
      rules: [
        {
          test: /\.[tj]sx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'swc-loader',
            options: {
              jsc: {
                target: 'es2015',
                parser: { syntax: 'typescript', tsx: true },
                transform: { react: { runtime: 'classic' } },
              },
            },
          },
        },
        { test: /\.(png|jpe?g|gif|svg)$/, type: 'asset/resource' },
      ],
    },
    output: {
      clean: true,
      filename: '[name].js',
      library: { type: 'amd' },
      path: path.join(pluginDir, 'dist'),
      publicPath: `public/plugins/${pluginJson.id}/`,
      uniqueName: pluginJson.id,
      crossOriginLoading: 'anonymous',
    },
    plugins: [
      new webpack.DefinePlugin({ __PLUGIN_ID__: JSON.stringify(pluginJson.id) }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'plugin.json', to: '.', transform: (content) => fill(content.toString()) },
          { from: '../README.md', to: '.', transform: (content) => fill(content.toString()) },
          { from: '../CHANGELOG.md', to: '.', noErrorOnMissing: true },
          { from: '**/*.json', to: '.', globOptions: { ignore: ['**/plugin.json'] }, noErrorOnMissing: true },
          { from: 'img/**/*', to: '.', noErrorOnMissing: true },
        ],
      }),
    ],
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.jsx'],
      // The kit's glue imports with `.js` extensions (ES modules); they are `.ts` in source.
      extensionAlias: { '.js': ['.js', '.ts', '.tsx'] },
    },
    performance: { hints: false },
  };
}
