import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sleep, startGateway, TestClient, USERS, type Harness } from './ws-harness.js';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

describe('ws gateway: handshake and auth', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('greets with upstream status, selects kubechat-ws and answers auth with auth_result', async () => {
    h = await startGateway({ epoch: 'epoch-1' });
    const client = await h.connect();
    assert.equal(client.socket.protocol, 'kubechat-ws');
    const hello = await client.waitForType('status');
    assert.deepEqual(
      { ...hello.payload, timestamp: undefined },
      {
        type: 'connection',
        status: 'connected',
        message: 'WebSocket connection established',
        timestamp: undefined,
      },
    );
    assert.match(hello.id, /^[0-9a-f-]{36}$/);
    assert.match(hello.timestamp, RFC3339);

    const result = await client.auth('alice');
    assert.equal(result.payload.success, true);
    assert.equal(result.payload.user_id, USERS.alice!.id);
    assert.equal(result.payload.username, 'alice');
    assert.equal(result.payload.role, 'user');
    assert.equal(result.payload.session_id, null);
    assert.equal(result.payload.epoch, 'epoch-1');
    assert.match(result.payload.expires_at as string, RFC3339);
    assert.equal(h.gateway.clientCount(), 1);
  });

  it('accepts a client that offers no subprotocol, and picks kubechat-ws among several', async () => {
    h = await startGateway();
    const bare = await h.connect({ protocols: [] });
    assert.equal(bare.socket.protocol, '');
    await bare.waitForType('status');
    const several = await h.connect({ protocols: ['other', 'kubechat-ws'] });
    assert.equal(several.socket.protocol, 'kubechat-ws');
  });

  it('closes a socket that does not authenticate in time with 4401 (A7)', async () => {
    h = await startGateway({ authTimeoutMs: 200 });
    const client = await h.connect();
    const closed = await client.waitClosed(1000);
    assert.deepEqual(closed, { code: 4401, reason: 'authentication timeout' });
  });

  it('answers a bad token with auth_result failure and closes 4401', async () => {
    h = await startGateway();
    const client = await h.connect();
    const result = await client.auth('mallory');
    assert.equal(result.payload.success, false);
    assert.equal(typeof result.payload.error, 'string');
    assert.equal(result.payload.user_id, undefined);
    assert.equal((await client.waitClosed()).code, 4401);
  });

  it('closes 4401 for an auth frame without a token', async () => {
    h = await startGateway();
    const client = await h.connect();
    client.send({ type: 'auth', payload: {} });
    const result = await client.waitForType('auth_result');
    assert.equal(result.payload.success, false);
    assert.equal((await client.waitClosed()).code, 4401);
  });

  it('closes 4403 when authenticate says the user is forbidden', async () => {
    h = await startGateway({
      authenticate: () => Promise.reject(Object.assign(new Error('disabled'), { statusCode: 403 })),
    });
    const client = await h.connect();
    assert.equal((await client.auth('alice')).payload.success, false);
    assert.equal((await client.waitClosed()).code, 4403);
  });

  it('answers AUTH_REQUIRED to anything but auth before auth, without closing', async () => {
    h = await startGateway();
    const client = await h.connect();
    client.send({ type: 'subscribe', payload: { topics: ['commands'] } });
    const error = await client.waitForType('error');
    assert.equal(error.payload.code, 'AUTH_REQUIRED');
    assert.equal(client.isOpen, true);
    // The same socket can still authenticate afterwards.
    assert.equal((await client.auth('alice')).payload.success, true);
  });

  it('handles a subscribe sent right behind auth after the auth completed', async () => {
    h = await startGateway({
      authenticate: async (token) => {
        await sleep(50);
        return { user: USERS[token]!, expiresAt: new Date(Date.now() + 60_000) };
      },
    });
    const client = await h.connect();
    client.send({ type: 'auth', payload: { token: 'alice' } });
    client.send({ type: 'subscribe', payload: { topics: ['commands'] } });
    const ack = await client.waitFor((f) => f.type === 'status' && f.payload.status === 'subscribed');
    assert.deepEqual((ack.payload.metadata as { topics: string[] }).topics, ['commands']);
    assert.equal(client.frames.filter((f) => f.type === 'error').length, 0);
  });

  it('closes 4401 at token expiry when no re-auth arrives (A7, W6)', async () => {
    h = await startGateway();
    const client = await h.login('alice:300');
    const started = Date.now();
    const closed = await client.waitClosed(1500);
    assert.deepEqual(closed, { code: 4401, reason: 'token expired' });
    assert.ok(Date.now() - started >= 200, 'closed at expiry, not before');
  });

  it('refuses a token that is already expired', async () => {
    h = await startGateway();
    const client = await h.connect();
    assert.equal((await client.auth('alice:-1000')).payload.success, false);
    assert.equal((await client.waitClosed()).code, 4401);
  });

  it('extends the session on an in-band re-auth (A7, W6)', async () => {
    h = await startGateway();
    const client = await h.login('alice:300');
    await client.subscribe(['commands']);
    await sleep(100);
    const renewed = await client.auth('alice:5000');
    assert.equal(renewed.payload.success, true);
    assert.ok(Date.parse(renewed.payload.expires_at as string) > Date.now() + 3000);
    await sleep(450);
    assert.equal(client.isOpen, true, 'still open past the first token expiry');
    // Subscriptions survive the re-auth.
    h.gateway.publish('commands', 'notification', { title: 'still here' });
    await client.waitFor((f) => f.topic === 'commands' && f.type === 'notification');
  });

  it('closes 4403 when a re-auth names a different user', async () => {
    h = await startGateway();
    const client = await h.login('alice');
    client.send({ type: 'auth', payload: { token: 'bob' } });
    assert.deepEqual(await client.waitClosed(), { code: 4403, reason: 'user changed' });
  });

  it('drops subscriptions a re-auth no longer allows', async () => {
    let allowed = true;
    h = await startGateway({ authorizeTopic: () => allowed });
    const client = await h.login('alice');
    await client.subscribe(['session:s1']);
    allowed = false;
    await client.auth('alice');
    const error = await client.waitFor((f) => f.type === 'error' && f.payload.code === 'FORBIDDEN_TOPIC');
    assert.equal(error.payload.topic, 'session:s1');
    assert.deepEqual(h.gateway.subscribers('session:s1'), []);
  });

  it('closes a foreign Origin with 4403 before sending any data (W10)', async () => {
    h = await startGateway();
    const client = await h.connect({ origin: 'https://evil.test' });
    const closed = await client.waitClosed();
    assert.deepEqual(closed, { code: 4403, reason: 'origin not allowed' });
    assert.equal(client.frames.length, 0, 'no frame before the close');
    assert.equal(h.gateway.clientCount(), 0);
    assert.ok(h.logs.some((l) => l.event === 'ws.origin_rejected'));
  });

  it('treats a missing Origin as the allowedOrigins callback says', async () => {
    h = await startGateway({ allowedOrigins: (origin) => origin !== undefined });
    const client = await h.connect({ origin: '' });
    assert.equal((await client.waitClosed()).code, 4403);
  });

  it('never reads a token from the URL', async () => {
    h = await startGateway({ authTimeoutMs: 200 });
    const client = new TestClient(`${h.url}?token=alice&access_token=alice`);
    await client.opened();
    client.send({ type: 'subscribe', payload: { topics: ['commands'] } });
    assert.equal((await client.waitForType('error')).payload.code, 'AUTH_REQUIRED');
    assert.equal((await client.waitClosed()).code, 4401);
    client.close();
  });

  it('refuses upgrades on other paths when nothing else handles them', async () => {
    h = await startGateway();
    const client = new TestClient(h.url.replace('/api/v1/ws', '/ws'));
    await assert.rejects(client.opened(), /404/);
  });
});
