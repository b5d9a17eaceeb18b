// An app plugin's pages at /a/<plugin-id>/…: Grafana loads the plugin, `init`s it with its
// settings and renders `plugin.root` with AppRootProps, again on every location change,
// inside react-router 6's `<Routes>` at `/a/:pluginId/*` (the router Grafana shares with
// plugins as `react-router`), so a plugin's own relative `<Routes>` work as in Grafana.
import { useEffect, useState, type ComponentType } from 'react';
import { Route, Router, Routes, type Navigator } from 'react-router-6';
import type { AppRootProps, KeyValue } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { importAppPlugin } from './plugins';

export function AppRootPage({ pluginId, pathname, query }: { pluginId: string; pathname: string; query: KeyValue }) {
  const [loaded, setLoaded] = useState<{ Root: ComponentType<AppRootProps>; meta: AppRootProps['meta'] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    importAppPlugin(pluginId)
      .then(({ plugin, meta }) => {
        if (!plugin.root) {
          throw new Error(`app ${pluginId} has no root page`);
        }
        if (!cancelled) {
          setLoaded({ Root: plugin.root, meta: meta as AppRootProps['meta'] });
        }
      })
      .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
    };
  }, [pluginId]);
  if (error) {
    return <div role="alert">Could not load app {pluginId}: {error}</div>;
  }
  if (!loaded) {
    return <p role="status">Loading app…</p>;
  }
  const { Root, meta } = loaded;
  const root = <Root meta={meta} basename={`/a/${pluginId}`} path={pathname} query={query} onNavChanged={() => undefined} />;
  return (
    <Router location={locationService.getLocation()} navigator={locationService.getHistory() as unknown as Navigator}>
      <Routes>
        <Route path={`/a/${pluginId}/*`} element={root} />
      </Routes>
    </Router>
  );
}
