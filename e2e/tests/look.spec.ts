// The kit measured against @grafana/ui 13's theme (createTheme() from @grafana/data
// 13.2, read here at test time): font, sizes, radii and colours of the editor and the
// service-account pages in both themes, as the browser computes them.
import { createTheme } from '@grafana/data';
import type { Page } from '@playwright/test';
import { test, expect, appReady } from '../fixtures';
import { signIn } from '../support/auth';

/** The browser's own form of a CSS colour (so `#fbfbfb` and `rgb(251, 251, 251)` compare equal). */
async function css(page: Page, colour: string): Promise<string> {
  return page.evaluate((c) => {
    const probe = document.createElement('span');
    probe.style.color = c;
    document.body.append(probe);
    const out = getComputedStyle(probe).color;
    probe.remove();
    return out;
  }, colour);
}

/** The element's rounded height (`height`) and the computed value of each property. */
async function style(page: Page, selector: string, props: string[]): Promise<Record<string, string>> {
  return page.locator(selector).first().evaluate((el, ps) => {
    const cs = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const out: Record<string, string> = { height: `${Math.round(box.height)}px` };
    for (const p of ps) out[p] = cs.getPropertyValue(p);
    return out;
  }, props);
}

for (const mode of ['light', 'dark'] as const) {
  test(`the kit looks like @grafana/ui 13 (${mode})`, async ({ page }) => {
    const theme = createTheme({ colors: { mode } });
    const setTheme = () => page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), mode);
    const px = (n: number) => `${n}px`;
    const controlHeight = px(theme.spacing.gridSize * theme.components.height.md);

    // The editor, on a data source's page.
    await signIn(page, 'admin', 'admin', '/datasources');
    const created = await page.request.post('/api/datasources', {
      data: { name: `look-${mode}-${Date.now()}`, type: 'leptos-grafana-example-datasource', access: 'proxy' },
      headers: { Origin: new URL(page.url()).origin },
    });
    const { datasource } = await created.json();
    await page.goto(`/datasources/edit/${datasource.uid}`);
    await appReady(page);
    await expect(page.getByRole('button', { name: 'Save & test' })).toBeVisible();
    await setTheme();
    const body = await style(page, 'body', ['font-family', 'background-color', 'color']);
    expect(body['font-family'].split(',')[0].replace(/["']/g, '').trim()).toBe('Inter');
    expect(body['background-color']).toBe(await css(page, theme.colors.background.canvas));
    expect(body.color).toBe(await css(page, theme.colors.text.primary));
    const section = await style(page, '.lg-config-section__title', ['font-size', 'font-weight']);
    expect(section['font-size']).toBe(px(22));
    expect(section['font-weight']).toBe(String(theme.typography.h3.fontWeight));
    const description = await style(page, '.lg-field__description', ['color']);
    expect(description.color).toBe(await css(page, theme.colors.text.secondary));

    // The service-account list.
    await page.goto('/org/serviceaccounts');
    await expect(page.getByRole('heading', { level: 1, name: 'Service accounts' })).toBeVisible();
    await setTheme();
    const input = await style(page, '#sa-search', ['font-size', 'border-top-left-radius', 'border-top-color', 'background-color']);
    expect(input.height).toBe(controlHeight);
    expect(input['font-size']).toBe(px(theme.typography.fontSize));
    expect(input['border-top-left-radius']).toBe(theme.shape.radius.default);
    expect(input['border-top-color']).toBe(await css(page, theme.components.input.borderColor));
    expect(input['background-color']).toBe(await css(page, theme.components.input.background));
    const title = await style(page, 'h1.lg-page__title', ['font-size', 'font-weight']);
    expect(title['font-size']).toBe(px(28));
    expect(title['font-weight']).toBe(String(theme.typography.h1.fontWeight));
    const primary = await style(page, '.lg-button--primary', ['background-color', 'border-top-left-radius', 'font-weight']);
    expect(primary.height).toBe(controlHeight);
    expect(primary['background-color']).toBe(await css(page, theme.colors.primary.main));
    expect(primary['border-top-left-radius']).toBe(theme.shape.radius.default);
    expect(primary['font-weight']).toBe(String(theme.typography.fontWeightMedium));
    const secondary = await style(page, '.lg-button:not(.lg-button--primary)', ['background-color']);
    expect(secondary.height).toBe(controlHeight);
    expect(secondary['background-color']).toBe(await css(page, theme.colors.secondary.main));
    const panel = await style(page, '.lg-table', ['background-color']);
    expect(panel['background-color']).toBe(await css(page, theme.colors.background.primary));
  });
}
