// A Grafana data source ConfigEditor whose UI is the kit's Leptos `DataSourceConfigEditor`:
//
//   import { createConfigEditor } from '@leptos-grafana/react';
//   import schema from './config-schema.json';
//   export const plugin = new DataSourcePlugin(DataSource).setConfigEditor(createConfigEditor({ schema }));
//
// Grafana renders it with `{ options, onOptionsChange, validation }` and again with new
// `options` after every change and after a save; each render is passed on with `update`,
// so what the user is typing keeps its focus and caret.
import React, { useEffect, useRef, type ComponentType } from 'react';
import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import type { ConfigEditorHandle, ConfigEditorProps } from '../wasm/config-editor/leptos_grafana.js';
import { type ConfigEditorKit, loadConfigEditorKit } from './configEditorKit.js';
import { useLeptosMount } from './useLeptosMount.js';
import { LoadError } from './LoadError.js';

/** The plugin's editor schema: `config-schema.json` (see the kit's `ConfigSchema`). */
export type ConfigEditorSchema = Record<string, unknown>;

export interface ConfigEditorSettings {
  /** Which standard sections to show, and the plugin's own fields. */
  schema?: ConfigEditorSchema;
}

/** A `ConfigEditor` component for `DataSourcePlugin.setConfigEditor`, with `schema`. */
export function createConfigEditor(settings: ConfigEditorSettings = {}): ComponentType<DataSourcePluginOptionsEditorProps> {
  const schema = settings.schema ?? null;

  function LeptosConfigEditor({ options, onOptionsChange, validation }: DataSourcePluginOptionsEditorProps) {
    // The kit calls back into whatever Grafana passed most recently.
    const latest = useRef({ options, onOptionsChange, validation });
    latest.current = { options, onOptionsChange, validation };

    const { container, handle, error } = useLeptosMount<ConfigEditorKit, ConfigEditorProps, ConfigEditorHandle>(loadConfigEditorKit, (kit, element) =>
      kit.mountConfigEditor(element, {
        options: latest.current.options,
        onOptionsChange: (next) => latest.current.onOptionsChange(next),
        schema,
        readOnly: Boolean(latest.current.options.readOnly),
        validation: latest.current.validation ?? null,
      })
    );

    useEffect(() => {
      handle.current?.update({ options, readOnly: Boolean(options.readOnly) });
    }, [handle, options]);

    useEffect(() => {
      handle.current?.update({ validation: validation ?? null });
    }, [handle, validation]);

    if (error) {
      return <LoadError what="the data source settings editor" message={error} />;
    }
    return <div ref={container} className="leptos-grafana-config-editor" />;
  }
  LeptosConfigEditor.displayName = 'LeptosConfigEditor';
  return LeptosConfigEditor;
}

/** The editor with the standard sections only (no schema). */
export const ConfigEditor = createConfigEditor();
