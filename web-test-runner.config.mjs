// Component and unit tests in real headless Chromium. One group per package, so
// `npx web-test-runner --group core` runs just that package.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromiumArgs, requireChromium } from './scripts/chromium.mjs';
import { missingServerReason, startTestServer } from './scripts/test-server.mjs';

const PACKAGES = ['core', 'chat-session', 'command-preview', 'execution-status', 'history', 'account'];

/**
 * Starts the real reference server for the tests that cross the wire (core's wire.test.ts): `main` with
 * the default token lifetime and `short` with 5 s tokens for expiry tests. The page learns their URLs from
 * `window.__KUBECHAT_TEST_SERVERS__`; tests kill and restart them with the `kubechat-server` command.
 * Both listen on 127.0.0.1 like the page, so page and server are same-site and the SameSite=Strict
 * refresh cookie is sent.
 */
function kubechatTestServers() {
  const servers = {};
  let error = null;
  // Only core and chat-session cross the wire; other groups do not pay for starting servers.
  const groupIndex = process.argv.indexOf('--group');
  const group = groupIndex === -1 ? null : process.argv[groupIndex + 1];
  const wanted =
    process.env.KUBECHAT_TEST_SERVER !== '0' &&
    (group === null || group === 'core' || group === 'chat-session' || group === 'account');
  return {
    name: 'kubechat-test-servers',
    async serverStart({ config }) {
      if (!wanted) return;
      error = missingServerReason();
      if (error) {
        console.warn(`\n[kubechat-test-servers] ${error} The wire tests of @k8s-chat/core will fail.\n`);
        return;
      }
      const allowedOrigins = [`http://${config.hostname}:${config.port}`];
      const started = await Promise.allSettled([
        startTestServer({ allowedOrigins }),
        startTestServer({ allowedOrigins, accessTtlSeconds: 5 }),
      ]);
      const failed = started.find((result) => result.status === 'rejected');
      if (failed) {
        // Stop the one that did start: the run is failing anyway, and it must not be left behind.
        await Promise.all(
          started.filter((result) => result.status === 'fulfilled').map((result) => result.value.close()),
        );
        error = `The reference server did not start: ${failed.reason.message}`;
        console.warn(`\n[kubechat-test-servers] ${error}\n`);
      } else {
        Object.assign(servers, { main: started[0].value, short: started[1].value });
      }
    },
    async serverStop() {
      await Promise.all(Object.values(servers).map((server) => server.close()));
    },
    async executeCommand({ command, payload }) {
      if (command !== 'kubechat-server') return undefined;
      const server = servers[payload?.server ?? 'main'];
      if (!server) throw new Error(error ?? `No test server named ${payload?.server}`);
      if (payload.action === 'restart') await server.restart({ kill: payload.kill !== false });
      else throw new Error(`Unknown kubechat-server action ${payload.action}`);
      return { url: server.url };
    },
    inject() {
      const urls = Object.fromEntries(Object.entries(servers).map(([name, server]) => [name, server.url]));
      return `window.__KUBECHAT_TEST_SERVERS__ = ${JSON.stringify({ ...urls, error })};`;
    },
  };
}

const testServers = kubechatTestServers();

// One browser context for every test file keeps the module cache warm (about 2.5 s saved per file).
// wtr closes the context after each file, so hand it a wrapper that only closes that file's page.
let sharedContext;

export default {
  nodeResolve: { exportConditions: ['@k8s-chat/source', 'development', 'browser'] },
  rootDir: '.',
  // The wire tests' server runs on 127.0.0.1 too: same site, so its SameSite=Strict cookie is sent.
  hostname: '127.0.0.1',
  // 2 cores: one file at a time is the reliable default; WTR_CONCURRENCY=2 is faster on a quiet box.
  concurrency: Number(process.env.WTR_CONCURRENCY ?? 1),
  concurrentBrowsers: 1,
  testsFinishTimeout: 300_000,
  // A file path on the command line does not narrow a group, so `WTR_FILES=a.test.ts,b.test.ts` with
  // `--group <package>` runs just those files (the group still picks the servers it needs).
  groups: PACKAGES.map((name) => ({
    name,
    files: process.env.WTR_FILES?.split(',') ?? `packages/${name}/test/**/*.test.ts`,
  })),
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.base.json', target: 'es2022' }), testServers],
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
      ${testServers.inject()}
      // lit-virtualizer's ResizeObserver notice is benign; do not let mocha treat it as a failure.
      window.addEventListener('error', (e) => {
        if (String(e.message).includes('ResizeObserver loop')) e.stopImmediatePropagation();
      });
    </script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
};
