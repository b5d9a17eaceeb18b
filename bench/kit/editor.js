// The kit's editor page for make bench: the config-editor package alone, loaded as the
// React glue loads it (streaming compilation), with the same page API as the React
// reference (bench/react-reference/src/bench.ts). The host part (settings held here,
// onOptionsChange answered with update, as Grafana's re-render does) is plain JavaScript.
import init, { mountConfigEditor, wasmMemoryBytes } from './config-editor/leptos_grafana.js';

// The editor as the React reference has it: the URL, one jsonData field, one secret.
const schema = {
  sections: {
    connection: true,
    auth: false,
    customHeaders: false,
    tls: false,
    allowedCookies: false,
    timeout: false,
    apiKey: true,
  },
  fields: [{ key: 'projectId', kind: 'text', label: 'Project ID' }],
};

function mountEditor(element, options) {
  const mounted = { renders: 0, changes: 0, last: null, unmount: () => handle.unmount() };
  const handle = mountConfigEditor(element, {
    options,
    schema,
    onOptionsChange(next) {
      mounted.changes++;
      mounted.last = next;
      // Grafana renders the editor again with the new settings, after the event.
      queueMicrotask(() => {
        handle.update({ options: next });
        mounted.renders++;
      });
    },
  });
  return mounted;
}

const ready = init({ module_or_path: new URL('./config-editor/leptos_grafana_bg.wasm', import.meta.url) }).then(() => undefined);
window.bench = { implementation: 'kit', ready, mountEditor, wasmMemoryBytes: () => wasmMemoryBytes() };

ready.then(() => {
  const initial = document.getElementById('root');
  if (initial && new URLSearchParams(location.search).has('autoload')) {
    mountEditor(initial, window.benchProbe.settings());
  }
});
