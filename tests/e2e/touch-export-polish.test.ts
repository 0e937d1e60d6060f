/**
 * The canvas on a touch screen (a long press opens the context menu, relations can be seen and
 * tapped), the exported picture (every node named, the canvas put back as it was), and the rough
 * edges of the first UI review: the context menu beside its node, the box selection's marks and
 * bar, the saved-views menu, the phone's search screen and legend, counted nouns, the trace
 * button's spacing. Screenshots at 1440x900 and 390x844 go to test-results/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, openApp, screenshot, settled } from '../helpers/browser';
import { drawn, longPress } from './canvas-helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: Box, b: Box, slack = 1) => a.x >= b.x - slack && a.y >= b.y - slack && a.x + a.width <= b.x + b.width + slack && a.y + a.height <= b.y + b.height + slack;

/** A phone: 390x844, touch, mobile viewport. */
async function phone(path = '/'): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, acceptDownloads: true });
  const page = await ctx.newPage();
  await page.goto(`${inject('appUrl')}${path}`);
  return page;
}

/** The best-connected node and the longest relation, in canvas pixels, with their page offset. */
async function targets(page: Page) {
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  const t = await page.evaluate(() => {
    const cy = (window as unknown as { __explorerCy: import('cytoscape').Core }).__explorerCy;
    const n = cy.nodes().max((x) => x.data('deg') as number).ele as import('cytoscape').NodeSingular;
    const len = (x: import('cytoscape').EdgeSingular) => Math.hypot(x.source().renderedPosition().x - x.target().renderedPosition().x, x.source().renderedPosition().y - x.target().renderedPosition().y);
    const e = (cy.edges(':visible').toArray() as import('cytoscape').EdgeSingular[]).filter((x) => x.source().id() !== x.target().id()).sort((a, b) => len(b) - len(a))[0]!;
    const s = e.source().renderedPosition();
    const d = e.target().renderedPosition();
    // A point on the line a little off its middle, to the side: where a finger lands.
    const m = e.renderedMidpoint();
    const [dx, dy] = [d.x - s.x, d.y - s.y];
    const k = 6 / Math.hypot(dx, dy);
    return { node: { id: n.id(), ...n.renderedPosition() }, edge: { id: e.id(), label: e.data('label') as string, x: m.x - dy * k, y: m.y + dx * k, width: parseFloat(e.renderedStyle('width')) } };
  });
  return { canvas, ...t };
}

