import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { chromiumArgs, requireChromium } from '../../scripts/chromium.mjs';

// The real reference server (built by `npm run build`) on a loopback port of its own.
const PORT = Number(process.env.E2E_PORT ?? 8181);
const BASE_URL = `http://127.0.0.1:${PORT}`;
// The embedding examples are served from an origin of their own, as a customer's host app would be.
const EXAMPLES_PORT = Number(process.env.E2E_EXAMPLES_PORT ?? PORT + 1);
process.env.E2E_EXAMPLES_URL = `http://127.0.0.1:${EXAMPLES_PORT}`;

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results',
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  reporter: process.env.CI ? 'list' : [['list']],
  use: {
    baseURL: BASE_URL,
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: requireChromium(), args: chromiumArgs },
    trace: 'retain-on-failure',
  },
  webServer: [
    {
      command: 'node packages/server/dist/main.js',
      cwd: '../..',
      url: `${BASE_URL}/api/v1/health`,
      // A fresh database file for every run, so runs never see each other's sessions.
      env: {
        PORT: String(PORT),
        HOST: '127.0.0.1',
        KUBECHAT_DATA_DIR:
          process.env.E2E_DATA_DIR ??
          (process.env.E2E_DATA_DIR = mkdtempSync(join(tmpdir(), 'kubechat-e2e-'))),
        KUBECHAT_ALLOWED_ORIGINS: process.env.E2E_EXAMPLES_URL,
      },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `node scripts/serve-examples.mjs ${EXAMPLES_PORT} ${BASE_URL}`,
      cwd: '../..',
      url: `${process.env.E2E_EXAMPLES_URL}/react/index.html`,
      reuseExistingServer: false,
      timeout: 10_000,
    },
  ],
});
