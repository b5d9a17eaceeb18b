// Grafana's data source settings page, as far as a plugin's ConfigEditor can tell: it
// loads the settings, renders `plugin.components.ConfigEditor` with `{ options,
// onOptionsChange, validation }` and renders it again with every change; Save & test runs
// `validation.validate()`, then PUT /api/datasources/uid/:uid, reloads the settings, and
// calls the plugin's own `testDatasource()` on a new instance of its `DataSourceClass`, as
// Grafana's page does (a `DataSourceWithBackend` asks /health, answered by its backend's
// CheckHealth; a frontend-only plugin tests itself in the browser).
import { useEffect, useMemo, useState, type ComponentType } from 'react';
import type { DataSourceApi, DataSourcePluginOptionsEditorProps, DataSourceSettings } from '@grafana/data';
import { api } from './api';
import { importDataSourcePlugin, instanceSettings } from './plugins';
import { createValidation } from './validation';

type Status = { severity: 'success' | 'error'; title: string; message?: string };

interface Saved {
  datasource: DataSourceSettings;
}

/** What `testDatasource()` resolves or rejects with (Grafana's `TestDataSourceResponse`). */
interface TestResult {
  status?: string;
  message?: string;
  error?: { details?: { message?: string; verboseMessage?: string } };
}

/** Runs the plugin's own `testDatasource()`, as Grafana's data source page does. */
async function testDataSource(settings: DataSourceSettings): Promise<{ ok: boolean; message: string; details?: string }> {
  const { plugin, meta } = await importDataSourcePlugin(settings.type);
  if (!plugin.DataSourceClass) {
    throw new Error(`plugin ${settings.type} has no DataSource class`);
  }
  const instance = new plugin.DataSourceClass(instanceSettings(settings, meta)) as DataSourceApi;
  try {
    const result = (await instance.testDatasource()) as TestResult;
    return { ok: result.status === 'success', message: result.message || 'Data source is working' };
  } catch (e) {
    const err = e as TestResult & Error;
    const details = err.error?.details?.message ?? err.error?.details?.verboseMessage;
    return { ok: false, message: err.message || 'Testing failed', details };
  }
}

export function DataSourceSettingsPage({ uid }: { uid: string }) {
  const [options, setOptions] = useState<DataSourceSettings | null>(null);
  const [Editor, setEditor] = useState<ComponentType<DataSourcePluginOptionsEditorProps> | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);
  const [showEditor, setShowEditor] = useState(true);
  const [changes, setChanges] = useState(0);
  const [, setRegistrations] = useState(0);
  const validation = useMemo(() => createValidation(() => setRegistrations((n) => n + 1)), []);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const ds = await api<DataSourceSettings>('GET', `/datasources/uid/${encodeURIComponent(uid)}`);
      const { plugin } = await importDataSourcePlugin(ds.type);
      const editor = plugin.components.ConfigEditor;
      if (!editor) {
        throw new Error(`plugin ${ds.type} has no ConfigEditor`);
      }
      if (!cancelled) {
        setOptions(ds);
        setEditor(() => editor as ComponentType<DataSourcePluginOptionsEditorProps>);
      }
    })().catch((e: unknown) => !cancelled && setLoadError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
    };
  }, [uid]);

  const onOptionsChange = (next: DataSourceSettings) => {
    setOptions(next);
    setChanges((n) => n + 1);
  };

  const saveAndTest = async () => {
    if (!options) {
      return;
    }
    setBusy(true);
    setStatus(null);
    try {
      if (!(await validation.validate())) {
        setStatus({ severity: 'error', title: 'Fix the errors before saving', message: Object.values(validation.getErrors()).join(', ') });
        return;
      }
      const saved = await api<Saved>('PUT', `/datasources/uid/${encodeURIComponent(uid)}`, options);
      const reloaded = await api<DataSourceSettings>('GET', `/datasources/uid/${encodeURIComponent(saved.datasource.uid)}`);
      setOptions(reloaded);
      const tested = await testDataSource(reloaded);
      setStatus({ severity: tested.ok ? 'success' : 'error', title: tested.message, message: tested.details });
    } catch (e) {
      setStatus({ severity: 'error', title: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };

  if (loadError) {
    return <div role="alert">Could not load the data source: {loadError}</div>;
  }
  if (!options || !Editor) {
    return <p role="status">Loading data source…</p>;
  }
  return (
    <section aria-label={`Settings of ${options.name}`}>
      <h2>{options.name}</h2>
      <label>
        Name <input aria-label="Name" value={options.name} onChange={(e) => onOptionsChange({ ...options, name: e.currentTarget.value })} />
      </label>
      <div data-testid="config-editor-slot">{showEditor && <Editor options={options} onOptionsChange={onOptionsChange} validation={validation} />}</div>
      {status && (
        <div role="alert" className={`host-status host-status--${status.severity}`} data-testid="testing-status">
          <strong>{status.title}</strong>
          {status.message && <div>{status.message}</div>}
        </div>
      )}
      <div className="host-buttons">
        <button type="button" disabled={busy} onClick={saveAndTest}>
          {busy ? 'Testing...' : 'Save & test'}
        </button>
        <button type="button" onClick={() => setShowEditor((s) => !s)}>
          {showEditor ? 'Hide editor' : 'Show editor'}
        </button>
      </div>
      <details>
        <summary>What onOptionsChange sent ({changes} changes, {validation.registered()} validators)</summary>
        <pre data-testid="options-json">{JSON.stringify(options)}</pre>
      </details>
    </section>
  );
}
