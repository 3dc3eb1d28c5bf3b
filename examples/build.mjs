// Bundles the React examples (React 19 + @k8s-chat/react + the built element packages) into static
// pages any web server can serve: examples/<name>/dist/app.js next to examples/<name>/index.html.
// Run after `npm run build:ts` (the bundles use the packages' dist output, as a customer's app would).
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const EXAMPLES = ['react', 'backstage', 'grafana'];

await Promise.all(
  EXAMPLES.map(async (name) => {
    const outdir = join(here, name, 'dist');
    await build({
      entryPoints: { app: join(here, name, 'src/main.tsx') },
      outdir,
      bundle: true,
      format: 'esm',
      target: 'es2022',
      minify: true,
      sourcemap: true,
      jsx: 'automatic',
      // Lit's production build; React's production build.
      conditions: ['production'],
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'warning',
    });
    await mkdir(outdir, { recursive: true });
    for (const theme of ['light', 'dark']) {
      await copyFile(join(here, '../packages/core/themes', `${theme}.css`), join(outdir, `${theme}.css`));
    }
  }),
);
console.log(`examples: ${EXAMPLES.map((name) => `examples/${name}/dist/app.js`).join(', ')}`);
