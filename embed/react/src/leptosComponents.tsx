// Your own Leptos components as Grafana plugin components. A plugin author's crate exports
// one mount function per component (`leptos_grafana::embed::{config_editor, query_editor,
// app_page}`); these wrap such a function as the React component Grafana expects:
//
//   import init, * as rust from '../rust/pkg/my_plugin.js';
//   const load = wasmLoader(init, rust, () => new URL('../rust/pkg/my_plugin_bg.wasm', import.meta.url));
//   export const plugin = new DataSourcePlugin(DataSource)
//     .setConfigEditor(leptosConfigEditor(load, (k) => k.mountConfigEditor))
//     .setQueryEditor(leptosQueryEditor(load, (k) => k.mountQueryEditor));
//
// Each mounts once per component instance, passes every re-render on with `update`, and
// unmounts and frees on cleanup; a package that cannot load shows what failed and a Retry.
import React, { useEffect, type ComponentType } from 'react';
import type {
  AppRootProps,
  DataQuery,
  DataSourceApi,
  DataSourceJsonData,
  DataSourcePluginOptionsEditorProps,
  QueryEditorProps,
} from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { useLatest, useLeptosMount, type LeptosHandle } from './useLeptosMount.js';
import { LoadError } from './LoadError.js';

/** A mount function of an author's package (what `#[wasm_bindgen]` exports). */
export type LeptosMountFunction<P> = (element: HTMLElement, props: P) => { update(props: object): void; unmount(): void; free(): void };

/** What a Rust `config_editor` mount gets. */
export interface LeptosConfigEditorProps<TOptions extends DataSourceJsonData, TSecure> {
  options: DataSourcePluginOptionsEditorProps<TOptions, TSecure>['options'];
  onOptionsChange: DataSourcePluginOptionsEditorProps<TOptions, TSecure>['onOptionsChange'];
}

/** What a Rust `query_editor` mount gets. */
export interface LeptosQueryEditorProps<TQuery extends DataQuery> {
  query: TQuery;
  onChange: (query: TQuery) => void;
  onRunQuery: () => void;
  datasource: unknown;
}

/** What a Rust `app_page` mount gets. */
export interface LeptosAppPageProps {
  basePath: string;
  location: { pathname: string; search: string };
  onNavigate: (path: string, options: { replace: boolean }) => void;
  meta?: unknown;
}

function asHandle<P>(handle: ReturnType<LeptosMountFunction<P>>): LeptosHandle<P> {
  return handle as LeptosHandle<P>;
}

/** A `ConfigEditor` for `DataSourcePlugin.setConfigEditor` from an author's mount function. */
export function leptosConfigEditor<K, TOptions extends DataSourceJsonData = DataSourceJsonData, TSecure = {}>(
  load: () => Promise<K>,
  pick: (kit: K) => LeptosMountFunction<LeptosConfigEditorProps<TOptions, TSecure>>
): ComponentType<DataSourcePluginOptionsEditorProps<TOptions, TSecure>> {
  function LeptosConfigEditor({ options, onOptionsChange }: DataSourcePluginOptionsEditorProps<TOptions, TSecure>) {
    type P = LeptosConfigEditorProps<TOptions, TSecure>;
    const latest = useLatest({ options, onOptionsChange });
    const { container, handle, error, retry } = useLeptosMount<K, P, LeptosHandle<P>>(
      load,
      (kit, element) =>
        asHandle(
          pick(kit)(element, {
            options: latest.current.options,
            onOptionsChange: (next) => latest.current.onOptionsChange(next),
          })
        )
    );
    useEffect(() => {
      handle.current?.update({ options });
    }, [handle, options]);
    if (error) {
      return <LoadError what="the data source settings editor" message={error} onRetry={retry} />;
    }
    return <div ref={container} className="leptos-grafana-config-editor" />;
  }
  LeptosConfigEditor.displayName = 'LeptosConfigEditor';
  return LeptosConfigEditor;
}

/** A `QueryEditor` for `DataSourcePlugin.setQueryEditor` from an author's mount function. */
export function leptosQueryEditor<
  K,
  TQuery extends DataQuery = DataQuery,
  TOptions extends DataSourceJsonData = DataSourceJsonData,
  TDataSource extends DataSourceApi<TQuery, TOptions> = DataSourceApi<TQuery, TOptions>,
>(
  load: () => Promise<K>,
  pick: (kit: K) => LeptosMountFunction<LeptosQueryEditorProps<TQuery>>
): ComponentType<QueryEditorProps<TDataSource, TQuery, TOptions>> {
  function LeptosQueryEditor({ query, onChange, onRunQuery, datasource }: QueryEditorProps<TDataSource, TQuery, TOptions>) {
    type P = LeptosQueryEditorProps<TQuery>;
    const latest = useLatest({ query, onChange, onRunQuery, datasource });
    const { container, handle, error, retry } = useLeptosMount<K, P, LeptosHandle<P>>(
      load,
      (kit, element) =>
        asHandle(
          pick(kit)(element, {
            query: latest.current.query,
            onChange: (next) => latest.current.onChange(next),
            onRunQuery: () => latest.current.onRunQuery(),
            datasource: latest.current.datasource,
          })
        )
    );
    useEffect(() => {
      handle.current?.update({ query, datasource });
    }, [handle, query, datasource]);
    if (error) {
      return <LoadError what="the query editor" message={error} onRetry={retry} />;
    }
    return <div ref={container} className="leptos-grafana-query-editor" />;
  }
  LeptosQueryEditor.displayName = 'LeptosQueryEditor';
  return LeptosQueryEditor;
}

function currentLocation() {
  const { pathname, search } = locationService.getLocation();
  return { pathname, search };
}

/** A root page for `AppPlugin.setRootPage` from an author's mount function. */
export function leptosAppPage<K>(load: () => Promise<K>, pick: (kit: K) => LeptosMountFunction<LeptosAppPageProps>): ComponentType<AppRootProps> {
  function LeptosAppPage({ basename, meta }: AppRootProps) {
    type P = LeptosAppPageProps;
    const { container, handle, error, retry } = useLeptosMount<K, P, LeptosHandle<P>>(
      load,
      (kit, element) =>
        asHandle(
          pick(kit)(element, {
            basePath: basename,
            location: currentLocation(),
            onNavigate: (path, { replace }) => (replace ? locationService.replace(path) : locationService.push(path)),
            meta,
          })
        )
    );
    useEffect(() => {
      const subscription = locationService.getLocationObservable().subscribe(({ pathname, search }) => {
        handle.current?.update({ location: { pathname, search } });
      });
      return () => subscription.unsubscribe();
    }, [handle]);
    useEffect(() => {
      handle.current?.update({ basePath: basename, meta });
    }, [handle, basename, meta]);
    if (error) {
      return <LoadError what="the app page" message={error} onRetry={retry} />;
    }
    return <div ref={container} className="leptos-grafana-app-page" />;
  }
  LeptosAppPage.displayName = 'LeptosAppPage';
  return LeptosAppPage;
}
