// Sets webpack's public path from where Grafana loaded this plugin's module.js (the AMD
// loader's `module.uri`), as create-plugin's build does, so the plugin's other files load
// under any `appSubUrl` or from a plugin CDN. The fallback is Grafana's default folder.
// @ts-nocheck: `amd-module` and the two globals exist only inside the webpack build.
import amdModule from 'amd-module';

__webpack_public_path__ =
  amdModule && amdModule.uri
    ? amdModule.uri.slice(0, amdModule.uri.lastIndexOf('/') + 1)
    : `public/plugins/${__PLUGIN_ID__}/`;
