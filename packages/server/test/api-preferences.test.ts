import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { WsGateway } from '../src/ws/index.js';
import { startHarness, type Harness, type Session } from './helpers/server-harness.js';

describe('preferences API', () => {
  let h: Harness;
  let alice: Session;
  let bob: Session;
  before(async () => {
    h = await startHarness();
    [alice, bob] = await Promise.all([h.login('alice'), h.login('bob')]);
  });
  after(() => h.close());

  it('returns the defaults before anything was chosen', async () => {
    const res = await alice.call('GET', '/api/v1/auth/me/preferences');
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.data, {
      theme: 'system',
      default_namespace: null,
      compact: false,
      sound: false,
      updated_at: null,
    });
  });

  it("changes only the fields sent, keeps them per user, and tells the person's other sockets", async () => {
    const pushed: { topic: string; type: string; payload: unknown }[] = [];
    const previous = h.services.gateway;
    h.services.gateway = {
      publish: (topic: string, type: string, payload: unknown) => pushed.push({ topic, type, payload }),
    } as unknown as WsGateway;
    try {
      const first = await alice.call('PATCH', '/api/v1/auth/me/preferences', { body: { theme: 'dark' } });
      assert.equal(first.status, 200, first.text);
      const second = await alice.call('PATCH', '/api/v1/auth/me/preferences', {
        body: { default_namespace: 'prod', sound: true },
      });
      assert.equal(second.body.data.theme, 'dark', 'earlier fields are kept');
      assert.equal(second.body.data.default_namespace, 'prod');
      assert.equal(second.body.data.sound, true);
      assert.match(second.body.data.updated_at, /^\d{4}-\d\d-\d\dT/);
      assert.deepEqual(
        pushed.map((p) => [p.type, (p.payload as { theme: string }).theme]),
        [
          ['preferences', 'dark'],
          ['preferences', 'dark'],
        ],
      );
      assert.ok(
        pushed.every((p) => p.topic === `user:${alice.user.id}`),
        "on alice's own topic",
      );
      const bobs = await bob.call('GET', '/api/v1/auth/me/preferences');
      assert.equal(bobs.body.data.theme, 'system', "alice's choice is not bob's");
    } finally {
      h.services.gateway = previous;
    }
  });

  it('refuses unknown fields, bad values and empty updates with a 400', async () => {
    for (const body of [{ colour: 'red' }, { theme: 'neon' }, { default_namespace: 'Not A Namespace' }, {}]) {
      const res = await alice.call('PATCH', '/api/v1/auth/me/preferences', { body });
      assert.equal(res.status, 400, JSON.stringify(body));
    }
  });

  it('needs a signed-in caller', async () => {
    const res = await h.call('GET', '/api/v1/auth/me/preferences');
    assert.equal(res.status, 401);
  });
});
