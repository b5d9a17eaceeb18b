// What Grafana's index.html sets up before any plugin loads: `window.grafanaBootData`
// (read by @grafana/runtime's `config`), the theme class on <body>, and, when a test asks
// for it (`window.__LG_HOST__.wrapFetch`), a telemetry-style `fetch` wrapper.
//
// It runs as a classic script before everything else (see index.html): @grafana/runtime
// reads the boot data when it loads. The host's modules use it through ./theme.

export interface HostOptions {
  /** Wrap `fetch` as Faro/OpenTelemetry do: every Response comes back as a Proxy. */
  wrapFetch?: boolean;
  /** The org the host says the user is in (`bootData.user.orgId`; default 1). */
  orgId?: number;
}

declare global {
  interface Window {
    grafanaBootData?: unknown;
    __LG_HOST__?: HostOptions;
    __hostFetchWrapped?: boolean;
  }
}

import { appSubUrl, hostOrgId, setTheme, storedTheme } from './theme';

setTheme(storedTheme());

window.grafanaBootData = {
  settings: {
    appSubUrl,
    appUrl: `${location.origin}${appSubUrl}/`,
    buildInfo: { version: HOST_VARIANT === 'react18' ? '13.1.0' : '13.2.3', edition: 'Open Source' },
    featureToggles: {},
    secureSocksDSProxyEnabled: false,
  },
  user: { isSignedIn: true, orgId: hostOrgId, orgRole: 'Admin', permissions: {} },
  navTree: [],
  assets: { dark: '', light: '' },
};

if (window.__LG_HOST__?.wrapFetch) {
  // What Faro and OpenTelemetry's fetch instrumentation do: the Response handed back is a
  // Proxy, whose methods still work but which `WebAssembly.compileStreaming` refuses.
  const original = window.fetch.bind(window);
  window.fetch = new Proxy(original, {
    apply: async (target, _this, args: Parameters<typeof fetch>) => {
      const response = await target(...args);
      return new Proxy(response, {
        get(r, prop) {
          const value = Reflect.get(r, prop, r);
          return typeof value === 'function' ? value.bind(r) : value;
        },
      });
    },
  });
  window.__hostFetchWrapped = true;
}

declare const HOST_VARIANT: 'react18' | 'react19' | 'react19-dev';
