// Loading a plugin as Grafana 12/13 does: read its settings (`module` is
// `public/plugins/<id>/module.js`), import that AMD module through SystemJS (below
// appSubUrl), await a Promise default export (what webpack's asyncWebAssembly produces),
// and take `exports.plugin`.
import type { AppPlugin, DataSourceInstanceSettings, DataSourcePlugin, DataSourceSettings, PluginMeta } from '@grafana/data';
import { api } from './api';
import { appSubUrl } from './theme';
import { installSharedDependencies, systemJS } from './shared';

type GrafanaPluginLike = { meta?: PluginMeta; init?: (meta: PluginMeta) => void };

const cache = new Map<string, Promise<{ plugin: GrafanaPluginLike; meta: PluginMeta }>>();

export function importPlugin(id: string) {
  let loading = cache.get(id);
  if (!loading) {
    loading = (async () => {
      installSharedDependencies();
      const meta = await api<PluginMeta & { module: string }>('GET', `/plugins/${encodeURIComponent(id)}/settings`);
      let exports = await systemJS().import(`${appSubUrl}/${meta.module}`);
      if (exports.default && typeof (exports.default as Promise<unknown>).then === 'function') {
        exports = (await exports.default) as Record<string, unknown>;
      }
      const plugin = (exports.plugin ?? (exports.default as Record<string, unknown> | undefined)?.plugin) as
        | GrafanaPluginLike
        | undefined;
      if (!plugin) {
        throw new Error(`${meta.module} has no exports.plugin`);
      }
      plugin.meta = meta;
      return { plugin, meta };
    })();
    loading.catch(() => cache.delete(id));
    cache.set(id, loading);
  }
  return loading;
}

export async function importDataSourcePlugin(id: string) {
  const { plugin, meta } = await importPlugin(id);
  return { plugin: plugin as unknown as DataSourcePlugin<any>, meta };
}

export async function importAppPlugin(id: string) {
  const { plugin, meta } = await importPlugin(id);
  const app = plugin as unknown as AppPlugin;
  app.init(meta as never);
  return { plugin: app, meta };
}

/**
 * The `DataSourceInstanceSettings` Grafana gives a plugin's `DataSource` (its entry in the
 * frontend settings): with `proxy` access, `url` is the data source proxy's path, where
 * Grafana's backend adds the stored credentials; with `direct` access, the URL itself.
 * (The host's backendSrv puts appSubUrl in front, as Grafana's base href does.)
 */
export function instanceSettings(ds: DataSourceSettings, meta: PluginMeta): DataSourceInstanceSettings {
  const url = ds.access === 'direct' ? ds.url : `/api/datasources/proxy/uid/${encodeURIComponent(ds.uid)}`;
  return {
    id: ds.id,
    uid: ds.uid,
    type: ds.type,
    name: ds.name,
    meta: meta as DataSourceInstanceSettings['meta'],
    url,
    access: ds.access === 'direct' ? 'direct' : 'proxy',
    jsonData: ds.jsonData ?? {},
    readOnly: ds.readOnly,
    isDefault: ds.isDefault,
  };
}
