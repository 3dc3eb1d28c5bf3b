// Makes sure a Chromium is available before any browser test runs. On a fresh Debian machine where this
// process may install packages, it installs Debian's chromium; otherwise it says exactly what to install.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './chromium.mjs';

const found = findChromium();
if (found) {
  console.log(`chromium: ${found}`);
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || !existsSync('/usr/bin/apt-get')) {
  console.error(
    'No Chromium found for the browser tests.\n' +
      'Install it with:  sudo apt-get update && sudo apt-get install -y chromium\n' +
      'or point CHROME_PATH at a Chrome or Chromium executable.',
  );
  process.exit(1);
}

console.log("chromium: not found, installing Debian's chromium with apt-get …");
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
const installed = findChromium();
if (!installed) {
  console.error('apt-get finished but no chromium executable was found; install it by hand and retry.');
  process.exit(1);
}
console.log(`chromium: ${installed}`);
