import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness, type Session } from './helpers/server-harness.js';

describe('NLP API', () => {
  let h: Harness;
  let bob: Session;
  before(async () => {
    h = await startHarness();
    bob = await h.login('bob');
  });
  after(() => h.close());

  it('processes a request into one command with its level, and asks back when it is ambiguous', async () => {
    const res = await bob.call('POST', '/api/v1/nlp/process', {
      body: { query: 'show me the pods in staging' },
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.data.generated_command, 'kubectl get pods -n staging');
    assert.equal(res.body.data.safety_level, 'safe');
    assert.equal(res.body.data.requires_approval, false);
    const vague = await bob.call('POST', '/api/v1/nlp/process', { body: { query: 'scale the api' } });
    assert.equal(vague.body.data.generated_command, '');
    assert.match(vague.body.data.clarification, /replica/i);
    const followUp = await bob.call('POST', '/api/v1/nlp/process', {
      body: { query: 'and in prod?', context: res.body.data.context },
    });
    assert.equal(followUp.body.data.generated_command, 'kubectl get pods -n prod');
    assert.ok(followUp.body.data.context_applied.length > 0);
  });

  it('validates and classifies commands on the parsed argv', async () => {
    const valid = await bob.call('POST', '/api/v1/nlp/validate', {
      body: { command: 'kubectl get deploy -n platform' },
    });
    assert.deepEqual([valid.body.data.is_valid, valid.body.data.safety_level], [true, 'safe']);
    const refused = await bob.call('POST', '/api/v1/nlp/validate', {
      body: { command: 'kubectl get pods | sh' },
    });
    assert.equal(refused.body.data.is_valid, false);
    assert.ok(refused.body.data.errors.length > 0);
    const classified = await bob.call('POST', '/api/v1/nlp/classify', {
      body: { command: 'kubectl drain node-1 --ignore-daemonsets' },
    });
    assert.equal(classified.body.data.safety_level, 'dangerous');
    assert.equal(classified.body.data.color, '#dc3545');
    assert.ok(classified.body.data.reasons.length > 0);
  });

  it('lists providers, reports health and counts requests for real', async () => {
    const providers = await bob.call('GET', '/api/v1/nlp/providers');
    assert.ok(providers.body.data.some((p: { name: string }) => p.name === 'local'));
    assert.equal(providers.body.count, providers.body.data.length);
    assert.equal((await bob.call('GET', '/api/v1/nlp/health')).body.status, 'healthy');
    const before = (await bob.call('GET', '/api/v1/nlp/metrics')).body.data.request_count;
    await bob.call('POST', '/api/v1/nlp/process', { body: { query: 'list nodes' } });
    const after = (await bob.call('GET', '/api/v1/nlp/metrics')).body.data;
    assert.equal(after.request_count, before + 1);
    assert.ok(after.last_used);
  });

  it('answers the upstream profile route and the command health route', async () => {
    assert.equal((await bob.call('GET', '/api/v1/auth/profile')).body.data.username, 'bob');
    const health = await h.call('GET', '/api/v1/commands/health');
    assert.equal(health.body.executor, 'sandbox');
  });
});
