/**
 * What the canvas tests measure in the page: label boxes as Cytoscape draws them, node positions,
 * screenshots at desktop and phone sizes, and an axe-core run.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshot } from '../helpers/browser';

const require = createRequire(import.meta.url);

export interface LabelReport {
  nodes: number;
  shown: number;
  /** Shown labels whose box overlaps another shown label's box. */
  overlapping: number;
  /** Labels that are not the node's full name, that Cytoscape would cut with an ellipsis, or names that are themselves cut ("…"). */
  cut: string[];
  /** Shown labels drawn over another node's body (which their background then hides). */
  covering: number;
  /** Smallest rendered label size in pixels among shown labels. */
  minFontPx: number;
  /** Nodes, and shown labels, reaching past the canvas's edges by more than a few pixels. */
  outside: string[];
}

export async function labelReport(page: Page): Promise<LabelReport> {
  return page.evaluate(() => {
    const cy = (window as unknown as { __explorerCy: import('cytoscape').Core }).__explorerCy;
    const nodes = cy.nodes(':visible');
    // Boxes as drawn now: Cytoscape keeps a node's box until the node moves, even when its label
    // has changed size since.
    (nodes as unknown as { dirtyBoundingBoxCache(): void }).dirtyBoundingBoxCache();
    const shown = nodes.filter((n) => !n.hasClass('nolabel'));
    const boxes = shown.map((n) => n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true } as never));
    let overlapping = 0;
    boxes.forEach((a, i) => {
      if (boxes.some((b, j) => i !== j && a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2)) overlapping++;
    });
    const bodies = nodes.map((n) => ({ id: n.id(), p: n.position(), hw: n.width() / 2, hh: n.height() / 2 }));
    const covering = shown.filter((n, i) => {
      const a = boxes[i]!;
      return bodies.some((b) => b.id !== n.id() && a.x1 < b.p.x + b.hw && b.p.x - b.hw < a.x2 && a.y1 < b.p.y + b.hh && b.p.y - b.hh < a.y2);
    }).length;
    const cut = nodes.filter((n) => n.style('label') !== n.data('name') && !n.hasClass('nolabel')).map((n) => n.id());
    nodes.forEach((n) => {
      if (n.style('text-wrap') === 'ellipsis' || /(?:…|\.\.\.)$/.test(String(n.data('name')))) cut.push(n.id());
    });
    const sizes = shown.map((n) => parseFloat(n.renderedStyle('font-size')));
    const e = cy.extent();
    const slack = 4 / cy.zoom();
    const outside = nodes
      .filter((n) => {
        const b = n.boundingBox({ includeNodes: true, includeEdges: false, includeLabels: !n.hasClass('nolabel') } as never);
        return b.x1 < e.x1 - slack || b.x2 > e.x2 + slack || b.y1 < e.y1 - slack || b.y2 > e.y2 + slack;
      })
      .map((n) => n.id());
    return { nodes: nodes.length, shown: shown.length, overlapping, covering, cut, minFontPx: sizes.length ? Math.min(...sizes) : 0, outside };
  });
}

export async function positions(page: Page): Promise<Map<string, { x: number; y: number }>> {
  const list = await page.evaluate(() => {
    const cy = (window as unknown as { __explorerCy: import('cytoscape').Core }).__explorerCy;
    return cy.nodes().map((n) => [n.id(), { ...n.position() }] as const);
  });
  return new Map(list);
}

/** Waits until the drawing has settled: a layout stopped and no position changed for a while. */
export async function drawn(page: Page, minNodes = 1): Promise<void> {
  await expect
    .poll(() => page.evaluate((min) => { const w = window as unknown as { __explorerCy?: import('cytoscape').Core; __layoutStoppedAt?: number }; return (w.__explorerCy?.nodes().length ?? 0) >= min && !!w.__layoutStoppedAt; }, minNodes), { timeout: 30_000, interval: 200 })
    .toBe(true);
  let last = '';
  await expect
    .poll(async () => {
      const now = JSON.stringify([...(await positions(page))]) + (await page.url());
      const same = now === last;
      last = now;
      return same;
    }, { timeout: 30_000, interval: 700 })
    .toBe(true);
}

/** Screenshots at 1440x900 and at a phone's 390x844, then back to the page's own size. */
export async function shots(page: Page, name: string): Promise<void> {
  const size = page.viewportSize();
  // A window resized by more than a quarter fits its drawing again: each picture is taken once the
  // drawing (if there is one) is still.
  const still = async () => {
    const nodes = await page.evaluate(() => (window as unknown as { __explorerCy?: import('cytoscape').Core }).__explorerCy?.nodes().length ?? 0);
    if (nodes) await drawn(page, 1);
  };
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.waitForTimeout(300);
  await still();
  await screenshot(page, `${name}-1440`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await still();
  await screenshot(page, `${name}-390`);
  if (size) await page.setViewportSize(size);
}

/** axe-core in the page; the violations of serious or critical impact. */
export async function seriousViolations(page: Page): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  // Evaluated rather than added as a script tag: the explorer's content security policy allows
  // its own scripts only, and would refuse an inline one.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/**
 * A long press of a finger at page point x, y (Chromium's touch events, through the DevTools
 * protocol: Playwright's touchscreen has taps only). The page needs a context with hasTouch.
 */
export async function longPress(page: Page, x: number, y: number, ms = 900): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  await page.waitForTimeout(ms);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}
