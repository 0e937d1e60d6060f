/**
 * The canvas as people read it, in headless Chromium: labels (full, readable, not on top of each
 * other), layouts (seeded, chosen and remembered, expansion around its anchor), the URL restoring
 * the drawing, keyboard paths, accessibility (axe-core), the phone layout, and the views that
 * used to mislead. Screenshots at 1440x900 and 390x844 go to test-results/screenshots/.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { medianDisplacement } from '../../client/src/core/layout';
import { fromMinimap } from '../../client/src/core/minimap';
import { canvasState, launch, openApp, screenshot, settled } from '../helpers/browser';
import { drawn, labelReport, positions, seriousViolations, shots } from './canvas-helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const open = async (path = '/', viewport = { width: 1440, height: 900 }) => (await openApp(browser, path, viewport)).page;
const HUB = 'country:cambodia';
const hubUrl = `/?e=${encodeURIComponent(HUB)}&n=${encodeURIComponent(HUB)}`;

/** Opens `url` in a fresh page and returns the median displacement of the nodes from `before`. */
async function reopened(url: string, before: Map<string, { x: number; y: number }>): Promise<number> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(url);
  await drawn(page, before.size);
  const after = await positions(page);
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  await page.close();
  return medianDisplacement(before, after);
}

function readable(r: Awaited<ReturnType<typeof labelReport>>) {
  expect(r.cut).toEqual([]);
  expect(r.overlapping).toBeLessThanOrEqual(Math.floor(r.nodes * 0.05));
  // No name drawn over another node (its background hid the node: a half-drawn "ghost").
  expect(r.covering).toBeLessThanOrEqual(Math.floor(r.nodes * 0.05));
  expect(r.minFontPx).toBeGreaterThanOrEqual(10.5);
  // Most names are on the canvas, not hidden.
  expect(r.shown).toBeGreaterThanOrEqual(Math.ceil(r.nodes * 0.6));
}

