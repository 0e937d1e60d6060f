/**
 * The explorer's user journeys in headless Chromium against the app served by npm start. Each
 * test asserts what the user sees and saves a screenshot to test-results/screenshots/.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canvasState, launch, openApp, settled } from '../helpers/browser';
import { drawn, shots } from './canvas-helpers';

/**
 * How long a check waits for the page to reach the state it needs (a request answered and
 * rendered). A wait, not a speed claim: generous, so that a slow machine does not fail a test.
 */
const UNTIL = { timeout: 20_000, interval: 100 };
import { reportBundle } from '../helpers/report';

const bundle = reportBundle();
let browser: Browser;
const pages: Page[] = [];

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function open(path = '/', viewport?: { width: number; height: number }) {
  const opened = await openApp(browser, path, viewport);
  pages.push(opened.page);
  return opened;
}

const panelHeading = (page: Page) => page.getByTestId('entity-panel').getByRole('heading', { level: 2 });

/** Whether every node of the canvas lies inside the visible part of it. */
const inView = (page: Page) =>
  page.evaluate(() => {
    const cy = (window as unknown as { __explorerCy: import('cytoscape').Core }).__explorerCy;
    const bb = cy.elements().boundingBox();
    const view = cy.extent();
    return bb.x1 >= view.x1 - 1 && bb.y1 >= view.y1 - 1 && bb.x2 <= view.x2 + 1 && bb.y2 <= view.y2 + 1;
  });

