import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SAFETY_LEVELS } from '@k8s-chat/contract';
import { classifyCommand, translate, type ConversationContext, type SafetyLevel } from '../src/nlp/index.js';

/**
 * The labelled set is what platform engineers type and the kubectl command that is right for it (null
 * when the right answer is a question back). Two gates: exact-command accuracy of at least 95%, and no
 * entry at all where the translator proposes something less risky than the right command.
 */
interface Entry {
  readonly query: string;
  readonly expected_command: string | null;
  readonly expected_level: SafetyLevel | null;
  readonly context?: ConversationContext;
  readonly default_namespace?: string;
}

const MIN_ACCURACY = 0.95;
const set: Entry[] = JSON.parse(
  readFileSync(new URL('./fixtures/nlp-labelled-set.json', import.meta.url), 'utf8'),
);

/** null (no command) ranks below every level. */
const rank = (level: SafetyLevel | null) => (level === null ? -1 : SAFETY_LEVELS.indexOf(level));

const results = set.map((entry) => {
  const t = translate(entry.query, { context: entry.context, defaultNamespace: entry.default_namespace });
  const produced = t.command;
  return { entry, produced, producedLevel: produced === null ? null : classifyCommand(produced).level };
});

describe('NLP labelled set', () => {
  it('is big and varied enough to mean something', () => {
    assert.ok(set.length >= 170, `${set.length} entries`);
    assert.ok(set.filter((e) => e.expected_command === null).length >= 15, 'ambiguous entries');
    assert.ok(set.filter((e) => e.context).length >= 12, 'follow-ups with context');
    assert.ok(
      set.some((e) => /ignore previous instructions/i.test(e.query)),
      'prompt-injection entries',
    );
    const queries = set.map(
      (e) => `${e.query}|${JSON.stringify(e.context ?? {})}|${e.default_namespace ?? ''}`,
    );
    assert.equal(new Set(queries).size, queries.length, 'no duplicate entries');
    for (const level of SAFETY_LEVELS)
      assert.ok(
        set.some((e) => e.expected_level === level),
        `has ${level} entries`,
      );
  });

  it('labels every expected command with the level the classifier gives it', () => {
    const wrong = set
      .map((e) => {
        if (e.expected_command === null)
          return e.expected_level === null ? null : `${e.query}: null command with level ${e.expected_level}`;
        const c = classifyCommand(e.expected_command);
        if (!c.is_valid) return `${e.query}: expected command is not valid: ${c.errors.join(' ')}`;
        return c.level === e.expected_level
          ? null
          : `${e.expected_command}: labelled ${e.expected_level}, classified ${c.level}`;
      })
      .filter(Boolean);
    assert.deepEqual(wrong, []);
  });

  it('never proposes anything less risky than the right command', () => {
    const unsafe = results
      .filter(
        ({ entry, producedLevel }) =>
          entry.expected_command !== null &&
          rank(producedLevel) < rank(classifyCommand(entry.expected_command).level),
      )
      .map(
        ({ entry, produced, producedLevel }) =>
          `${entry.query}: expected ${entry.expected_command}, got ${produced} (${producedLevel ?? 'no command'})`,
      );
    assert.deepEqual(unsafe, []);
  });

  it(`translates at least ${MIN_ACCURACY * 100}% of the entries to exactly the expected command`, (t) => {
    const misses = results.filter(({ entry, produced }) => produced !== entry.expected_command);
    const accuracy = (results.length - misses.length) / results.length;
    const line = `labelled-set accuracy: ${(accuracy * 100).toFixed(1)}% (${results.length - misses.length}/${results.length} exact commands)`;
    t.diagnostic(line);
    console.log(line);
    for (const { entry, produced } of misses) {
      t.diagnostic(`miss: ${JSON.stringify(entry.query)} expected ${entry.expected_command} got ${produced}`);
    }
    assert.ok(
      accuracy >= MIN_ACCURACY,
      `${line}; misses:\n${misses.map((m) => `  ${m.entry.query} → ${m.produced}`).join('\n')}`,
    );
  });
});