describe('canvas people can read', () => {
  it('first view: full names, readable size, no overlapping labels, and the URL redraws it in place', async () => {
    const page = await open('/');
    await drawn(page, 10);
    const report = await labelReport(page);
    readable(report);
    const before = await positions(page);
    expect(page.url()).toMatch(/pos=/);
    expect(page.url()).toMatch(/[?&]z=/);
    expect(await reopened(page.url(), before)).toBeLessThanOrEqual(5);
    // The first drawing replaced the bare URL: there is no empty view to go Back to.
    expect(await page.evaluate(() => history.length)).toBe(2);
    await page.getByRole('button', { name: 'Evidence map' }).click();
    await drawn(page, 3);
    await expect.poll(() => page.getByTestId('notice').textContent(), { timeout: 10_000 }).toContain('left out');
    await page.goBack();
    await expect.poll(() => canvasState(page).then((s) => s.nodes.some((n) => n.type === 'Ministry')), { timeout: 20_000 }).toBe(true);
    // The evidence map's notice (what it left out) is not shown over the view Back drew.
    expect(await page.getByTestId('notice').count()).toBe(0);
    // Hovering a node shows its full name and type.
    const box = await page.getByTestId('canvas').boundingBox();
    const spot = await page.evaluate(() => { const cy = (window as unknown as { __explorerCy: import('cytoscape').Core }).__explorerCy; const n = cy.nodes().first(); return { ...n.renderedPosition(), name: n.data('name') as string }; });
    await page.mouse.move(box!.x + spot.x, box!.y + spot.y);
    await expect.poll(() => page.getByTestId('hover-card').textContent(), { timeout: 5000 }).toContain(spot.name);
    await shots(page, 'c01-first-view');
    // Narrowed to a phone, the drawing is fitted again: the card, placed for the wide window,
    // hung past the right edge.
    expect(await page.getByTestId('hover-card').count()).toBe(0);
  }, 240_000);

  it('first view on a laptop and on a phone: readable labels', async () => {
    for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
      const page = await open('/', viewport);
      await drawn(page, 10);
      const report = await labelReport(page);
      expect(report.cut, `${viewport.width}`).toEqual([]);
      expect(report.overlapping, `${viewport.width}`).toBeLessThanOrEqual(Math.floor(report.nodes * 0.05));
      // The whole drawing on the screen: no node, and no name shown, past the canvas's edges.
      expect(report.outside, `${viewport.width}`).toEqual([]);
      console.log(`first view at ${viewport.width}x${viewport.height}: ${JSON.stringify(report)}`);
      await screenshot(page, `c00-first-view-fresh-${viewport.width}`);
      // Full names, readable and never on top of each other; at a laptop's size many names
      // shown (11 of the institutional map's 30 at 1280x800), on a phone (a canvas of 390 by 610
      // pixels, the whole drawing in it) those of the best-connected nodes, the rest on hover or
      // in the list.
      expect(report.minFontPx, `${viewport.width}`).toBeGreaterThanOrEqual(10.5);
      expect(report.shown, `${viewport.width}`).toBeGreaterThanOrEqual(Math.ceil(report.nodes * (viewport.width > 700 ? 0.35 : 0.15)));
      await page.close();
    }
  }, 240_000);

  it('a window that narrows to a phone folds the legend and keeps the drawing whole and readable, in every layout', async () => {
    for (const layout of ['force', 'hierarchy', 'rings']) {
      const page = await open(`/?l=${layout}`);
      await drawn(page, 10);
      const before = await positions(page);
      await page.setViewportSize({ width: 390, height: 844 });
      await expect.poll(() => page.locator('.legend-fold').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
      await drawn(page, 10);
      // Fitted again, nothing moved on the drawing, names shown where they fit and none drawn over
      // another (before, the desktop's zoom stayed: the drawing ran past the phone's right edge).
      expect(await positions(page), layout).toEqual(before);
      const report = await labelReport(page);
      expect(report.outside, layout).toEqual([]);
      expect(report.overlapping, layout).toBeLessThanOrEqual(Math.floor(report.nodes * 0.05));
      expect(report.minFontPx, layout).toBeGreaterThanOrEqual(10.5);
      expect(report.shown, layout).toBeGreaterThanOrEqual(3);
      await page.close();
    }
  }, 240_000);

  it('on a phone, every layout draws the whole drawing on the screen with names by priority', async () => {
    for (const layout of ['force', 'hierarchy', 'rings']) {
      const page = await open(`/?l=${layout}`, { width: 390, height: 844 });
      await drawn(page, 10);
      const report = await labelReport(page);
      // Before, rings at this width grew with its labels until the least zoom: 4 names, the
      // drawing three times the canvas.
      expect(report.outside, layout).toEqual([]);
      expect(report.overlapping, layout).toBeLessThanOrEqual(Math.floor(report.nodes * 0.05));
      expect(report.shown, layout).toBeGreaterThanOrEqual(Math.ceil(report.nodes * 0.12));
      console.log(`${layout} at 390x844: zoom ${await page.evaluate(() => (window as unknown as { __explorerCy: import('cytoscape').Core }).__explorerCy.zoom())}, ${JSON.stringify(report)}`);
      await screenshot(page, `c03-${layout}-phone-390`);
      await page.close();
    }
  }, 240_000);

  it('Expand all on a hub: new nodes around it, nothing drawn moves, labels readable, the URL redraws it', async () => {
    const page = await open(hubUrl);
    await drawn(page, 1);
    const hubAt = (await positions(page)).get(HUB)!;
    await page.getByRole('button', { name: 'Expand all' }).click();
    await drawn(page, 10);
    const after = await positions(page);
    expect(after.get(HUB)).toEqual(hubAt);
    readable(await labelReport(page));
    // Around the anchor: each new node nearer to the hub than to the far side of the drawing.
    const dist = [...after].filter(([id]) => id !== HUB).map(([, p]) => Math.hypot(p.x - hubAt.x, p.y - hubAt.y));
    const xs = [...after.values()].map((p) => p.x);
    expect(Math.max(...dist)).toBeLessThanOrEqual(Math.max(...xs) - Math.min(...xs));
    expect(await page.getByTestId('notice').textContent()).toMatch(/Added \d+ neighbours/);
    expect(await reopened(page.url(), after)).toBeLessThanOrEqual(5);
    await shots(page, 'c02-expand-hub');
  }, 240_000);

  it('layouts: hierarchy, rings and force, chosen one remembered, re-layout deterministic', async () => {
    const page = await open('/');
    await drawn(page, 10);
    await page.getByRole('button', { name: 'Hierarchy layout' }).click();
    await drawn(page, 10);
    expect(page.url()).toContain('l=hierarchy');
    readable(await labelReport(page));
    // Layers: the nodes stand in a few columns, and a relation runs from its superior's column on
    // the left to its subordinate's ("X SUBORDINATE_TO Y", "X ISSUED_BY Y": Y left of X; "X
    // CHAIRS Y": X left of Y).
    const layers = await page.evaluate(() => {
      const cy = (window as unknown as { __explorerCy: import('cytoscape').Core }).__explorerCy;
      const superiorLast = ['PART_OF', 'SUBORDINATE_TO', 'ISSUED_BY', 'ESTABLISHED_BY', 'IMPLEMENTS'];
      const columns = new Set(cy.nodes().map((n) => Math.round(n.position().x))).size;
      const edges = (cy.edges().toArray() as import('cytoscape').EdgeSingular[]).filter((e) => e.source().id() !== e.target().id());
      const rightward = edges.filter((e) => {
        const [a, b] = superiorLast.includes(e.data('type') as string) ? [e.target(), e.source()] : [e.source(), e.target()];
        return a.position().x < b.position().x;
      }).length;
      return { nodes: cy.nodes().length, columns, edges: edges.length, rightward };
    });
    expect(layers.columns).toBeLessThanOrEqual(Math.ceil(layers.nodes / 3));
    expect(layers.rightward).toBeGreaterThanOrEqual(Math.floor(layers.edges * 0.9));
    await shots(page, 'c03-hierarchy');
    // The screenshots resized the window (to a phone's width and back): the drawing is laid out
    // again for each size; wait until it is still.
    await drawn(page, 10);
    const first = await positions(page);
    await page.getByRole('button', { name: 'Re-layout' }).click();
    await drawn(page, 10);
    expect(medianDisplacement(first, await positions(page))).toBeLessThanOrEqual(5);
    // Remembered by the browser: the bare address, loaded again in the same browser profile.
    const again = page;
    await again.goto(new URL('/', page.url()).href);
    await drawn(again, 10);
    expect(await again.getByRole('button', { name: 'Hierarchy layout' }).getAttribute('aria-pressed')).toBe('true');
    await again.getByRole('button', { name: 'Rings layout' }).click();
    await drawn(again, 10);
    await shots(again, 'c03-rings');
    await again.getByRole('button', { name: 'Force layout' }).click();
    await drawn(again, 10);
    expect(again.url()).toContain('l=force');
  }, 240_000);

  it('keyboard: a short path to the panel, arrow keys on the canvas and in the node list, tabs, zoom keys', async () => {
    const page = await open(hubUrl);
    await drawn(page, 1);
    await page.getByTestId('search').getByRole('combobox').focus();
    let presses = 0;
    while (presses < 40 && (await page.evaluate(() => document.activeElement?.textContent)) !== 'Expand all') {
      await page.keyboard.press('Tab');
      presses++;
    }
    expect(presses).toBeLessThanOrEqual(14);
    // Search: ArrowDown then Enter chooses the top hit.
    const box = page.getByTestId('search').getByRole('combobox');
    await box.fill('molvt');
    await expect.poll(() => page.getByTestId('search').getByRole('option').first().textContent(), { timeout: 10_000 }).toContain('Ministry of Labour');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('entity-panel').getByRole('heading', { level: 2 }).textContent(), { timeout: 10_000 }).toBe('Ministry of Labour and Vocational Training');
    await page.getByRole('button', { name: 'Expand all' }).click();
    await drawn(page, 5);
    // Arrow keys on the canvas move the selection; + zooms.
    await page.getByTestId('canvas').focus();
    const zoom = (await canvasState(page)).zoom;
    await page.keyboard.press('+');
    expect((await canvasState(page)).zoom).toBeGreaterThan(zoom);
    const selected = () => page.evaluate(() => new URLSearchParams(location.search).get('e'));
    const start = await selected();
    let moved = start;
    for (const key of ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp']) {
      await page.keyboard.press(key);
      await page.waitForTimeout(400);
      moved = await selected();
      if (moved !== start) break;
    }
    expect(moved).not.toBe(start);
    expect(moved).toBeTruthy();
    // The node list: a focusable list of every drawn entity; Enter selects.
    await page.getByRole('button', { name: 'List of entities on the canvas' }).click();
    const list = page.getByTestId('node-list');
    const drawnCount = (await canvasState(page)).nodes.length;
    await expect.poll(() => list.getByRole('option').count(), { timeout: 10_000 }).toBe(drawnCount);
    await list.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    const firstName = await list.getByRole('option').first().locator('.hit-name').textContent();
    await expect.poll(() => page.getByTestId('entity-panel').getByRole('heading', { level: 2 }).textContent(), { timeout: 10_000 }).toBe(firstName);
    // Tabs: arrow keys move between them.
    await page.getByRole('tab', { name: 'Details' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'Report' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe('tab-report');
    await shots(page, 'c04-keyboard');
  }, 240_000);

  it('axe-core: no serious or critical violation on the main views', async () => {
    const page = await open('/');
    await drawn(page, 10);
    expect(await seriousViolations(page)).toEqual([]);
    for (const path of [hubUrl, '/?tab=report', '/?tab=tables&t=2.4']) {
      const p = await open(path);
      await settled(p);
      await p.waitForTimeout(800);
      expect({ path, violations: await seriousViolations(p) }).toEqual({ path, violations: [] });
      await p.close();
    }
    const phone = await open('/', { width: 390, height: 844 });
    await drawn(phone, 10);
    expect(await seriousViolations(phone)).toEqual([]);
  }, 240_000);
});

describe('phone, tables, text and views that used to mislead', () => {
  it('phone: search, canvas and details each get the screen; a search result opens its details', async () => {
    const page = await open('/', { width: 390, height: 844 });
    await drawn(page, 5);
    const canvasBox = await page.getByTestId('canvas').boundingBox();
    expect(canvasBox!.height).toBeGreaterThan(400);
    await shots(page, 'c05-phone-canvas');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByTestId('search').getByRole('combobox').fill('mtosb');
    await expect.poll(() => page.getByTestId('search').getByRole('option').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.keyboard.press('Enter');
    const heading = page.getByTestId('entity-panel').getByRole('heading', { level: 2 });
    await expect.poll(() => heading.textContent(), { timeout: 10_000 }).toContain('Manpower Training');
    const h = await heading.boundingBox();
    expect(h!.y + h!.height).toBeLessThan(844);
    expect(await page.getByTestId('canvas').isVisible()).toBe(false);
    await shots(page, 'c05-phone-details');
  }, 240_000);

  it('phone: the drawing stays where it was across the other screens, and an expansion made from Details is in view', async () => {
    const page = await open('/', { width: 390, height: 844 });
    await drawn(page, 10);
    const view = () => page.evaluate(() => { const cy = (window as unknown as { __explorerCy: import('cytoscape').Core }).__explorerCy; return { zoom: cy.zoom(), pan: cy.pan() }; });
    const first = await view();
    // Before, each trip moved the drawing by half the canvas: after two, it was off the screen.
    for (const other of ['Details', 'Search']) {
      await page.getByRole('button', { name: other, exact: true }).click();
      await page.waitForTimeout(300);
      await page.getByRole('button', { name: 'Canvas', exact: true }).click();
      await page.waitForTimeout(300);
      expect(await view(), other).toEqual(first);
    }
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByTestId('search').getByRole('combobox').fill('Cambodia');
    await expect.poll(() => page.getByTestId('search').getByRole('option').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.keyboard.press('Enter');
    await page.getByTestId('entity-panel').getByRole('button', { name: 'Expand all' }).click();
    await expect.poll(() => page.getByTestId('notice').textContent(), { timeout: 10_000 }).toMatch(/Added \d+ neighbours/);
    await page.getByRole('button', { name: 'Canvas', exact: true }).click();
    await drawn(page, 40);
    const report = await labelReport(page);
    expect(report.nodes).toBeGreaterThan(40);
    expect(report.outside).toEqual([]);
    expect(report.overlapping).toBeLessThanOrEqual(Math.floor(report.nodes * 0.05));
    await screenshot(page, 'c05-phone-expanded-from-details-390');
    await page.close();
  }, 240_000);

  it('minimap: the whole drawing with the view framed in it; a click there moves the view', async () => {
    const page = await open('/');
    await drawn(page, 10);
    const map = page.getByTestId('minimap');
    await map.waitFor();
    const frame = async () => (await map.getAttribute('data-view'))!.split(',').map(Number) as [number, number, number, number];
    // The whole drawing is in view: the frame holds the map.
    const whole = await frame();
    const mapBox = (await map.boundingBox())!;
    expect(whole[2]).toBeGreaterThan(mapBox.width * 0.4);
    // Zoomed in, the frame is smaller.
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(async () => (await frame())[2], { timeout: 5000 }).toBeLessThan(whole[2] * 0.7);
    const zoomed = await frame();
    const panBefore = await page.evaluate(() => ({ ...(window as unknown as { __explorerCy: import('cytoscape').Core }).__explorerCy.pan() }));
    // A click in the map's top-left quarter centres the view on the point of the drawing there.
    const at = { x: mapBox.width * 0.3, y: mapBox.height * 0.3 };
    const [scale, dx, dy] = (await map.getAttribute('data-frame'))!.split(',').map(Number) as [number, number, number];
    const target = fromMinimap({ scale, dx, dy }, at);
    await page.mouse.click(mapBox.x + at.x, mapBox.y + at.y);
    const centre = await page.evaluate(() => { const e = (window as unknown as { __explorerCy: import('cytoscape').Core }).__explorerCy.extent(); return { x: (e.x1 + e.x2) / 2, y: (e.y1 + e.y2) / 2, w: e.w }; });
    expect(Math.hypot(centre.x - target.x, centre.y - target.y)).toBeLessThan(centre.w * 0.02);
    await expect.poll(async () => (await frame())[2], { timeout: 5000 }).toBeLessThan(whole[2] * 0.7);
    expect(zoomed[2]).toBeGreaterThan(0);
    expect(await page.evaluate(() => ({ ...(window as unknown as { __explorerCy: import('cytoscape').Core }).__explorerCy.pan() }))).not.toEqual(panBefore);
    // Labels are resized for the zoom a moment after it changes.
    await page.waitForTimeout(400);
    await screenshot(page, 'c13-minimap-1440');
    await page.close();
  }, 240_000);

  it('saved views: a view saved by name opens again as it was, and on a phone its menu is on the screen', async () => {
    const page = await open(hubUrl);
    await drawn(page, 1);
    await page.getByRole('button', { name: 'Expand all' }).click();
    await drawn(page, 10);
    const saved = { url: page.url(), at: await positions(page) };
    await page.locator('details.saved-views summary').click();
    await page.getByPlaceholder('e.g. Labour ministries').fill('Around Cambodia');
    await page.getByRole('button', { name: 'Save this view' }).click();
    await expect.poll(() => page.locator('details.saved-views summary').textContent()).toBe('Saved views (1)');
    // Somewhere else, then back to the view by its name.
    await page.goto(new URL('/', saved.url).href);
    await drawn(page, 10);
    await page.locator('details.saved-views summary').click();
    await page.getByRole('button', { name: 'Around Cambodia', exact: true }).click();
    await drawn(page, saved.at.size);
    expect(page.url()).toBe(saved.url);
    expect(medianDisplacement(saved.at, await positions(page))).toBeLessThanOrEqual(5);
    expect(await page.locator('details.saved-views').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    // A phone: the menu opens on the Search screen, wholly on the screen (it hung off the left edge).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.locator('details.saved-views summary').click();
    const menu = await page.locator('.saved-menu').boundingBox();
    expect(menu!.x).toBeGreaterThanOrEqual(0);
    expect(menu!.x + menu!.width).toBeLessThanOrEqual(390);
    await expect.poll(() => page.getByRole('button', { name: 'Save this view' }).isVisible()).toBe(true);
    await screenshot(page, 'c12-saved-views-390');
    await page.close();
  }, 240_000);

  it('phone: an empty canvas offers the preset views on the screen it is on', async () => {
    const page = await open('/', { width: 390, height: 844 });
    await drawn(page, 5);
    await page.getByRole('button', { name: 'Clear', exact: true }).click();
    const empty = page.getByTestId('empty-canvas');
    await empty.waitFor();
    // The header's presets are on the search screen; the empty canvas holds its own.
    const button = empty.getByRole('button', { name: 'Evidence map' });
    const b = (await button.boundingBox())!;
    expect(b.y + b.height).toBeLessThan(844);
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width).toBeLessThanOrEqual(390);
    await screenshot(page, 'c05-phone-empty-390');
    await button.click();
    await drawn(page, 3);
    const types = await page.evaluate(() => (window as unknown as { __explorerCy: import('cytoscape').Core }).__explorerCy.nodes().map((n) => n.data('type') as string));
    expect(new Set(types)).toEqual(new Set(['Finding', 'Study', 'Dataset']));
    expect(await empty.count()).toBe(0);
  }, 240_000);

  it('tables fit the panel, Table 2.4 files no share under a mean and shows its subtitle, charts show shares only, CSV holds numbers', async () => {
    const page = await open('/?tab=tables&t=2.1');
    const panel = page.locator('#side-panel');
    await page.getByTestId('table-2.1').waitFor();
    const pb = (await panel.boundingBox())!;
    for (const el of [page.locator('.table-scroll').first(), page.getByTestId('chart-2.1')]) {
      const b = (await el.boundingBox())!;
      expect(b.x + b.width).toBeLessThanOrEqual(pb.x + pb.width + 1);
    }
    // Every column in view without scrolling: the source line (a long address) wraps instead of
    // widening the table (the 2000 and 2015 columns were off to the right).
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
      if (width < 500) await page.getByRole('button', { name: 'Details', exact: true }).click();
      const scroll = page.locator('.table-scroll').first();
      await scroll.waitFor();
      expect(await scroll.evaluate((e) => e.scrollWidth - e.clientWidth), `${width}`).toBeLessThanOrEqual(1);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(await page.getByTestId('chart-2.1').textContent()).not.toContain('Total population');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const csv = readFileSync((await download.path())!).toString();
    expect(csv).toMatch(/Total population \(in thousands\),12198,15578/);
    await page.getByRole('button', { name: 'Table 2.4' }).click();
    const t24 = page.getByTestId('table-2.4');
    await t24.waitFor();
    expect(await t24.getByText('Age (mean)', { exact: true }).count()).toBe(1);
    // Its subtitle says what the numbers are (shares, in per cent).
    expect(await t24.locator('caption .table-subtitle').textContent()).toMatch(/\(%\)$/);
    expect(await page.getByTestId('chart-2.4').textContent()).not.toContain('Age (mean)');
    await shots(page, 'c06-tables');
  }, 240_000);

  it('report text: names stay on one line with their brackets, outline bullets on the first line', async () => {
    const page = await open('/?tab=report');
    const mention = page.locator('.mention').first();
    await mention.waitFor();
    expect(await mention.evaluate((el) => getComputedStyle(el).display)).toBe('inline');
    expect(await page.locator('.outline li > button.link').first().evaluate((el) => getComputedStyle(el).display)).toBe('block');
    await shots(page, 'c07-report');
  }, 240_000);

  it('views that used to mislead: destinations are all connected, legend shapes and colours match the canvas, the timeline dates plans', async () => {
    const page = await open('/');
    await drawn(page, 10);
    await page.getByRole('button', { name: 'Destinations' }).click();
    await drawn(page, 2);
    const isolated = await page.evaluate(() => (window as unknown as { __explorerCy: import('cytoscape').Core }).__explorerCy.nodes().filter((n) => n.degree(false) === 0).length);
    expect(isolated).toBe(0);
    const canvasShapes = await page.evaluate(() => Object.fromEntries((window as unknown as { __explorerCy: import('cytoscape').Core }).__explorerCy.nodes().map((n) => [n.data('type'), n.style('shape')])));
    for (const [type, shape] of Object.entries(canvasShapes)) {
      const label = await page.locator('.legend li', { hasText: new RegExp(`^${type === 'Country' ? 'Country' : 'Agreement'}`) }).first().locator('svg').getAttribute('data-shape');
      expect({ type, label }).toEqual({ type, label: shape });
    }
    await shots(page, 'c08-destinations');
    const timeline = await open('/?tab=timeline');
    const view = timeline.getByTestId('timeline-view');
    await expect.poll(() => view.getByRole('listitem').count(), { timeout: 10_000 }).toBeGreaterThan(5);
    const text = (await view.textContent()) ?? '';
    expect(text).toMatch(/2014–2018\s*National Strategic Development Plan/);
    expect(text).toMatch(/2015–2025\s*National Employment Policy/);
    expect(text).not.toMatch(/1998\s*MoU between Cambodia and Malaysia/);
    await shots(timeline, 'c09-timeline');
  }, 240_000);

  it('collapse takes back one expansion, undo puts a removed node back in place and selected, an empty expansion says so', async () => {
    const page = await open('/?e=committee%3Amigration-working-group&n=committee%3Amigration-working-group');
    await drawn(page, 1);
    await page.getByRole('button', { name: 'Expand all' }).click();
    await drawn(page, 4);
    const afterFirst = (await canvasState(page)).nodes.map((n) => n.id).sort();
    // Expand a neighbour, then collapse it: exactly its additions go.
    await page.goto(page.url().replace(/e=[^&]+/, 'e=ministry%3Amolvt'));
    await drawn(page, afterFirst.length);
    await page.getByRole('button', { name: 'Expand all' }).click();
    await drawn(page, afterFirst.length + 1);
    expect((await canvasState(page)).nodes.length).toBeGreaterThan(afterFirst.length);
    await page.getByRole('button', { name: 'Collapse' }).click();
    await drawn(page, 1);
    expect((await canvasState(page)).nodes.map((n) => n.id).sort()).toEqual(afterFirst);
    // Remove, then Undo: the node comes back where it was, and selected.
    const at = (await positions(page)).get('ministry:molvt')!;
    await page.getByRole('button', { name: 'Remove' }).click();
    await drawn(page, 1);
    await page.getByRole('button', { name: 'Undo' }).click();
    await drawn(page, 1);
    expect((await positions(page)).get('ministry:molvt')).toEqual(at);
    await expect.poll(() => page.getByTestId('entity-panel').getByRole('heading', { level: 2 }).textContent(), { timeout: 10_000 }).toBe('Ministry of Labour and Vocational Training');
    // An expansion by a relation type that adds nothing says so.
    await page.getByRole('button', { name: 'Expand all' }).click();
    await drawn(page, 1);
    await page.getByRole('button', { name: 'Expand all' }).click();
    await expect.poll(() => page.getByTestId('notice').textContent(), { timeout: 10_000 }).toMatch(/adds nothing/);
    await shots(page, 'c10-collapse-undo');
  }, 240_000);

  it('Bloom-like tools: context menu, PNG with its legend, export with evidence that opens again', async () => {
    const page = await open('/');
    await drawn(page, 10);
    const box = (await page.getByTestId('canvas').boundingBox())!;
    const spot = await page.evaluate(() => { const cy = (window as unknown as { __explorerCy: import('cytoscape').Core }).__explorerCy; return cy.nodes().first().renderedPosition(); });
    await page.mouse.click(box.x + spot.x, box.y + spot.y, { button: 'right' });
    const menu = page.getByTestId('context-menu');
    await menu.waitFor();
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(['Details', 'Expand all', 'Collapse', 'Pin', 'Hide']);
    await shots(page, 'c11-context-menu');
    const before = (await canvasState(page)).nodes.length;
    await menu.getByRole('menuitem', { name: 'Hide' }).click();
    await expect.poll(async () => (await canvasState(page)).nodes.length, { timeout: 5000 }).toBe(before - 1);
    // A relation has its menu too (right-clicking one did nothing): its evidence, or hiding its type.
    const edge = await page.evaluate(() => {
      const cy = (window as unknown as { __explorerCy: import('cytoscape').Core }).__explorerCy;
      const len = (x: import('cytoscape').EdgeSingular) => Math.hypot(x.source().renderedPosition().x - x.target().renderedPosition().x, x.source().renderedPosition().y - x.target().renderedPosition().y);
      const e = (cy.edges(':visible').toArray() as import('cytoscape').EdgeSingular[]).filter((x) => x.source().id() !== x.target().id()).sort((a, b) => len(b) - len(a))[0]!;
      return { id: e.id(), type: e.data('label') as string, at: e.renderedMidpoint() };
    });
    await page.mouse.click(box.x + edge.at.x, box.y + edge.at.y, { button: 'right' });
    await menu.waitFor();
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(['Evidence', `Hide every “${edge.type}” relation`]);
    expect(await menu.getAttribute('aria-label')).toContain(` ${edge.type} `);
    await menu.getByRole('menuitem', { name: 'Evidence' }).click();
    await expect.poll(() => page.getByTestId('relation-panel').isVisible(), { timeout: 5000 }).toBe(true);
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PNG' }).click()]);
    const image = readFileSync((await png.path())!);
    expect(image.subarray(1, 4).toString()).toBe('PNG');
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the view with its evidence' }).click()]);
    const saved = JSON.parse(readFileSync((await file.path())!).toString());
    expect(saved.format).toBe('policy-graph-view');
    expect(saved.nodes).toHaveLength(before - 1);
    expect(saved.relations.every((r: { evidence: unknown[] }) => r.evidence.length > 0)).toBe(true);
    const fresh = await open('/?tab=timeline');
    await settled(fresh);
    await fresh.locator('input[type=file]').setInputFiles((await file.path())!);
    await expect.poll(async () => (await canvasState(fresh)).nodes.length, { timeout: 20_000 }).toBe(before - 1);
  }, 240_000);
});
