// Component and unit tests in real headless Chromium. One group per package, so
// `npx web-test-runner --group core` runs just that package.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromiumArgs, requireChromium } from './scripts/chromium.mjs';

const PACKAGES = ['core', 'chat-session', 'command-preview', 'execution-status', 'history'];

// One browser context for every test file keeps the module cache warm (about 2.5 s saved per file).
// wtr closes the context after each file, so hand it a wrapper that only closes that file's page.
let sharedContext;

export default {
  nodeResolve: { exportConditions: ['@k8s-chat/source', 'development', 'browser'] },
  rootDir: '.',
  // 2 cores: one file at a time is the reliable default; WTR_CONCURRENCY=2 is faster on a quiet box.
  concurrency: Number(process.env.WTR_CONCURRENCY ?? 1),
  concurrentBrowsers: 1,
  testsFinishTimeout: 300_000,
  groups: PACKAGES.map((name) => ({ name, files: `packages/${name}/test/**/*.test.ts` })),
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.base.json', target: 'es2022' })],
  coverage: process.env.WTR_COVERAGE !== '0',
  coverageConfig: {
    report: true,
    reportDir: 'coverage',
    include: ['packages/*/src/**/*.ts'],
    exclude: ['**/node_modules/**', '**/test/**'],
    threshold: { statements: 0, branches: 0, functions: 0, lines: 0 },
  },
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: requireChromium(), headless: true, args: chromiumArgs },
      createBrowserContext: async ({ browser }) => {
        sharedContext ??= await browser.newContext();
        let page;
        return {
          newPage: async () => (page = await sharedContext.newPage()),
          close: async () => page?.close(),
        };
      },
    }),
  ],
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  testFramework: { config: { timeout: 15_000 } },
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>k8s-chat tests</title></head>
  <body>
    <script>
      window.process = { env: { NODE_ENV: 'development' } };
      // lit-virtualizer's ResizeObserver notice is benign; do not let mocha treat it as a failure.
      window.addEventListener('error', (e) => {
        if (String(e.message).includes('ResizeObserver loop')) e.stopImmediatePropagation();
      });
    </script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
};
