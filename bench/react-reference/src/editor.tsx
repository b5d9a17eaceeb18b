// The editor page: the settings page's part (state held by the host, onOptionsChange
// re-renders the editor), mounted at load with configured settings (cold-load probe) and
// again by the bench as often as it asks.
import { useLayoutEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import type { DataSourceSettings } from '@grafana/data';
import { ConfigEditor, type Props } from './ConfigEditor';
import type { Mounted } from './bench';

function mountEditor(element: HTMLElement, options: object): Mounted {
  const mounted: Mounted = { renders: 0, changes: 0, last: null, unmount: () => root.unmount() };
  function SettingsPage() {
    const [settings, setSettings] = useState(options as Props['options']);
    useLayoutEffect(() => {
      mounted.renders++;
    }, [settings]);
    return (
      <ConfigEditor
        options={settings}
        onOptionsChange={(next: DataSourceSettings) => {
          mounted.changes++;
          mounted.last = next;
          setSettings(next as Props['options']);
        }}
      />
    );
  }
  const root = createRoot(element);
  flushSync(() => root.render(<SettingsPage />));
  return mounted;
}

window.bench = { implementation: 'react', ready: Promise.resolve(), mountEditor, wasmMemoryBytes: () => 0 };

const initial = document.getElementById('root');
if (initial && window.benchProbe && new URLSearchParams(location.search).has('autoload')) {
  mountEditor(initial, window.benchProbe.settings());
}
