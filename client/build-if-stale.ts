/**
 * Runs before npm start: builds the explorer into client/dist when it is missing or older than
 * its sources, so `npm install && npm start` serves it without a separate build step.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('.', import.meta.url));
const built = join(ROOT, 'dist', 'index.html');

function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const sources = Math.max(newest(join(ROOT, 'src')), statSync(join(ROOT, 'index.html')).mtimeMs, statSync(join(ROOT, 'vite.config.ts')).mtimeMs);
if (existsSync(built) && statSync(built).mtimeMs >= sources) process.exit(0);

let vite: typeof import('vite');
try {
  vite = await import('vite');
} catch {
  console.error('The explorer is not built and vite is not installed (production install?); serving the API only. Run npm install and npm run build.');
  process.exit(0);
}
console.log('Building the explorer (client/dist)...');
// A production build whatever NODE_ENV the caller has (a test runner sets "test"): Vite takes
// process.env.NODE_ENV into the bundle, and React would then ship its development build.
process.env.NODE_ENV = 'production';
await vite.build({ root: ROOT, mode: 'production', logLevel: 'warn' });
