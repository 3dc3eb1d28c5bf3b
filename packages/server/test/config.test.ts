import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../src/config.js';
import { startHarness } from './helpers/server-harness.js';

describe('configuration', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'kubechat-config-'));

  it('demo mode generates and keeps a secret in the data directory', () => {
    const dataDir = dir();
    try {
      const a = loadConfig({ KUBECHAT_DATA_DIR: dataDir });
      const b = loadConfig({ KUBECHAT_DATA_DIR: dataDir });
      assert.equal(a.demo, true);
      assert.deepEqual(a.jwtSecret, b.jwtSecret);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses to start outside demo mode without users or a secret', () => {
    const dataDir = dir();
    try {
      assert.throws(() => loadConfig({ KUBECHAT_DATA_DIR: dataDir, KUBECHAT_DEMO: '0' }), ConfigError);
      assert.throws(
        () => loadConfig({ KUBECHAT_DATA_DIR: dataDir, KUBECHAT_USERS_FILE: join(dataDir, 'users.json') }),
        /KUBECHAT_JWT_SECRET is required/,
      );
      assert.throws(
        () => loadConfig({ KUBECHAT_DATA_DIR: dataDir, KUBECHAT_JWT_SECRET: 'short' }),
        /32 characters/,
      );
      assert.throws(() => loadConfig({ KUBECHAT_DATA_DIR: dataDir, KUBECHAT_EXECUTOR: 'docker' }), /sandbox/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('outside demo mode, users come from the users file and no demo user exists', async () => {
    const dataDir = dir();
    const file = join(dataDir, 'users.json');
    writeFileSync(file, JSON.stringify([{ username: 'ops', role: 'admin', password: 'ops-password-1' }]));
    const h = await startHarness({
      dataDir,
      env: { KUBECHAT_USERS_FILE: file, KUBECHAT_JWT_SECRET: 'x'.repeat(40) },
    });
    try {
      assert.equal(h.config.demo, false);
      const ops = await h.login('ops', 'ops-password-1');
      assert.equal(ops.user.role, 'admin');
      const alice = await h.call('POST', '/api/v1/auth/login', {
        body: { username: 'alice', password: 'kubechat-demo' },
      });
      assert.equal(alice.status, 401);
    } finally {
      await h.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
