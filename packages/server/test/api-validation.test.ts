import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness, type Session } from './helpers/server-harness.js';

describe('input validation', () => {
  let h: Harness;
  let alice: Session;
  before(async () => {
    h = await startHarness();
    alice = await h.login('alice');
  });
  after(() => h.close());

  it('answers malformed JSON with 400 INVALID_JSON, never 500', async () => {
    const res = await alice.call('POST', '/api/v1/chat/sessions', { rawBody: '{"title": ' });
    assert.equal(res.status, 400);
    assert.equal(res.body.code, 'INVALID_JSON');
    assert.equal(res.body.success, false, 'chat errors carry success: false');
  });

  it('answers wrong types, missing and unknown fields with field details', async () => {
    const wrongType = await alice.call('POST', '/api/v1/auth/login', {
      body: { username: 42, password: 'x' },
    });
    assert.equal(wrongType.status, 400);
    assert.equal(wrongType.body.code, 'VALIDATION_ERROR');
    assert.deepEqual(wrongType.body.details[0].field, 'username');
    const missing = await alice.call('POST', '/api/v1/nlp/process', { body: {} });
    assert.equal(missing.status, 400);
    assert.ok(missing.body.details.some((d: { field: string }) => d.field === 'query'));
    const unknown = await alice.call('POST', '/api/v1/chat/sessions', {
      body: { title: 'x', owner: 'admin' },
    });
    assert.equal(unknown.status, 400);
    assert.ok(
      unknown.body.details.some(
        (d: { field: string; message: string }) => d.field === 'owner' && /not a known field/.test(d.message),
      ),
    );
    const enumValue = await alice.call('POST', '/api/v1/commands/approve', {
      body: { execution_id: 'abc', decision: 'maybe' },
    });
    assert.equal(enumValue.status, 400);
    const tooLong = await alice.call('POST', '/api/v1/nlp/process', { body: { query: 'x'.repeat(2001) } });
    assert.equal(tooLong.status, 400);
  });

  it('answers bad ids and bad query parameters with 400', async () => {
    assert.equal((await alice.call('GET', '/api/v1/chat/sessions/not%20an%20id')).status, 400);
    assert.equal((await alice.call('GET', '/api/v1/commands/executions?limit=0')).status, 400);
    assert.equal((await alice.call('GET', '/api/v1/commands/executions?limit=abc')).status, 400);
    assert.equal((await alice.call('GET', '/api/v1/commands/executions?sort=password')).status, 400);
    assert.equal((await alice.call('GET', '/api/v1/commands/executions?from=yesterday')).status, 400);
    assert.equal((await alice.call('GET', '/api/v1/commands/executions/export?format=xml')).status, 400);
    assert.equal((await alice.call('GET', '/api/v1/commands/executions?unknown=1')).status, 400);
  });

  it('answers oversized bodies with 413', async () => {
    const res = await alice.call('POST', '/api/v1/nlp/process', {
      rawBody: JSON.stringify({ query: 'x'.repeat(1_100_000) }),
    });
    assert.equal(res.status, 413);
    assert.equal(res.body.code, 'REQUEST_TOO_LARGE');
  });

  it('answers a missing resource with a typed 404 that says what to do', async () => {
    const res = await alice.call('GET', '/api/v1/commands/executions/00000000-0000-0000-0000-000000000000');
    assert.equal(res.status, 404);
    assert.equal(res.body.code, 'NOT_FOUND');
    assert.match(res.body.error, /not found/);
  });

  it('rate-limits per user with 429 and Retry-After', async () => {
    const limited = await startHarness({ env: { KUBECHAT_RATE_LIMIT_PER_MINUTE: '20' } });
    try {
      const s = await limited.login('bob');
      let last;
      for (let i = 0; i < 30; i++) last = await s.call('GET', '/api/v1/auth/me');
      assert.equal(last!.status, 429);
      assert.equal(last!.body.code, 'RATE_LIMIT_EXCEEDED');
      assert.ok(Number(last!.headers['retry-after']) >= 1);
      assert.equal(typeof last!.body.retry_after, 'number');
    } finally {
      await limited.close();
    }
  });

  it('checked every response so far against the OpenAPI document', () => {
    assert.ok(h.checkedResponses > 10);
  });
});
