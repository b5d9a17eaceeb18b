// The plugin's entry, as Grafana loads it: `exports.plugin`, an AppPlugin whose root page
// (everything under /a/<plugin-id>/) is the App component.
import { AppPlugin } from '@grafana/data';
import { App } from './App';

export const plugin = new AppPlugin<{}>().setRootPage(App);
