/**
 * Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by playwright-core.
 * Missing Chromium fails the tests (never skips them); .ci/run installs it.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM} (apt-get install chromium; .ci/run does it)`);
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/** A page on the explorer at `path`, with console errors collected. */
export async function openApp(browser: Browser, path = '/', viewport = { width: 1280, height: 800 }): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${inject('appUrl')}${path}`);
  return { page, errors };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** What the canvas holds, read from Cytoscape (the canvas is pixels; this is what it drew). */
export async function canvasState(page: Page): Promise<{ nodes: { id: string; type: string; visible: boolean }[]; edges: number; zoom: number }> {
  return page.evaluate(() => {
    const cy = (window as unknown as { __explorerCy: import('cytoscape').Core }).__explorerCy;
    return { nodes: cy.nodes().map((n) => ({ id: n.id(), type: n.data('type'), visible: n.visible() })), edges: cy.edges().length, zoom: cy.zoom() };
  });
}

/** Waits until the status line has settled (no request in flight). */
export async function settled(page: Page): Promise<string> {
  const status = page.getByTestId('status');
  await status.filter({ hasNotText: 'Loading' }).waitFor();
  await page.waitForTimeout(150);
  return (await status.textContent()) ?? '';
}
