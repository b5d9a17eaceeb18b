// A panel's query row, as far as a plugin's QueryEditor can tell: the data source instance
// (`new plugin.DataSourceClass(instanceSettings)`), and `plugin.components.QueryEditor`
// rendered with `{ query, onChange, onRunQuery, datasource }`, again after every change.
// The page shows the query JSON Grafana would store and how many times it ran.
import { useEffect, useState, type ComponentType } from 'react';
import type { DataQuery, DataSourceApi, DataSourceSettings, QueryEditorProps } from '@grafana/data';
import { api } from './api';
import { importDataSourcePlugin, instanceSettings } from './plugins';

type Editor = ComponentType<QueryEditorProps<DataSourceApi, DataQuery>>;

export function QueryEditorPage({ uid }: { uid: string }) {
  const [datasource, setDatasource] = useState<DataSourceApi | null>(null);
  const [QueryEditor, setQueryEditor] = useState<Editor | null>(null);
  const [query, setQuery] = useState<DataQuery>({ refId: 'A' });
  const [runs, setRuns] = useState(0);
  const [shown, setShown] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const ds = await api<DataSourceSettings>('GET', `/datasources/uid/${encodeURIComponent(uid)}`);
      const { plugin, meta } = await importDataSourcePlugin(ds.type);
      const editor = plugin.components.QueryEditor;
      if (!editor || !plugin.DataSourceClass) {
        throw new Error(`plugin ${ds.type} has no QueryEditor`);
      }
      const instance = new plugin.DataSourceClass(instanceSettings(ds, meta)) as DataSourceApi;
      if (!cancelled) {
        setQuery({ refId: 'A', datasource: { type: ds.type, uid: ds.uid } });
        setDatasource(instance);
        setQueryEditor(() => editor as unknown as Editor);
      }
    })().catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
    };
  }, [uid]);

  if (error) {
    return <div role="alert">Could not load the data source: {error}</div>;
  }
  if (!datasource || !QueryEditor) {
    return <p>Loading…</p>;
  }
  return (
    <section aria-label="Query A">
      <button type="button" onClick={() => setShown((s) => !s)}>
        {shown ? 'Remove query editor' : 'Show query editor'}
      </button>
      {shown && <QueryEditor query={query} datasource={datasource} onChange={setQuery} onRunQuery={() => setRuns((n) => n + 1)} />}
      <pre aria-label="Query JSON">{JSON.stringify(query)}</pre>
      <output aria-label="Query runs">{runs}</output>
    </section>
  );
}
