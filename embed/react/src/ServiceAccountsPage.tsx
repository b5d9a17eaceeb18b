// Grafana's service-account pages as an app plugin page component:
//
//   <ServiceAccountsPage basePath={`/a/${pluginId}/service-accounts`} />
//
// Grafana's router is the one router: the pages read `locationService`'s location, move
// with `locationService.push` / `.replace`, and call Grafana's API under `appSubUrl`.
import React, { useEffect } from 'react';
import { config, locationService } from '@grafana/runtime';
import type { ServiceAccountsHandle, ServiceAccountsProps } from '../wasm/service-accounts/leptos_grafana.js';
import { type ServiceAccountsKit, loadServiceAccountsKit } from './serviceAccountsKit.js';
import { useLatest, useLeptosMount } from './useLeptosMount.js';
import { LoadError } from './LoadError.js';

export interface ServiceAccountsPageProps {
  /** Where the pages live in Grafana's router, e.g. `/a/<plugin-id>/service-accounts`. */
  basePath: string;
  /** Whether to offer "Add service account"; by default the pages ask Grafana. */
  canCreate?: boolean;
  /** The API answered 401 (the session is gone); the page shows the message as well. */
  onUnauthorized?: (message: string) => void;
}

/** The user's current org (sent as `X-Grafana-Org-Id`), when Grafana says one. */
function currentOrgId(): number | undefined {
  const orgId = config.bootData?.user?.orgId;
  return typeof orgId === 'number' && orgId > 0 ? orgId : undefined;
}

function currentLocation() {
  const { pathname, search } = locationService.getLocation();
  return { pathname, search };
}

export function ServiceAccountsPage({ basePath, canCreate, onUnauthorized }: ServiceAccountsPageProps) {
  const appSubUrl = config.appSubUrl ?? '';
  // `onUnauthorized` is read when the API answers 401: the latest one the host passed.
  const latest = useLatest({ onUnauthorized });
  const { container, handle, error, retry } = useLeptosMount<ServiceAccountsKit, ServiceAccountsProps, ServiceAccountsHandle>(
    loadServiceAccountsKit,
    (kit, element) =>
      kit.mountServiceAccounts(element, {
        basePath,
        location: currentLocation(),
        onNavigate: (path, { replace }) => (replace ? locationService.replace(path) : locationService.push(path)),
        apiBase: `${appSubUrl}/api`,
        appSubUrl,
        canCreate,
        orgId: currentOrgId(),
        onUnauthorized: (message) => latest.current.onUnauthorized?.(message),
      })
  );

  // Every move of Grafana's router (links, Back, Forward) reaches the pages.
  useEffect(() => {
    const subscription = locationService
      .getLocationObservable()
      .subscribe(({ pathname, search }: { pathname: string; search: string }) => {
        handle.current?.update({ location: { pathname, search } });
      });
    return () => subscription.unsubscribe();
  }, [handle]);

  useEffect(() => {
    handle.current?.update({ basePath, canCreate });
  }, [handle, basePath, canCreate]);

  if (error) {
    return <LoadError what="the service account pages" message={error} onRetry={retry} />;
  }
  return <div ref={container} className="leptos-grafana-service-accounts" />;
}
