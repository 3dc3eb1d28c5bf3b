import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FormatRegistry, TypeRegistry } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { Classification, NlpMetrics, NlpResult, ValidationResult } from '@k8s-chat/contract';
import { createNlpService, SAFETY_PRESENTATION } from '../src/nlp/index.js';

// The contract spells its enums as `Type.Unsafe({type: 'string', enum})`, which TypeBox's own checker
// only knows once told how.
if (!TypeRegistry.Has('Unsafe')) {
  TypeRegistry.Set('Unsafe', (schema: { type?: string; enum?: unknown[] }, value) =>
    schema.enum ? schema.enum.includes(value) : schema.type !== 'string' || typeof value === 'string',
  );
}
if (!FormatRegistry.Has('date-time')) {
  FormatRegistry.Set('date-time', (v) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(v));
}

const fixed = new Date('2025-05-06T07:08:09.000Z');
const service = () => createNlpService({ now: () => fixed });

function assertSchema(schema: Parameters<typeof Value.Check>[0], value: unknown) {
  const errors = [...Value.Errors(schema, value)].map((e) => `${e.path}: ${e.message}`);
  assert.deepEqual(errors, []);
}

describe('nlp service: process', () => {
  it('returns the upstream-shaped result with the server-side safety decision', async () => {
    const result = await service().process({ query: 'delete pod api-7c9f in prod' });
    assertSchema(NlpResult, result);
    assert.equal(result.generated_command, 'kubectl delete pod/api-7c9f -n prod');
    assert.equal(result.safety_level, 'dangerous');
    assert.equal(result.requires_approval, true);
    assert.equal(result.provider, 'local');
    assert.equal(result.tokens_used, 0);
    assert.equal(result.created_at, fixed.toISOString());
    assert.notEqual(result.id, result.request_id);
    assert.ok(result.reasons.includes('Deletes objects: deletions cannot be undone.'));
    assert.deepEqual(result.impact?.names, ['api-7c9f']);
    assert.equal(result.clarification, null);
    assert.ok(result.confidence > 0.5);
    assert.ok(result.processing_time_ms >= 0);
  });

  it('answers a question with no command, nothing to approve and a clarification', async () => {
    const result = await service().process({ query: 'scale the api' });
    assertSchema(NlpResult, result);
    assert.equal(result.generated_command, '');
    assert.equal(result.safety_level, 'safe');
    assert.equal(result.requires_approval, false);
    assert.equal(result.confidence, 0);
    assert.equal(result.impact, null);
    assert.match(result.clarification!, /How many replicas/);
  });

  it('uses the namespace parameter as the default and carries the conversation', async () => {
    const nlp = service();
    const first = await nlp.process({ query: 'describe deployment api', namespace: 'team-a' });
    assert.equal(first.generated_command, 'kubectl describe deployment/api -n team-a');
    const second = await nlp.process({ query: 'now scale it to 2', context: first.context });
    assert.equal(second.generated_command, 'kubectl scale deployment/api -n team-a --replicas=2');
    assert.equal(second.safety_level, 'warning');
    assert.deepEqual([...second.context_applied].sort(), ['name', 'namespace', 'resource']);
  });

  it("accepts upstream's free-text context and ignores it", async () => {
    const result = await service().process({ query: 'list pods', context: 'we are debugging prod' });
    assert.equal(result.generated_command, 'kubectl get pods');
  });

  it('drops malformed context fields instead of letting them reach argv', async () => {
    const result = await service().process({
      query: 'describe it',
      context: { resource: 'pods', name: 'x; rm -rf /', namespace: 'prod' },
    });
    assert.equal(result.generated_command, '');
    assert.ok(result.clarification);
  });

  it('refuses a namespace parameter that is not a namespace name', async () => {
    const nlp = service();
    await assert.rejects(
      nlp.process({ query: 'list pods', namespace: 'prod; rm -rf /' }),
      (error: unknown) => {
        assert.equal((error as { status?: number }).status, 400);
        assert.equal((error as { code?: string }).code, 'INVALID_NAMESPACE');
        return true;
      },
    );
    assert.equal(nlp.metrics().error_count, 1);
  });

  it('never proposes a typed command the classifier refuses', async () => {
    const result = await service().process({ query: 'kubectl get pods -n pr\u043ed' });
    assert.equal(result.generated_command, '');
    assert.match(result.clarification!, /non-ASCII/);
  });
});

describe('nlp service: validate, classify, providers, health', () => {
  it('validates', () => {
    const nlp = service();
    const ok = nlp.validate('kubectl scale deploy web --replicas=2');
    assertSchema(ValidationResult, ok);
    assert.equal(ok.is_valid, true);
    assert.equal(ok.safety_level, 'warning');
    const bad = nlp.validate('rm -rf /');
    assert.equal(bad.is_valid, false);
    assert.equal(bad.safety_level, 'dangerous');
    assert.ok(bad.errors.length > 0);
  });

  it("classifies with upstream's descriptions and colours", () => {
    const nlp = service();
    for (const [command, level, color] of [
      ['kubectl get deploy -n platform', 'safe', '#28a745'],
      ['kubectl rollout restart deployment/web -n staging', 'warning', '#ffc107'],
      ['kubectl delete pod x', 'dangerous', '#dc3545'],
    ] as const) {
      const c = nlp.classify(command);
      assertSchema(Classification, c);
      assert.equal(c.command, command);
      assert.equal(c.safety_level, level);
      assert.equal(c.color, color);
      assert.equal(c.description, SAFETY_PRESENTATION[level].description);
      assert.equal(c.requires_approval, level !== 'safe');
      assert.ok(c.reasons.length > 0);
    }
    assert.equal(
      nlp.classify('kubectl delete pod x').description,
      'Dangerous - destructive operation that could cause service disruption',
    );
  });

  it('lists only the local rules without a model, and is healthy', async () => {
    const nlp = service();
    assert.deepEqual(nlp.providers(), [
      { name: 'local', display_name: 'Local rules (deterministic)', available: true },
    ]);
    assert.equal((await nlp.health()).status, 'healthy');
  });
});

describe('nlp service: metrics', () => {
  it('counts real requests, clarifications, errors and latency', async () => {
    const nlp = service();
    const empty = nlp.metrics();
    assertSchema(NlpMetrics, empty);
    assert.equal(empty.request_count, 0);
    assert.equal(empty.last_used, null);
    assert.equal(empty.average_latency_ms, 0);

    await nlp.process({ query: 'list pods in prod' });
    await nlp.process({ query: 'delete it' });
    await nlp.process({ query: 'top nodes' });
    await nlp.process({ query: 'list pods', namespace: 'NOT A NAMESPACE' }).catch(() => undefined);

    const m = nlp.metrics();
    assertSchema(NlpMetrics, m);
    assert.equal(m.provider, 'local');
    assert.equal(m.request_count, 4);
    assert.equal(m.success_count, 3);
    assert.equal(m.clarification_count, 1);
    assert.equal(m.error_count, 1);
    assert.equal(m.tokens_used, 0);
    assert.equal(m.last_used, fixed.toISOString());
    assert.ok(m.average_latency_ms >= 0);
    assert.equal(m.by_provider.local!.request_count, 3);
  });
});
