// Where the host is (Grafana's appSubUrl) and its theme, shared by the boot script and the
// host's modules.

/** Grafana's `appSubUrl`: `''` at the root, `/grafana` under a sub-path (from <base href>). */
export const appSubUrl = new URL(document.baseURI).pathname.replace(/\/$/, '');

declare const HOST_VARIANT: 'react18' | 'react19' | 'react19-dev';
/** Which build of the host this is. */
export const hostVariant = HOST_VARIANT;

const THEME_KEY = 'host.theme';

export function storedTheme(): 'dark' | 'light' {
  return localStorage.getItem(THEME_KEY) === 'light' ? 'light' : 'dark';
}

export function currentTheme(): 'dark' | 'light' {
  return document.body.classList.contains('theme-light') ? 'light' : 'dark';
}

/** Switches Grafana's theme class without a reload, as Grafana's theme picker does. */
export function setTheme(theme: 'dark' | 'light') {
  document.body.classList.remove('theme-dark', 'theme-light');
  document.body.classList.add(`theme-${theme}`);
  localStorage.setItem(THEME_KEY, theme);
}

/** The signed-in user's current org (`bootData.user.orgId`); a test may choose another. */
export const hostOrgId: number = (window as { __LG_HOST__?: { orgId?: number } }).__LG_HOST__?.orgId ?? 1;