describe('touch', () => {
  it('a long press opens the context menu of a node and of a relation; a tap on a relation opens its evidence; relations can be seen', async () => {
    const page = await phone();
    await drawn(page, 10);
    const { canvas, node, edge } = await targets(page);
    // Drawn at least a pixel wide at the phone's fitted zoom (they were a third of a pixel).
    expect(edge.width).toBeGreaterThanOrEqual(1);
    const menu = page.getByTestId('context-menu');
    await longPress(page, canvas.x + node.x, canvas.y + node.y);
    await menu.waitFor({ timeout: 5000 });
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(['Details', 'Expand all', 'Collapse', 'Pin', 'Hide']);
    // The finger lifting is not a tap: the canvas stays on the screen, with the menu on it.
    expect(await page.getByTestId('canvas').isVisible()).toBe(true);
    expect(inside((await menu.boundingBox())!, canvas)).toBe(true);
    await screenshot(page, 't01-long-press-node-390');
    await menu.getByRole('menuitem', { name: 'Pin' }).tap();
    await expect.poll(() => page.evaluate((id) => (window as unknown as { __explorerCy: import('cytoscape').Core }).__explorerCy.getElementById(id).hasClass('pinned'), node.id)).toBe(true);
    await longPress(page, canvas.x + edge.x, canvas.y + edge.y);
    await menu.waitFor({ timeout: 5000 });
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(['Evidence', `Hide every “${edge.label}” relation`]);
    await screenshot(page, 't02-long-press-relation-390');
    await menu.press('Escape');
    // A tap on a relation opens its evidence on the Details screen (it selected it out of sight).
    await page.touchscreen.tap(canvas.x + edge.x, canvas.y + edge.y);
    await expect.poll(() => page.getByTestId('relation-panel').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(page.url()).toContain(`r=${encodeURIComponent(edge.id)}`);
    await screenshot(page, 't03-tap-relation-390');
    await page.context().close();
  }, 120_000);
});

describe('context menu', () => {
  it('opens beside the node and its name, not over them, and inside the canvas', async () => {
    const { page } = await openApp(browser, '/', { width: 1440, height: 900 });
    await drawn(page, 10);
    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    // The rightmost node (its menu used to spill over the side panel) and the best-connected one.
    const spots = await page.evaluate(() => {
      const cy = (window as unknown as { __explorerCy: import('cytoscape').Core }).__explorerCy;
      const right = cy.nodes().max((n) => n.renderedPosition().x).ele;
      const hub = cy.nodes().max((n) => n.data('deg') as number).ele;
      return [right, hub].map((n) => ({ id: n.id(), ...(n as import('cytoscape').NodeSingular).renderedPosition() }));
    });
    const menu = page.getByTestId('context-menu');
    for (const spot of spots) {
      await page.mouse.click(canvas.x + spot.x, canvas.y + spot.y, { button: 'right' });
      await menu.waitFor();
      const m = (await menu.boundingBox())!;
      const b = await page.evaluate((id) => {
        const n = (window as unknown as { __explorerCy: import('cytoscape').Core }).__explorerCy.getElementById(id);
        return n.renderedBoundingBox({ includeLabels: true, includeOverlays: false } as never);
      }, spot.id);
      expect(overlap(m, { x: canvas.x + b.x1, y: canvas.y + b.y1, width: b.w, height: b.h }), `${spot.id} ${JSON.stringify({ menu: m, node: b })}`).toBe(false);
      expect(inside(m, canvas), spot.id).toBe(true);
      await screenshot(page, `t04-context-menu-${spots.indexOf(spot)}-1440`);
      await menu.press('Escape');
      await expect.poll(() => menu.count()).toBe(0);
    }
    await page.close();
  }, 120_000);
});

describe('exported picture', () => {
  it('names every node, at a readable size, and puts the canvas back exactly as it was', async () => {
    // A phone-sized canvas hides most names for want of room: the picture must not.
    const { page } = await openApp(browser, '/', { width: 390, height: 844 });
    await drawn(page, 10);
    const state = () =>
      page.evaluate(() => {
        const cy = (window as unknown as { __explorerCy: import('cytoscape').Core }).__explorerCy;
        return JSON.stringify({ els: cy.elements().map((e) => [e.id(), e.classes(), e.data(), e.isNode() ? e.position() : null]), zoom: cy.zoom(), pan: cy.pan() });
      });
    const hiddenOnCanvas = await page.evaluate(() => (window as unknown as { __explorerCy: import('cytoscape').Core }).__explorerCy.nodes('.nolabel').length);
    expect(hiddenOnCanvas).toBeGreaterThan(0);
    const before = await state();
    // What the picture is drawn from, read as Cytoscape draws it.
    await page.evaluate(() => {
      const w = window as unknown as { __explorerCy: import('cytoscape').Core; __picture?: { hidden: number; minLabelPx: number } };
      const cy = w.__explorerCy;
      const png = cy.png.bind(cy);
      cy.png = ((o: { scale?: number }) => {
        const shown = cy.nodes().not('.nolabel');
        w.__picture = { hidden: cy.nodes('.nolabel').length, minLabelPx: Math.min(...shown.map((n) => parseFloat(n.style('font-size')) * (o.scale ?? 1))) };
        return png(o as never);
      }) as never;
    });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PNG' }).click()]);
    expect(await download.suggestedFilename()).toBe('graph.png');
    const picture = await page.evaluate(() => (window as unknown as { __picture: { hidden: number; minLabelPx: number } }).__picture);
    expect(picture.hidden).toBe(0);
    expect(picture.minLabelPx).toBeGreaterThanOrEqual(16);
    expect(await state()).toBe(before);
    await page.close();
  }, 120_000);
});

describe('rough edges', () => {
  it('a box selection marks its nodes clearly, and its bar does not push the drawing down', async () => {
    const { page } = await openApp(browser, '/', { width: 1440, height: 900 });
    await drawn(page, 10);
    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    // A click shows a node in the panel; it does not mark it as chosen for the selection's bar.
    const hub = await page.evaluate(() => (window as unknown as { __explorerCy: import('cytoscape').Core }).__explorerCy.nodes().max((n) => n.data('deg') as number).ele.renderedPosition());
    await page.mouse.click(canvas.x + hub.x, canvas.y + hub.y);
    await page.getByTestId('entity-panel').waitFor();
    expect(await page.evaluate(() => (window as unknown as { __explorerCy: import('cytoscape').Core }).__explorerCy.$(':selected').length)).toBe(0);
    await page.keyboard.down('Shift');
    await page.mouse.move(canvas.x + 4, canvas.y + 4);
    await page.mouse.down();
    await page.mouse.move(canvas.x + canvas.width * 0.6, canvas.y + canvas.height * 0.6, { steps: 12 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await page.getByTestId('selection-bar').waitFor();
    const after = (await page.getByTestId('canvas').boundingBox())!;
    expect(after).toEqual(canvas);
    const borders = await page.evaluate(() => (window as unknown as { __explorerCy: import('cytoscape').Core }).__explorerCy.nodes(':selected').map((n) => parseFloat(n.renderedStyle('border-width'))));
    expect(borders.length).toBeGreaterThan(1);
    expect(Math.min(...borders)).toBeGreaterThanOrEqual(2.5);
    await screenshot(page, 't05-box-selection-1440');
    // Cleared from its bar, no node stays marked.
    await page.getByRole('button', { name: 'Clear the selection' }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __explorerCy: import('cytoscape').Core }).__explorerCy.$(':selected').length)).toBe(0);
    await page.close();
  }, 120_000);

  it('saved views: the menu leaves the toolbar clear and closes on a press elsewhere', async () => {
    const { page } = await openApp(browser, '/', { width: 1440, height: 900 });
    await drawn(page, 10);
    await page.locator('details.saved-views summary').click();
    const menu = (await page.locator('.saved-menu').boundingBox())!;
    expect(overlap(menu, (await page.getByRole('toolbar', { name: 'Canvas' }).boundingBox())!)).toBe(false);
    expect(menu.x + menu.width).toBeLessThanOrEqual(1440);
    await screenshot(page, 't06-saved-views-1440');
    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    await page.mouse.click(canvas.x + 5, canvas.y + canvas.height - 5);
    await expect.poll(() => page.locator('details.saved-views').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await page.close();
  }, 120_000);

  it('phone: search results push the preset views down rather than cover them; the legend hides the canvas behind it', async () => {
    const page = await phone();
    await drawn(page, 5);
    await page.getByRole('button', { name: 'Search', exact: true }).tap();
    const search = page.getByTestId('search');
    expect((await search.boundingBox())!.width).toBeGreaterThan(390 * 0.9);
    await search.getByRole('combobox').fill('ministry');
    await expect.poll(() => search.getByRole('option').count(), { timeout: 10_000 }).toBeGreaterThan(3);
    const list = (await search.getByRole('listbox').boundingBox())!;
    for (const name of ['Institutional map', 'Evidence map', 'Destinations']) {
      const b = (await page.getByRole('button', { name, exact: true }).boundingBox())!;
      expect(overlap(b, list), name).toBe(false);
    }
    await screenshot(page, 't07-phone-search-390');
    await page.getByRole('button', { name: 'Canvas', exact: true }).tap();
    await page.locator('.legend-fold summary').tap();
    const bg = await page.locator('.legend').evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(bg).toBe('rgb(255, 255, 255)');
    await screenshot(page, 't08-phone-legend-390');
    await page.context().close();
  }, 120_000);

  it('counts read "1 entity" and "1 relation"', async () => {
    const { page } = await openApp(browser, `/?e=${encodeURIComponent('country:cambodia')}&n=${encodeURIComponent('country:cambodia')}`, { width: 1440, height: 900 });
    await drawn(page, 1);
    await expect.poll(() => page.getByTestId('canvas').getAttribute('aria-label')).toMatch(/^Graph of 1 entity and 0 relations\./);
    expect(await settled(page)).toBe('1 entity, 0 relations');
    await page.close();
  }, 120_000);

  it("a relation's arrow stays on the line of the name beside it, at a desktop's and a phone's width", async () => {
    const { page } = await openApp(browser, `/?e=${encodeURIComponent('country:cambodia')}&n=${encodeURIComponent('country:cambodia')}`, { width: 1440, height: 900 });
    const panel = page.getByTestId('entity-panel');
    await panel.locator('.relations li').first().waitFor();
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
      if (width < 500) await page.getByRole('button', { name: 'Details', exact: true }).click();
      // Every item: the arrow's top level with its name's first line (a long name wrapped below a lone arrow).
      const gaps = await panel.locator('.relations li').evaluateAll((lis) => lis.filter((li) => (li as HTMLElement).offsetParent).map((li) => Math.abs(li.children[0]!.getBoundingClientRect().top - li.children[1]!.getBoundingClientRect().top)));
      expect(gaps.length, `${width}`).toBeGreaterThan(5);
      expect(Math.max(...gaps), `${width}`).toBeLessThan(6);
      await screenshot(page, `t10-relations-${width}`);
    }
    await page.close();
  }, 120_000);

  it('the trace button keeps clear of what follows it', async () => {
    const { page } = await openApp(browser, `/?e=${encodeURIComponent('finding:agriculture-loses-labour')}`, { width: 1440, height: 900 });
    const trace = page.getByRole('button', { name: 'Draw the trace' });
    await trace.waitFor();
    const b = (await trace.boundingBox())!;
    const next = await trace.evaluate((el) => {
      const r = (el.nextElementSibling ?? el.parentElement!.nextElementSibling)!.getBoundingClientRect();
      return r.top;
    });
    expect(next - (b.y + b.height)).toBeGreaterThanOrEqual(8);
    // The statement is shown once, under "Finding", not again among the properties.
    expect(await page.locator('table.props th', { hasText: /^statement$/ }).count()).toBe(0);
    await screenshot(page, 't09-trace-button-1440');
    await page.close();
  }, 120_000);
});
