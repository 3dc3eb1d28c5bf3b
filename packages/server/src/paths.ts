import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

// The repository root, from packages/server/{src,dist}/paths.{ts,js}.
const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '../../..');
/** The demo portal's static files. */
export const demoDir = resolve(repoRoot, 'demo');
/** The self-contained CDN bundles built by rollup. */
export const cdnDir = resolve(repoRoot, 'dist-cdn');
/** The theme stylesheets generated from the core tokens (`npm run build`). */
export const themesDir = resolve(repoRoot, 'packages/core/themes');
