// Where Chromium is and how to launch it on these machines. Shared by web-test-runner, Playwright,
// the Storybook smoke test and the benchmarks so every tool starts the same browser the same way.
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
];

/** The Chromium executable to use, or undefined when none is installed. */
export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((path) => existsSync(path));
}

/** Flags every headless launch needs here: no sandbox as root, no GPU, no background network traffic. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** The executable, or an error that says exactly what to install. */
export function requireChromium() {
  const path = findChromium();
  if (!path) {
    throw new Error(
      "No Chromium found. Install Debian's chromium (apt-get update && apt-get install -y chromium) " +
        'or set CHROME_PATH to a Chrome or Chromium executable.',
    );
  }
  return path;
}
