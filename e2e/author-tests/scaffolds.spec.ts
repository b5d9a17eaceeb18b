// The two create-plugin scaffolds after the README's "Use it in a Grafana plugin" steps
// (embed/author-check/check.sh built them with the scaffolds' own `npm run build`), loaded
// the way Grafana loads plugins, under React 19 and React 18.
import { test, expect, emittedOptions } from '../host-tests/fixtures';

const DATASOURCE = 'leptosgrafana-kitcheck-datasource';
const APP = 'leptosgrafana-kitcheck-app';

test('the data source scaffold shows the kit editor with the README schema and Grafana JSON', async ({ page, api }) => {
  const uid = await api.createDataSource(`scaffold-${Date.now()}`, { secureJsonData: { apiToken: 'saved' } }, DATASOURCE);
  await page.goto(`connections/datasources/edit/${uid}`);
  const url = page.getByLabel('URL', { exact: true });
  await expect(url).toBeEnabled();
  await page.getByLabel('Project ID').fill('p-42');
  await expect.poll(async () => (await emittedOptions(page)).jsonData?.projectId).toBe('p-42');
  await expect(page.getByRole('textbox', { name: 'API token' })).toHaveValue('configured');
  await page.getByRole('button', { name: 'Reset API token' }).click();
  const reset = await emittedOptions(page);
  expect(reset.secureJsonFields.apiToken).toBe(false);
  expect(reset.secureJsonData.apiToken).toBe('');
});

test('the app scaffold keeps its own pages and serves the service-account pages', async ({ page, api, consoleErrors }) => {
  // The scaffold's loading placeholder (@grafana/ui's Spinner) fetches Grafana's own icon
  // files, which Grafana serves and the Grafana-like host does not.
  consoleErrors.allow({ status: 404, url: /\/public\/build\/img\/icons\// }, "Grafana's icons are not part of the host");
  const name = `scaffold-sa-${Date.now()}`;
  await api.send('POST', '/serviceaccounts', { name });
  await page.goto(`a/${APP}/one`);
  await expect(page.getByText(/this is page one/i)).toBeVisible();
  await page.goto(`a/${APP}/service-accounts?query=${name}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Service accounts' })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(name) })).toBeVisible();
});
