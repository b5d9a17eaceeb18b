// The plugin's entry, as Grafana loads it: `exports.plugin`, a DataSourcePlugin whose
// ConfigEditor the kit builds from this plugin's schema/dsconfig.json (grafana/dsconfig's
// format), from the kit's dsconfig-editor package. There is no editor code: the file is
// the editor.
import { DataSourcePlugin } from '@grafana/data';
import { createDsConfigEditor } from '@leptos-grafana/react';
import { DataSource } from './datasource';

export const plugin = new DataSourcePlugin(DataSource).setConfigEditor(createDsConfigEditor());
