import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD, settle, startHarness, type Harness, type Session } from './helpers/server-harness.js';

describe('output and message redaction', () => {
  let h: Harness;
  let admin: Session;
  let alice: Session;
  before(async () => {
    h = await startHarness();
    [admin, alice] = await Promise.all([h.login('admin'), h.login('alice')]);
  });
  after(() => h.close());

  it('hides Secret data in command output, and in the stored output', async () => {
    const requested = await alice.call('POST', '/api/v1/commands/execute', {
      body: { command: 'kubectl get secret db-credentials -n prod -o yaml' },
    });
    assert.equal(requested.status, 202, requested.text);
    const id = requested.body.execution.id;
    const approved = await admin.call('POST', '/api/v1/commands/approve', {
      body: { execution_id: id, decision: 'approve', password: DEMO_PASSWORD },
    });
    assert.equal(approved.status, 200, approved.text);
    const done = await settle(alice, id);
    assert.equal(done.status, 'completed', JSON.stringify(done));
    assert.match(done.output, /password: \[REDACTED secret data\]/);
    assert.match(done.output, /username: \[REDACTED secret data\]/);
    // "shop" is the seeded username; its base64 must not appear anywhere.
    assert.doesNotMatch(done.output, /c2hvcA==/);
  });

  it('stores a chat message with a pasted credential redacted', async () => {
    const session = await alice.call('POST', '/api/v1/chat/sessions', { body: {} });
    const res = await alice.call('POST', `/api/v1/chat/sessions/${session.body.data.id}/messages`, {
      body: {
        content: 'why does login fail with password=hunter2 on api?',
        clientMessageId: 'cmid-redact-0001',
      },
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.data.content, 'why does login fail with password=[REDACTED password] on api?');
    const page = await alice.call('GET', `/api/v1/chat/sessions/${session.body.data.id}/messages`);
    assert.doesNotMatch(JSON.stringify(page.body), /hunter2/);
  });

  it('redacts a session title made from a first message, on create and on rename', async () => {
    const created = await alice.call('POST', '/api/v1/chat/sessions', {
      body: { title: 'list pods in prod, db password: hunter2' },
    });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.data.title, 'list pods in prod, db password: [REDACTED password]');
    const renamed = await alice.call('PUT', `/api/v1/chat/sessions/${created.body.data.id}`, {
      body: { title: 'token=abcdefghijklmnop1234' },
    });
    assert.equal(renamed.status, 200, renamed.text);
    assert.equal(renamed.body.data.title, 'token=[REDACTED token]');
    const list = await alice.call('GET', '/api/v1/chat/sessions');
    assert.doesNotMatch(JSON.stringify(list.body), /hunter2|abcdefghijklmnop1234/);
  });
});
