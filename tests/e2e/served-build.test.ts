/**
 * The explorer npm start serves is a production build, whatever NODE_ENV the process that
 * started it had (this runner sets "test", and a build made under it once shipped React's
 * development build: a quarter larger and several times slower to draw).
 */
import { describe, expect, inject, it } from 'vitest';
import { launch, screenshot } from '../helpers/browser';

describe('the served explorer', () => {
  it('is a production build of React', async () => {
    const base = inject('appUrl');
    const html = await (await fetch(`${base}/`)).text();
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      const js = await (await fetch(new URL(src, `${base}/`))).text();
      expect(js.length).toBeGreaterThan(100_000);
      // A warning only React's development build carries.
      expect(js.includes('Each child in a list should have a unique')).toBe(false);
    }
  });
});

describe('GraphiQL', () => {
  it('loads from this server alone, under its content security policy, and reads the schema', async () => {
    const base = inject('appUrl');
    const browser = await launch();
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      const asked: string[] = [];
      page.on('request', (r) => asked.push(r.url()));
      const introspected = page.waitForResponse((r) => r.url() === `${base}/graphql` && r.request().method() === 'POST' && (r.request().postData() ?? '').includes('__schema'));
      const answer = await page.goto(`${base}/graphql`);
      expect(answer!.headers()['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      expect((await introspected).status()).toBe(200);
      await page.locator('.graphiql-container').first().waitFor();
      // Before, its scripts and workers came from unpkg.com, with no integrity check.
      expect(asked.filter((u) => !u.startsWith(base) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
      expect(errors).toEqual([]);
      await screenshot(page, 'graphiql-1440');
    } finally {
      await browser.close();
    }
  });
});
