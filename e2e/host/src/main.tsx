// The Grafana-like host: the parts of Grafana's frontend that a plugin meets. Routing is
// @grafana/runtime's `locationService` (a browser history below appSubUrl), as in Grafana.
//   /connections/datasources/edit/:uid   the data source settings page
//   /host/two-editors?uids=a,b           two settings pages side by side
//   /a/:pluginId/*                       an app plugin's pages
//   /host/query-editor/:uid              a data source's QueryEditor, as a panel's query row
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { locationService } from '@grafana/runtime';
import { urlUtil } from '@grafana/data';
import { currentTheme, hostVariant, setTheme } from './theme';
import { DataSourceSettingsPage } from './DataSourceSettings';
import { AppRootPage } from './AppRootPage';
import { QueryEditorPage } from './QueryEditorPage';
import { installBackendSrv } from './backendSrv';

function useLocation() {
  const [location, setLocation] = useState(locationService.getLocation());
  useEffect(() => {
    const subscription = locationService.getLocationObservable().subscribe(setLocation);
    return () => subscription.unsubscribe();
  }, []);
  return location;
}

function ThemeButton() {
  const [theme, setState] = useState(currentTheme());
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      onClick={() => {
        setTheme(next);
        setState(next);
      }}
    >
      Change to {next} theme
    </button>
  );
}

function Page() {
  const location = useLocation();
  const { pathname, search } = location;
  const query = urlUtil.parseKeyValue(search.replace(/^\?/, ''));
  let content;
  let match: RegExpMatchArray | null;
  if ((match = pathname.match(/^\/connections\/datasources\/edit\/([^/]+)$/))) {
    content = <DataSourceSettingsPage key={match[1]} uid={decodeURIComponent(match[1])} />;
  } else if ((match = pathname.match(/^\/host\/query-editor\/([^/]+)$/))) {
    content = <QueryEditorPage key={match[1]} uid={decodeURIComponent(match[1])} />;
  } else if (pathname === '/host/two-editors') {
    const uids = String(query.uids ?? '').split(',').filter(Boolean);
    content = (
      <div className="host-editors">
        {uids.map((uid) => (
          <DataSourceSettingsPage key={uid} uid={uid} />
        ))}
      </div>
    );
  } else if ((match = pathname.match(/^\/a\/([^/]+)(\/.*)?$/))) {
    content = <AppRootPage pluginId={match[1]} pathname={pathname} query={query} />;
  } else {
    content = <p>Grafana-like host for the leptos-grafana end-to-end tests.</p>;
  }
  return (
    <>
      <header className="host-header">
        <strong>Grafana-like host ({hostVariant})</strong>
        <ThemeButton />
      </header>
      <main className="host-main">{content}</main>
    </>
  );
}

installBackendSrv();
const root = document.getElementById('reactRoot');
if (root) {
  // The development host runs in StrictMode, as a plugin's `npm run dev` build meets it.
  createRoot(root).render(hostVariant === 'react19-dev' ? <StrictMode><Page /></StrictMode> : <Page />);
}