describe('explorer journeys', () => {
  it('1. search: autocomplete by name and alias, with types, keyboard only', async () => {
    const { page, errors } = await open('/');
    await settled(page);
    const box = page.getByTestId('search').getByRole('combobox');
    await box.focus();
    await page.keyboard.type('molvt');
    const first = page.getByTestId('search').getByRole('option').first();
    await expect.poll(() => first.textContent(), UNTIL).toContain('Ministry of Labour and Vocational Training');
    expect(await first.textContent()).toContain('Ministry');
    await page.keyboard.press('Enter');
    await expect.poll(() => panelHeading(page).textContent(), UNTIL).toBe('Ministry of Labour and Vocational Training');

    await box.fill('korea');
    await expect.poll(() => page.getByTestId('search').getByRole('option').allTextContents(), UNTIL).toEqual(expect.arrayContaining([expect.stringContaining('South Korea')]));
    const options = await page.getByTestId('search').getByRole('option').allTextContents();
    const index = options.findIndex((o) => o.startsWith('South Korea'));
    // The first ArrowDown highlights the top hit.
    for (let i = 0; i <= index; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => panelHeading(page).textContent(), UNTIL).toBe('South Korea');
    await shots(page, '01-search');
    expect(errors).toEqual([]);
  });

  it('2. canvas: expand, undo, pin, remove, fit and zoom', async () => {
    const { page } = await open('/?e=committee%3Amigration-working-group&n=committee%3Amigration-working-group');
    await settled(page);
    expect((await canvasState(page)).nodes.map((n) => n.id)).toEqual(['committee:migration-working-group']);
    // One node is fitted no closer than 1.5 (at Cytoscape's maximum, 4, its name filled the canvas).
    await expect.poll(async () => (await canvasState(page)).zoom, UNTIL).toBeLessThanOrEqual(1.5);
    await page.getByRole('button', { name: 'Expand all' }).click();
    await settled(page);
    const expanded = await canvasState(page);
    expect(expanded.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['ministry:moi', 'ministry:molvt', 'committee:ncct']));
    expect(expanded.edges).toBeGreaterThan(3);
    await page.getByRole('button', { name: 'Undo' }).click();
    await settled(page);
    expect((await canvasState(page)).nodes).toHaveLength(1);
    await page.getByRole('button', { name: 'Expand all' }).click();
    await settled(page);
    // Expand by one relation type only.
    await page.getByRole('button', { name: 'Pin' }).click();
    expect(await page.getByRole('button', { name: 'Unpin' }).getAttribute('aria-pressed')).toBe('true');
    const zoom = (await canvasState(page)).zoom;
    await page.getByRole('button', { name: 'Zoom in' }).click();
    expect((await canvasState(page)).zoom).toBeGreaterThan(zoom);
    // Zoomed in until the graph overflows the view; Fit brings all of it back into view.
    for (let i = 0; i < 4 && (await inView(page)); i++) await page.getByRole('button', { name: 'Zoom in' }).click();
    expect(await inView(page)).toBe(false);
    await page.getByRole('button', { name: 'Fit' }).click();
    await expect.poll(() => inView(page), UNTIL).toBe(true);
    await shots(page, '02-canvas');
    await page.getByRole('button', { name: 'Remove' }).click();
    await settled(page);
    expect((await canvasState(page)).nodes.map((n) => n.id)).not.toContain('committee:migration-working-group');
  });

  it('2b. canvas: expand by one relation type', async () => {
    const { page } = await open('/?e=committee%3Amigration-working-group&n=committee%3Amigration-working-group');
    await settled(page);
    await page.getByLabel('Expand by relation type').selectOption('VICE_CHAIRS');
    await page.getByRole('button', { name: 'Expand', exact: true }).click();
    await settled(page);
    expect((await canvasState(page)).nodes.map((n) => n.id).sort()).toEqual(['committee:migration-working-group', 'ministry:moj', 'ministry:molvt', 'ministry:mowa']);
  });

  it('3. filters: a type unticked in the legend leaves the canvas', async () => {
    const { page } = await open('/');
    await settled(page);
    const before = await canvasState(page);
    expect(before.nodes.some((n) => n.type === 'Ministry')).toBe(true);
    await page.getByLabel('Show Ministry').uncheck();
    await settled(page);
    const after = await canvasState(page);
    expect(after.nodes.some((n) => n.type === 'Ministry')).toBe(false);
    expect(after.nodes.length).toBe(before.nodes.length - before.nodes.filter((n) => n.type === 'Ministry').length);
    expect(page.url()).toContain('ht=Ministry');
    await page.getByLabel('Show issued by').uncheck();
    await settled(page);
    expect((await canvasState(page)).edges).toBeLessThan(after.edges);
    await shots(page, '03-filters');
  });

  it('4. entity panel: aliases, properties, relations by type, mentions that open the report at the span', async () => {
    const { page } = await open('/?e=body%3Amtosb');
    const panel = page.getByTestId('entity-panel');
    await expect.poll(() => panelHeading(page).textContent(), UNTIL).toContain('Manpower Training and Overseas Sending Board');
    expect(await panel.textContent()).toContain('MTOSB');
    // Every property, name and value, as the graph holds it.
    const props = Object.entries(bundle.entities.find((e) => e.id === 'body:mtosb')!.properties);
    expect(props.length).toBeGreaterThan(0);
    const rows = await panel.locator('table.props tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')?.textContent, tr.querySelector('td')?.textContent]));
    expect(rows).toEqual(props.map(([k, v]) => [k, String(v)]));
    expect(await panel.getByText(/established by \(\d+\)/).count()).toBe(1);
    const mention = bundle.mentions.find((m) => m.entityId === 'body:mtosb')!;
    await panel.getByRole('button', { name: 'Open in the report' }).first().click();
    const highlight = page.getByTestId('highlight');
    await expect.poll(() => highlight.first().textContent(), UNTIL).toBe(mention.text);
    await shots(page, '04-entity-mentions');
  });

  it('5. relation panel: evidence quotes open the report at their span', async () => {
    const { page } = await open('/?e=ministry%3Amoi');
    const panel = page.getByTestId('entity-panel');
    await panel.getByRole('button', { name: /Evidence for chairs Migration Working Group/ }).click();
    const quote = page.getByTestId('evidence-quote').first();
    await expect.poll(() => quote.textContent(), UNTIL).toContain('MOI chairs this group');
    await quote.getByRole('button', { name: 'Open in the report' }).click();
    // The evidence is the whole stating sentence.
    await expect.poll(() => page.getByTestId('highlight').allTextContents().then((t) => t.join('')), UNTIL).toBe(
      'MOI chairs this group, and there are number of vice-chairs, including the MOLVT, MOWA and the Ministry of Justice.',
    );
    // The report says which relation the highlight is the evidence for (it said nothing).
    expect(await page.getByTestId('evidence-for').textContent()).toBe('Evidence for Ministry of Interior chairs Migration Working Group, highlighted:');
    await shots(page, '05-relation-evidence');
  });

  it('6. reader: outline, tables as tables, clickable mentions and citations', async () => {
    const { page } = await open('/?tab=report');
    const reader = page.getByTestId('reader');
    await reader.getByRole('navigation', { name: 'Outline' }).waitFor();
    expect(await reader.getByRole('navigation', { name: 'Outline' }).textContent()).toContain('Introduction');
    expect(await reader.getByTestId('table-2.1').locator('thead').getByRole('columnheader').allTextContents()).toEqual(['', '2000', '2015']);
    await reader.getByRole('button', { name: 'Tong (2012)' }).first().click();
    await expect.poll(() => panelHeading(page).textContent(), UNTIL).toBe('Tong (2012)');
    await page.getByRole('tab', { name: 'Report' }).click();
    const mention = reader.locator('.mention').first();
    const name = ((await mention.getAttribute('title')) ?? '').split(': ').slice(1).join(': ');
    await mention.click();
    await expect.poll(() => panelHeading(page).textContent(), UNTIL).toBe(name);
    await shots(page, '06-reader');
  });

  it('7. trace a finding: filter, read it, and draw studies and datasets in one click', async () => {
    const { page } = await open('/?tab=findings');
    const view = page.getByTestId('findings-view');
    await view.getByLabel('Filter by migration dimension').waitFor();
    const all = await view.getByRole('listitem').count();
    await view.getByLabel('Filter by migration dimension').selectOption({ label: 'Remittances' });
    const some = await view.getByRole('listitem').count();
    expect(some).toBeGreaterThan(0);
    expect(some).toBeLessThan(all);
    await view.getByRole('button', { name: /Tong/ }).first().click();
    const panel = page.getByTestId('entity-panel');
    await panel.getByRole('button', { name: 'Draw the trace' }).click();
    await settled(page);
    const ids = (await canvasState(page)).nodes.map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining(['finding:tong-remittances-reduce-poverty', 'study:tong-2012', 'dimension:remittances']));
    await shots(page, '07-trace');
  });

  it('8. path finder: the shortest connection drawn and spelled out with evidence', async () => {
    const { page } = await open('/?tab=path&path=ministry%3Amowa%2Ccommittee%3Ancct');
    const steps = page.getByTestId('path-steps').getByRole('listitem');
    await expect.poll(() => steps.count(), UNTIL).toBe(2);
    expect(await steps.nth(0).textContent()).toMatch(/Ministry of Women's Affairs vice chairs Migration Working Group/);
    expect(await steps.nth(1).textContent()).toMatch(/Migration Working Group subordinate to National Committee/);
    expect(await steps.nth(0).locator('blockquote').textContent()).toContain('“');
    await settled(page);
    expect((await canvasState(page)).nodes.map((n) => n.id).sort()).toEqual(['committee:migration-working-group', 'committee:ncct', 'ministry:mowa']);
    await shots(page, '08-path');
  });

  it('9. preset views: institutional map, evidence map, destinations', async () => {
    // Opened with an entity selected: a preset view replaces the canvas, and the details of an
    // entity no longer drawn go with it (they stayed, beside a map without it).
    const { page } = await open('/?e=ministry%3Amolvt');
    await settled(page);
    await expect.poll(() => page.getByTestId('entity-panel').isVisible(), UNTIL).toBe(true);
    await page.getByRole('button', { name: 'Institutional map' }).click();
    await settled(page);
    expect(await page.getByTestId('entity-panel').count()).toBe(0);
    expect(page.url()).not.toContain('e=');
    const types = async () => new Set((await canvasState(page)).nodes.map((n) => n.type));
    expect([...(await types())].sort()).toEqual(['Agreement', 'Committee', 'GovernmentBody', 'LegalInstrument', 'Ministry', 'Policy']);
    await page.getByRole('button', { name: 'Evidence map' }).click();
    await settled(page);
    expect([...(await types())].sort()).toEqual(['Dataset', 'Finding', 'Study']);
    await page.getByRole('button', { name: 'Destinations' }).click();
    await settled(page);
    expect(await types()).toContain('Country');
    await shots(page, '09-presets');
  });

  it('10. timeline: dated entities in order, each opening its entity', async () => {
    const { page } = await open('/?tab=timeline');
    const items = page.getByTestId('timeline-view').getByRole('listitem');
    await expect.poll(() => items.count(), UNTIL).toBeGreaterThan(5);
    const years = (await page.getByTestId('timeline-view').locator('.year').allTextContents()).map((y) => parseInt(y, 10));
    expect(years).toEqual([...years].sort((a, b) => a - b));
    expect(await page.getByTestId('timeline-view').textContent()).toContain('1995');
    await items.filter({ hasText: '1995' }).first().getByRole('button').click();
    await expect.poll(() => panelHeading(page).textContent(), UNTIL).toMatch(/Sub-decree/);
    await shots(page, '10-timeline');
  });

  it('11. tables and charts: Table 2.1 as a table and as bars, linked to its passage', async () => {
    const { page } = await open('/?tab=tables&t=2.1');
    const table = page.getByTestId('table-2.1');
    await table.waitFor();
    // The Thailand row shows its values from the graph, in their columns.
    const thailand = bundle.tables.find((t) => t.number === '2.1')!.rows.find((r) => r.label === 'Thailand')!;
    const cells = await table.getByRole('row').filter({ hasText: 'Thailand' }).first().locator('th, td').allTextContents();
    expect(cells.map((c) => c.trim())).toEqual([thailand.label, ...thailand.values]);
    // Only shares are charted: the population and the stock of emigrants are not on a % axis.
    const bars = page.getByTestId('chart-2.1').locator('rect');
    expect(await bars.count()).toBeGreaterThan(0);
    expect(await page.getByTestId('chart-2.1').textContent()).not.toMatch(/Total population|Stock of emigrants/);
    await page.getByRole('button', { name: 'Open in the report' }).click();
    await expect.poll(() => page.locator('.passage.open').getAttribute('data-passage'), UNTIL).toBe(bundle.tables.find((t) => t.number === '2.1')!.passageId);
    await shots(page, '11-tables');
  });

  it('12. discrepancies: the statements that disagree, side by side', async () => {
    const { page } = await open('/?tab=discrepancies');
    const statements = page.getByTestId('discrepancy-statement');
    await expect.poll(() => statements.count(), UNTIL).toBeGreaterThanOrEqual(4);
    const text = (await page.getByTestId('discrepancies-view').textContent()) ?? '';
    // The shares of state-sponsored migrants by destination add up to 103%; "Sub-decree 702" is
    // Sub-decree 70 with the marker of note 2, so no longer a discrepancy.
    expect(text).toContain('103%');
    expect(text).not.toContain('702');
    await shots(page, '12-discrepancies');
  });

  it('13. shareable state: reload and back/forward restore the view', async () => {
    const { page } = await open('/?e=committee%3Amigration-working-group&n=committee%3Amigration-working-group');
    await settled(page);
    await page.getByRole('button', { name: 'Expand all' }).click();
    await settled(page);
    await page.getByLabel('Show Ministry').uncheck();
    await settled(page);
    // The URL takes the geometry a moment after the drawing stops: wait for both to be still.
    await drawn(page);
    const before = await canvasState(page);
    const url = page.url();
    expect(url).toMatch(/[?&]pos=.*&z=.*&pan=/);
    await page.reload();
    await expect.poll(() => panelHeading(page).textContent(), UNTIL).toBe('Migration Working Group');
    await settled(page);
    await drawn(page);
    const after = await canvasState(page);
    expect(after.nodes.map((n) => n.id).sort()).toEqual(before.nodes.map((n) => n.id).sort());
    expect(await page.getByLabel('Show Ministry').isChecked()).toBe(false);
    expect(page.url()).toBe(url);
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await page.getByTestId('timeline-view').waitFor();
    const timelineUrl = page.url();
    expect(timelineUrl).not.toBe(url);
    await page.goBack();
    await expect.poll(() => page.getByTestId('entity-panel').isVisible(), UNTIL).toBe(true);
    await expect.poll(() => page.url(), UNTIL).toBe(url);
    await page.goForward();
    await expect.poll(() => page.getByTestId('timeline-view').isVisible(), UNTIL).toBe(true);
    expect(page.url()).toBe(timelineUrl);
    await shots(page, '13-url-state');
  });

  it('14. export: PNG of the canvas, JSON of the visible subgraph, CSV of a table', async () => {
    const { page } = await open('/');
    await settled(page);
    const save = async (button: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
      return readFileSync((await download.path())!);
    };
    const png = await save('PNG');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const json = JSON.parse((await save('Export the view with its evidence')).toString());
    expect(json.nodes.length).toBe((await canvasState(page)).nodes.length);
    await page.getByRole('tab', { name: 'Tables' }).click();
    await page.getByRole('button', { name: 'Table 2.1' }).click();
    const csv = (await save('Download CSV')).toString();
    expect(csv.split('\r\n')[0]).toBe('group,label,2000,2015');
    // Numbers as numbers: "12 198" in the report is 12198 here.
    expect(csv).toContain('12198');
    expect(csv).toContain('Thailand');
  });

  it('15. states: unknown ids explained, API link, narrow window', async () => {
    const { page, errors } = await open('/?e=nothing%3Ahere', { width: 420, height: 800 });
    await expect.poll(() => page.getByText('No entity has the id “nothing:here”').count(), UNTIL).toBe(1);
    // The canvas's banner says it in words too (it showed the server's redacted developer
    // message: 'unknown entity id "..."; ids look like "..." (see Node)').
    await expect.poll(() => page.locator('.error').allTextContents(), UNTIL).toEqual([expect.stringContaining('Nothing in the graph has that id')]);
    expect((await page.locator('.error').allTextContents()).join()).not.toContain('...');
    // On a phone the API link is on the search screen.
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    expect(await page.getByRole('link', { name: 'GraphQL API' }).getAttribute('href')).toBe('/graphql');
    const box = await page.getByTestId('search').boundingBox();
    expect(box!.width).toBeLessThanOrEqual(420);
    await page.getByTestId('search').getByRole('combobox').fill('zzzzqqq');
    await expect.poll(() => page.getByText('No entity matches').count(), UNTIL).toBe(1);
    await shots(page, '15-narrow');
    expect(errors.filter((e) => !/404|Failed to load resource/.test(e))).toEqual([]);
  });
});
