import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJwt } from 'jose';
import { DEMO_PASSWORD, startHarness, type Harness } from './helpers/server-harness.js';

describe('auth API', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('seeds the four demo users with their roles', async () => {
    for (const [name, role] of [
      ['admin', 'admin'],
      ['alice', 'user'],
      ['bob', 'user'],
      ['victor', 'viewer'],
    ] as const) {
      const s = await h.login(name);
      assert.equal(s.user.role, role);
      const me = await s.call('GET', '/api/v1/auth/me');
      assert.equal(me.status, 200);
      assert.equal(me.body.data.username, name);
    }
  });

  it('logs in with a short-lived token and an httpOnly, SameSite=Strict refresh cookie scoped to auth', async () => {
    const res = await h.call('POST', '/api/v1/auth/login', {
      body: { username: 'alice', password: DEMO_PASSWORD },
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.data.expires_in, 900);
    const claims = decodeJwt(res.body.data.token);
    assert.equal(claims.sub, res.body.data.user.id);
    // The expiry is rounded up to the next whole second, so the token lives at least expires_in.
    const lifetime = Number(claims.exp) - Number(claims.iat);
    assert.ok(lifetime === 900 || lifetime === 901, `lifetime ${lifetime}`);
    const cookie = String(res.headers['set-cookie']);
    assert.match(cookie, /^kubechat_refresh=/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    assert.match(cookie, /Path=\/api\/v1\/auth/);
    assert.equal(
      JSON.stringify(res.body).includes(cookie.split(';')[0]!.split('=')[1]!),
      false,
      'refresh token never in the body',
    );
  });

  it('refuses a wrong password with a typed 401 and audits it', async () => {
    const res = await h.call('POST', '/api/v1/auth/login', { body: { username: 'alice', password: 'nope' } });
    assert.equal(res.status, 401);
    assert.equal(res.body.code, 'INVALID_CREDENTIALS');
    const unknown = await h.call('POST', '/api/v1/auth/login', {
      body: { username: 'mallory', password: 'nope' },
    });
    assert.equal(unknown.body.code, 'INVALID_CREDENTIALS');
    const audit = h.services.audit.recent(10);
    assert.ok(
      audit.some(
        (a) => a.action === 'auth.login' && a.outcome === 'failure' && a.actor_username === 'mallory',
      ),
    );
  });

  it('keeps the audit log append-only: the database refuses changes and deletions', () => {
    assert.ok(h.services.audit.recent(1).length === 1);
    assert.throws(
      () => h.services.db.prepare("UPDATE audit_log SET outcome = 'success'").run(),
      /append-only/,
    );
    assert.throws(() => h.services.db.prepare('DELETE FROM audit_log').run(), /append-only/);
  });

  it('has no self-registration', async () => {
    const res = await h.call('POST', '/api/v1/auth/register', {
      body: { username: 'eve', password: 'x', role: 'admin' },
    });
    assert.equal(res.status, 404);
  });

  it('rotates the refresh cookie, and reuse of a rotated token revokes the whole family', async () => {
    const s = await h.login('bob');
    const first = await h.call('POST', '/api/v1/auth/refresh', { cookie: s.cookie });
    assert.equal(first.status, 200);
    const rotated = String(first.headers['set-cookie']).split(';')[0]!;
    assert.notEqual(rotated, s.cookie);
    // The person keeps using the rotated cookie…
    const second = await h.call('POST', '/api/v1/auth/refresh', { cookie: rotated });
    assert.equal(second.status, 200);
    const latest = String(second.headers['set-cookie']).split(';')[0]!;
    // …and then the first cookie comes back: someone copied it.
    const reuse = await h.call('POST', '/api/v1/auth/refresh', { cookie: s.cookie });
    assert.equal(reuse.status, 401);
    assert.equal(reuse.body.code, 'REFRESH_TOKEN_REUSED');
    // Everything in the family is dead now: the newest cookie and the access tokens.
    assert.equal((await h.call('POST', '/api/v1/auth/refresh', { cookie: latest })).status, 401);
    const me = await h.call('GET', '/api/v1/auth/me', { token: second.body.data.token });
    assert.equal(me.status, 401);
    assert.equal(me.body.code, 'SESSION_REVOKED');
    assert.ok(h.services.audit.recent(20).some((a) => a.action === 'auth.refresh.reuse'));
  });

  it('tells the person and every admin when a rotated refresh token is reused', async () => {
    const told: { userId: string; type: string; payload: { type: string; data: { user_id: string } } }[] = [];
    const previous = h.services.gateway;
    h.services.gateway = {
      notifyUser: (userId: string, type: string, payload: never) => told.push({ userId, type, payload }),
    } as unknown as typeof previous;
    try {
      const s = await h.login('bob');
      const admin = await h.login('admin');
      const first = await h.call('POST', '/api/v1/auth/refresh', { cookie: s.cookie });
      const rotated = String(first.headers['set-cookie']).split(';')[0]!;
      // The successor was used, so the first cookie coming back is a copy, not a lost-response retry.
      assert.equal((await h.call('POST', '/api/v1/auth/refresh', { cookie: rotated })).status, 200);
      assert.deepEqual(told, [], 'nothing to tell yet');
      const reuse = await h.call('POST', '/api/v1/auth/refresh', { cookie: s.cookie });
      assert.equal(reuse.body.code, 'REFRESH_TOKEN_REUSED');
      const recipients = told.map((t) => t.userId);
      assert.ok(recipients.includes(s.user.id), 'bob is told');
      assert.ok(recipients.includes(admin.user.id), 'admin is told');
      assert.ok(told.every((t) => t.type === 'notification' && t.payload.type === 'security'));
      assert.ok(told.every((t) => t.payload.data.user_id === s.user.id));
    } finally {
      h.services.gateway = previous;
    }
  });

  it('treats a refresh retried right after a lost response as a retry, not theft', async () => {
    const s = await h.login('alice');
    const first = await h.call('POST', '/api/v1/auth/refresh', { cookie: s.cookie });
    assert.equal(first.status, 200);
    const lost = String(first.headers['set-cookie']).split(';')[0]!;
    // The response carrying `lost` never arrived, so the client retries with the cookie it still has.
    const retry = await h.call('POST', '/api/v1/auth/refresh', { cookie: s.cookie });
    assert.equal(retry.status, 200);
    const current = String(retry.headers['set-cookie']).split(';')[0]!;
    assert.equal(
      (await h.call('POST', '/api/v1/auth/refresh', { cookie: lost })).status,
      401,
      'the lost successor was retired',
    );
    assert.equal(
      (await h.call('POST', '/api/v1/auth/refresh', { cookie: current })).status,
      401,
      'and presenting it revoked the family',
    );
  });

  it('refreshes the upstream way with a still-valid token in the body', async () => {
    const s = await h.login('alice');
    const res = await h.call('POST', '/api/v1/auth/refresh', { body: { token: s.token } });
    assert.equal(res.status, 200);
    assert.ok(res.body.data.token);
    const bad = await h.call('POST', '/api/v1/auth/refresh', { body: { token: 'not-a-jwt' } });
    assert.equal(bad.status, 401);
    const none = await h.call('POST', '/api/v1/auth/refresh', { body: {} });
    assert.equal(none.status, 401);
  });

  it('logout signs the device out at once: its access token stops working', async () => {
    const s = await h.login('alice');
    const other = await h.login('alice');
    assert.equal((await s.call('POST', '/api/v1/auth/logout')).status, 200);
    assert.equal((await s.call('GET', '/api/v1/auth/me')).status, 401);
    assert.equal((await h.call('POST', '/api/v1/auth/refresh', { cookie: s.cookie })).status, 401);
    assert.equal((await other.call('GET', '/api/v1/auth/me')).status, 200, 'other devices stay signed in');
  });

  it('lists devices and signs one out', async () => {
    const a = await h.login('victor');
    const b = await h.login('victor');
    const list = await a.call('GET', '/api/v1/auth/devices');
    assert.equal(list.status, 200);
    const current = list.body.data.find((d: { current: boolean }) => d.current);
    assert.ok(current);
    const deviceB = String(decodeJwt(b.token).sid);
    assert.ok(list.body.data.some((d: { id: string }) => d.id === deviceB));
    assert.equal((await a.call('DELETE', `/api/v1/auth/devices/${deviceB}`)).status, 200);
    assert.equal((await b.call('GET', '/api/v1/auth/me')).status, 401);
    assert.equal((await a.call('GET', '/api/v1/auth/me')).status, 200);
    assert.equal((await b.call('DELETE', `/api/v1/auth/devices/${current.id}`)).status, 401);
  });

  it('needs a bearer token on every non-public route', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/auth/me'],
      ['GET', '/api/v1/chat/sessions'],
      ['POST', '/api/v1/nlp/process'],
      ['GET', '/api/v1/commands/executions'],
    ] as const) {
      const res = await h.call(method, url, method === 'POST' ? { body: { query: 'x' } } : {});
      assert.equal(res.status, 401, `${method} ${url}`);
      assert.equal(res.body.code, 'AUTH_HEADER_MISSING');
    }
    const bad = await h.call('GET', '/api/v1/auth/me', { headers: { authorization: 'Token abc' } });
    assert.equal(bad.body.code, 'INVALID_AUTH_FORMAT');
  });

  it('rate-limits password guessing with 429 and Retry-After', async () => {
    let res;
    for (let i = 0; i < 12; i++)
      res = await h.call('POST', '/api/v1/auth/login', { body: { username: 'ratelimited', password: 'x' } });
    assert.equal(res!.status, 429);
    assert.equal(res!.body.code, 'RATE_LIMIT_EXCEEDED');
    assert.ok(Number(res!.headers['retry-after']) >= 1);
  });
});
