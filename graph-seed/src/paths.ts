/** Default locations inside the project. */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const SEED_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_CORPUS = join(SEED_ROOT, 'corpus');
export const DEFAULT_CURATION = join(SEED_ROOT, 'curation');
export const DEFAULT_OUT = join(SEED_ROOT, 'out', 'bundle.json');
