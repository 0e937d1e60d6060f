/**
 * The explorer npm start serves is a production build, whatever NODE_ENV the process that
 * started it had (this runner sets "test", and a build made under it once shipped React's
 * development build: a quarter larger and several times slower to draw).
 */
import { describe, expect, inject, it } from 'vitest';

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
