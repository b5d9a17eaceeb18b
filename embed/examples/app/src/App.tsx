// The app's root page. The service-account pages live under
// /a/<plugin-id>/service-accounts (the page plugin.json puts in Grafana's navigation); the
// app's own root goes there.
import React, { useEffect } from 'react';
import type { AppRootProps } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { ServiceAccountsPage } from '@leptos-grafana/react';
import pluginJson from './plugin.json';

export const SERVICE_ACCOUNTS_PATH = `/a/${pluginJson.id}/service-accounts`;

export function App(_props: AppRootProps) {
  const atRoot = !locationService.getLocation().pathname.startsWith(SERVICE_ACCOUNTS_PATH);
  useEffect(() => {
    if (atRoot) {
      locationService.replace(SERVICE_ACCOUNTS_PATH);
    }
  }, [atRoot]);
  return <ServiceAccountsPage basePath={SERVICE_ACCOUNTS_PATH} />;
}
