// A Grafana data source ConfigEditor whose UI is leptos-grafana's wasm DataSourceConfigEditor.
//
//   import { LeptosConfigEditor } from './LeptosConfigEditor';
//   export const plugin = new DataSourcePlugin(DataSource).setConfigEditor(LeptosConfigEditor);
//
// The wasm package comes from `make embed-pkg` (wasm-pack, `--target web`), copied into the
// plugin's `src/leptos/` folder. Grafana serves plugin files under public/plugins/<id>/.
import React, { useEffect, useRef } from 'react';
import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import init, { mountConfigEditor, type ConfigEditorHandle } from './leptos/leptos_grafana';
import schema from './config-schema.json';

let ready: Promise<unknown> | undefined;

// Grafana wraps `fetch` for telemetry, which can break `instantiateStreaming`: load the
// module as bytes and let wasm-bindgen instantiate from the ArrayBuffer.
function loadWasm(): Promise<unknown> {
  if (!ready) {
    const url = new URL('./leptos/leptos_grafana_bg.wasm', import.meta.url);
    ready = fetch(url)
      .then((r) => {
        if (!r.ok) {
          throw new Error(`Could not load the editor (${r.status} ${r.statusText})`);
        }
        return r.arrayBuffer();
      })
      .then((bytes) => init({ module_or_path: bytes }));
  }
  return ready;
}

export function LeptosConfigEditor(props: DataSourcePluginOptionsEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const handle = useRef<ConfigEditorHandle>();
  const latest = useRef(props);
  latest.current = props;

  // Mount once; the editor calls back with the whole new settings on every edit.
  useEffect(() => {
    let cancelled = false;
    loadWasm().then(() => {
      if (cancelled || !host.current) {
        return;
      }
      handle.current = mountConfigEditor(host.current, latest.current.options, schema, (next: unknown) =>
        latest.current.onOptionsChange(next as typeof props.options)
      );
    });
    return () => {
      cancelled = true;
      handle.current?.unmount();
      handle.current?.free();
      handle.current = undefined;
    };
  }, []);

  // Grafana hands new options after a save (reloaded, secrets gone): pass them on.
  useEffect(() => {
    handle.current?.setOptions(props.options);
  }, [props.options]);

  return <div ref={host} />;
}
