// Custom Elements Manifest for each package, run with that package as the working directory
// (see scripts/build-manifests.mjs). Registration goes through defineElement, so every class carries an
// explicit `@customElement k8s-...` JSDoc tag for the analyzer to find it.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.stories.ts'],
  outdir: '.',
  litelement: true,
  packagejson: true,
};
