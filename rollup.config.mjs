// Self-contained CDN bundles (Lit and everything else inlined), one per element and one with everything.
// They are built from tsc's output in packages/*/dist, so `npm run build:ts` must run first.
// npm consumers import the unbundled ESM from each package instead; bundling is the application's job.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';

const BUNDLES = {
  'k8s-chat': '@k8s-chat/chat-session/k8s-chat.js',
  'k8s-command-preview': '@k8s-chat/command-preview/k8s-command-preview.js',
  'k8s-approval-queue': '@k8s-chat/command-preview/k8s-approval-queue.js',
  'k8s-execution-status': '@k8s-chat/execution-status/k8s-execution-status.js',
  'k8s-command-history': '@k8s-chat/history/k8s-command-history.js',
  'k8s-account-settings': '@k8s-chat/account/k8s-account-settings.js',
  'k8s-chat-all': './cdn/all.js',
};

const plugins = () => [
  replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
  // `production` picks Lit's production build (no dev-mode warnings, smaller).
  nodeResolve({ exportConditions: ['production', 'browser', 'default'] }),
  terser({ module: true, ecma: 2022, format: { comments: false } }),
];

export default Object.entries(BUNDLES).map(([name, input]) => ({
  input,
  // @lit-labs/virtualizer (in <k8s-chat>) loads its default layout with import(); keep one file per bundle.
  output: { file: `dist-cdn/${name}.js`, format: 'esm', sourcemap: true, inlineDynamicImports: true },
  plugins: plugins(),
  onwarn(warning, warn) {
    // Lit's decorators compile to `this` at module top level in some helpers; harmless in ESM.
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
}));
