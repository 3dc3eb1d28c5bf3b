// Bundles bench/browser/fakes-entry.ts into bench/tmp/fakes.js with esbuild (already installed as Vite's
// and tsx's bundler). Reads the packages' built dist/, so `npm run build` must have run.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export async function buildFakes() {
  const outfile = fileURLToPath(new URL('../tmp/fakes.js', import.meta.url));
  await build({
    entryPoints: [fileURLToPath(new URL('./fakes-entry.ts', import.meta.url))],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    conditions: ['production'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  return outfile;
}
