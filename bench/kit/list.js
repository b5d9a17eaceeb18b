// The kit's service-account list page for make bench: the service-accounts package alone,
// with this page's history as the host router, and the same page API as the React
// reference (bench/react-reference/src/bench.ts).
import init, { mountServiceAccounts, wasmMemoryBytes } from './service-accounts/leptos_grafana.js';

const BASE = '/kit/service-accounts';

/** Mounts the list at its first page with no search, wherever the last mount left the URL. */
function mountList(element) {
  history.replaceState(null, '', BASE);
  const mounted = { renders: 0, changes: 0, last: null, unmount: () => handle.unmount() };
  const here = () => ({ pathname: location.pathname, search: location.search });
  const handle = mountServiceAccounts(element, {
    basePath: BASE,
    location: here(),
    apiBase: '/api',
    appSubUrl: '',
    onNavigate(path, { replace }) {
      if (replace) history.replaceState(null, '', path);
      else history.pushState(null, '', path);
      handle.update({ location: here() });
    },
  });
  return mounted;
}

const ready = init({ module_or_path: new URL('./service-accounts/leptos_grafana_bg.wasm', import.meta.url) }).then(() => undefined);
window.bench = { implementation: 'kit', ready, mountList, wasmMemoryBytes: () => wasmMemoryBytes() };

ready.then(() => {
  const initial = document.getElementById('root');
  if (initial && new URLSearchParams(location.search).has('autoload')) {
    mountList(initial);
  }
});
