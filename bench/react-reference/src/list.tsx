// The service-account list page: mounted at load (cold-load probe) and again by the bench.
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { ServiceAccountsList } from './ServiceAccountsList';
import type { Mounted } from './bench';

function mountList(element: HTMLElement): Mounted {
  const root = createRoot(element);
  const mounted: Mounted = { renders: 0, changes: 0, last: null, unmount: () => root.unmount() };
  const onRendered = () => {
    mounted.renders++;
  };
  flushSync(() => root.render(<ServiceAccountsList onRendered={onRendered} />));
  return mounted;
}

window.bench = { implementation: 'react', ready: Promise.resolve(), mountList, wasmMemoryBytes: () => 0 };

const initial = document.getElementById('root');
if (initial && new URLSearchParams(location.search).has('autoload')) {
  mountList(initial);
}
