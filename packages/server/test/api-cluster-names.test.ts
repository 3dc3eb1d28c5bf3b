import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness, type Session } from './helpers/server-harness.js';

/** Names for kubectl completion: every role reads them, nothing is recorded, dangerous reads are refused. */
describe('cluster names API', () => {
  let h: Harness;
  let victor: Session;
  let alice: Session;
  before(async () => {
    h = await startHarness();
    [victor, alice] = await Promise.all([h.login('victor'), h.login('alice')]);
  });
  after(() => h.close());

  const rows = (table: string) =>
    (h.services.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

  it('lists names of a kind in a namespace for a viewer, in any spelling kubectl accepts, recording nothing', async () => {
    const before = { executions: rows('executions'), messages: rows('messages') };
    const res = await victor.call('GET', '/api/v1/cluster/names?kind=deploy&namespace=prod');
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.data.kind, 'deployments');
    assert.equal(res.body.data.namespace, 'prod');
    assert.equal(res.body.data.truncated, false);
    assert.ok(res.body.data.names.length > 0, res.text);
    assert.deepEqual(res.body.data.names, [...res.body.data.names].sort());
    assert.deepEqual({ executions: rows('executions'), messages: rows('messages') }, before);
  });

  it('defaults to the default namespace and lists namespaces cluster-wide', async () => {
    const pods = await alice.call('GET', '/api/v1/cluster/names?kind=deployments');
    assert.equal(pods.status, 200, pods.text);
    assert.equal(pods.body.data.namespace, 'default');
    assert.ok(pods.body.data.names.includes('hello'), pods.text);
    const ns = await alice.call('GET', '/api/v1/cluster/names?kind=namespaces');
    assert.equal(ns.status, 200, ns.text);
    assert.equal(ns.body.data.namespace, null);
    for (const name of ['default', 'prod']) assert.ok(ns.body.data.names.includes(name), ns.text);
  });

  it('gives Secret names but never their contents', async () => {
    const res = await victor.call('GET', '/api/v1/cluster/names?kind=secrets&namespace=prod');
    assert.equal(res.status, 200, res.text);
    assert.ok(res.body.data.names.includes('web-tls'), res.text);
    assert.doesNotMatch(res.text, /PRIVATE KEY|BEGIN CERTIFICATE/);
  });

  it('refuses reads the classifier calls dangerous: kube-system and RBAC', async () => {
    for (const path of [
      '/api/v1/cluster/names?kind=pods&namespace=kube-system',
      '/api/v1/cluster/names?kind=clusterroles',
    ]) {
      const res = await alice.call('GET', path);
      assert.equal(res.status, 403, `${path}: ${res.text}`);
      assert.equal(res.body.code, 'DANGEROUS_READ');
      assert.match(res.body.error, /Type the name yourself/);
    }
  });

  it('rejects unknown kinds, bad namespaces and missing sign-in', async () => {
    const unknown = await alice.call('GET', '/api/v1/cluster/names?kind=widgets');
    assert.equal(unknown.status, 400, unknown.text);
    assert.equal(unknown.body.code, 'UNKNOWN_KIND');
    const bad = await alice.call('GET', '/api/v1/cluster/names?kind=pods&namespace=Not_Valid');
    assert.equal(bad.status, 400, bad.text);
    assert.equal(bad.body.code, 'VALIDATION_ERROR');
    const anonymous = await h.call('GET', '/api/v1/cluster/names?kind=pods');
    assert.equal(anonymous.status, 401, anonymous.text);
  });

  it('caps the list and says so', async () => {
    const executor = h.services.executor as {
      listNames?: (k: string, n: string | null) => Promise<string[]>;
    };
    const original = executor.listNames;
    executor.listNames = async () =>
      Array.from({ length: 600 }, (_, i) => `cm-${String(i).padStart(3, '0')}`);
    try {
      const res = await alice.call('GET', '/api/v1/cluster/names?kind=cm');
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.data.names.length, 500);
      assert.equal(res.body.data.truncated, true);
      executor.listNames = async () => {
        throw new Error('connection refused');
      };
      const down = await alice.call('GET', '/api/v1/cluster/names?kind=cm');
      assert.equal(down.status, 502, down.text);
      assert.equal(down.body.code, 'CLUSTER_UNAVAILABLE');
    } finally {
      executor.listNames = original;
    }
  });

  it('is rate-limited like every other read', async () => {
    const limited = await startHarness({ env: { KUBECHAT_RATE_LIMIT_PER_MINUTE: '10' } });
    try {
      const viewer = await limited.login('victor');
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++)
        statuses.push((await viewer.call('GET', '/api/v1/cluster/names?kind=pods')).status);
      assert.equal(statuses[0], 200);
      assert.equal(statuses.at(-1), 429, statuses.join(','));
    } finally {
      await limited.close();
    }
  });
});
