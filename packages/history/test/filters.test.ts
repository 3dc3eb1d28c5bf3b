import { expect } from '@open-wc/testing';
import type { Execution } from '@k8s-chat/core';
import { comparator, matcher, searchKey, timeRange } from '../src/k8s-command-history/filters.js';
import { formatTime } from '../src/k8s-command-history/format.js';
import { LocalFilter } from '../src/k8s-command-history/local-filter.js';
import type { HistoryFilters } from '../src/k8s-command-history/k8s-command-history.types.js';
import { execution, makeExecutions, NOW } from './helpers/fake-services.js';

const NONE: HistoryFilters = {
  status: '',
  safetyLevel: '',
  sessionId: '',
  user: '',
  namespace: '',
  since: '',
  from: '',
  to: '',
  q: '',
  sort: '-created_at',
};
const f = (patch: Partial<HistoryFilters>): HistoryFilters => ({ ...NONE, ...patch });
const ids = (rows: readonly Execution[]) => rows.map((r) => r.id);
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();

/** What the element did before the local filter was made incremental: the behaviour to keep. */
const reference = (rows: readonly Execution[], filters: HistoryFilters, now: number) =>
  rows.filter(matcher(filters, now)).sort(comparator(filters.sort));

describe('matcher', () => {
  const row = execution('e1', {
    command: 'kubectl Get PODS -n prod',
    username: 'Alice',
    namespace: 'prod',
    created_at: at(30),
  });

  it('matches free text case-insensitively over command, user and namespace, trimmed', () => {
    expect(matcher(f({ q: '  get pods ' }), NOW)(row)).to.equal(true);
    expect(matcher(f({ q: 'ALICE' }), NOW)(row)).to.equal(true);
    expect(matcher(f({ q: 'prod' }), NOW)(row)).to.equal(true);
    expect(matcher(f({ q: 'bob' }), NOW)(row)).to.equal(false);
    // The key joins the fields with spaces, so text running from the command into the user matches.
    expect(matcher(f({ q: 'prod alice' }), NOW)(row)).to.equal(true);
  });

  it('does not match the word "null" for a row without a namespace', () => {
    const cluster = execution('e2', { command: 'kubectl get nodes', namespace: null });
    expect(matcher(f({ q: 'null' }), NOW)(cluster)).to.equal(false);
    expect(searchKey(cluster)).to.equal('kubectl get nodes alice ');
  });

  it('keeps rows whose time is not a date, with or without a range (the server decides)', () => {
    const odd = execution('e3', { created_at: 'not a date' });
    expect(matcher(f({}), NOW)(odd)).to.equal(true);
    expect(matcher(f({ since: '1h' }), NOW)(odd)).to.equal(true);
    expect(matcher(f({ from: at(10), to: at(5) }), NOW)(odd)).to.equal(true);
  });

  it('applies a relative range against `now`, inclusive at the start', () => {
    expect(matcher(f({ since: '1h' }), NOW)(row)).to.equal(true);
    expect(matcher(f({ since: '30m' }), NOW)(row)).to.equal(true); // exactly 30 minutes ago
    expect(matcher(f({ since: '29m' }), NOW)(row)).to.equal(false);
    expect(matcher(f({ since: '29m' }), NOW - 60_000)(row)).to.equal(true);
    // Not a relative range: no window at all.
    expect(matcher(f({ since: 'yesterday' }), NOW)(row)).to.equal(true);
  });

  it('uses from/to (inclusive) and then ignores since; an invalid bound is open', () => {
    expect(matcher(f({ from: at(30), to: at(30) }), NOW)(row)).to.equal(true);
    expect(matcher(f({ from: at(29) }), NOW)(row)).to.equal(false);
    expect(matcher(f({ to: at(31) }), NOW)(row)).to.equal(false);
    expect(matcher(f({ from: at(40), since: '1m' }), NOW)(row)).to.equal(true);
    expect(matcher(f({ from: 'garbage' }), NOW)(row)).to.equal(true);
    expect(timeRange(f({ from: 'garbage', to: '' }), NOW)).to.deep.equal({
      start: -Infinity,
      end: Infinity,
    });
  });

  it('compares status, safety, session, user and namespace exactly', () => {
    const r = execution('e4', {
      status: 'failed',
      safety_level: 'dangerous',
      session_id: 's9',
      username: 'bob',
      namespace: 'prod',
    });
    expect(matcher(f({ status: 'failed' }), NOW)(r)).to.equal(true);
    expect(matcher(f({ status: 'completed' }), NOW)(r)).to.equal(false);
    expect(matcher(f({ safetyLevel: 'safe' }), NOW)(r)).to.equal(false);
    expect(matcher(f({ sessionId: 's9' }), NOW)(r)).to.equal(true);
    expect(matcher(f({ user: 'Bob' }), NOW)(r)).to.equal(false); // user is exact, unlike free text
    expect(matcher(f({ namespace: 'pro' }), NOW)(r)).to.equal(false);
  });

  it('caches the search key per row object, so a replaced row is matched by its new text', () => {
    const before = execution('e5', { command: 'kubectl get pods' });
    expect(matcher(f({ q: 'pods' }), NOW)(before)).to.equal(true);
    const after = { ...before, command: 'kubectl get services' };
    expect(matcher(f({ q: 'pods' }), NOW)(after)).to.equal(false);
    expect(matcher(f({ q: 'services' }), NOW)(after)).to.equal(true);
  });
});

describe('LocalFilter', () => {
  const rows = makeExecutions(600, NOW);

  it('returns the loaded rows themselves when nothing is filtered and they are in order', () => {
    const local = new LocalFilter();
    expect(local.apply(rows, NONE, NOW)).to.equal(rows);
    const byUser = local.apply(rows, f({ sort: 'username' }), NOW);
    expect(ids(byUser)).to.deep.equal(ids(reference(rows, f({ sort: 'username' }), NOW)));
    expect(rows.map((r) => r.id)[0]).to.equal('e000001'); // the input was not sorted in place
  });

  it('gives exactly the reference result through typing, deleting and changing other filters', () => {
    const local = new LocalFilter();
    const shuffled = [...rows].reverse(); // not in the sort order: must be sorted, not trusted
    const steps: Partial<HistoryFilters>[] = [
      { q: 'r' },
      { q: 'ro' },
      { q: 'rol' },
      { q: 'rollout' },
      { q: 'rol' }, // deleting widens again: must not come from the narrower result
      { q: 'rol', status: 'failed' },
      { q: 'roll', status: 'failed' },
      { q: 'roll', status: '' },
      { q: 'ROLL ' },
      { q: 'roll', since: '2h' },
      { q: 'rollout', since: '2h' },
      { q: 'rollout', since: '5h' }, // a wider window: must not narrow
      { q: 'rollout', from: at(100), to: at(50) },
      { q: 'rollout', from: at(100), to: at(50), sort: 'execution_time_ms' },
      { q: 'rollout r', from: at(100), to: at(50), sort: 'execution_time_ms' },
      { q: 'monitoring', namespace: 'monitoring', user: 'bob' },
      { q: 'zzz' },
      { q: 'zzzz' },
      { q: '' },
    ];
    for (const step of steps) {
      const filters = f(step);
      const got = local.apply(shuffled, filters, NOW);
      expect(ids(got), JSON.stringify(step)).to.deep.equal(ids(reference(shuffled, filters, NOW)));
    }
  });

  it('moves a relative window forward with the clock while narrowing', () => {
    const local = new LocalFilter();
    const a = local.apply(rows, f({ q: 'r', since: '1h' }), NOW);
    const b = local.apply(rows, f({ q: 'ro', since: '1h' }), NOW + 10 * 60_000);
    expect(ids(a)).to.deep.equal(ids(reference(rows, f({ q: 'r', since: '1h' }), NOW)));
    expect(ids(b)).to.deep.equal(ids(reference(rows, f({ q: 'ro', since: '1h' }), NOW + 10 * 60_000)));
    expect(b.length).to.be.lessThan(a.length);
  });

  it('starts over when the rows change (new page, live update)', () => {
    const local = new LocalFilter();
    expect(local.apply(rows, f({ q: 'rollout' }), NOW).length).to.be.greaterThan(0);
    const changed = rows.map((r, i) => (i === 1 ? { ...r, command: 'kubectl rollout status web' } : r));
    const got = local.apply(changed, f({ q: 'rollout s' }), NOW);
    expect(ids(got)).to.deep.equal(ids(reference(changed, f({ q: 'rollout s' }), NOW)));
    expect(ids(got)).to.include(rows[1]!.id);
  });

  it('builds the keys in the background and gives the same result afterwards', async () => {
    const local = new LocalFilter();
    local.prepare(rows, '-created_at', 100);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const got = local.apply(rows, f({ q: 'monitoring' }), NOW);
    expect(ids(got)).to.deep.equal(ids(reference(rows, f({ q: 'monitoring' }), NOW)));
    local.stop();
  });
});

describe('formatTime', () => {
  it('formats exactly as toLocaleString does, with and without compact', () => {
    const iso = '2026-11-28T09:05:07.000Z';
    const date = new Date(iso);
    expect(formatTime(iso)).to.equal(date.toLocaleString());
    expect(formatTime(iso, true)).to.equal(
      date.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }),
    );
    expect(formatTime('nonsense')).to.equal('—');
    expect(formatTime(null)).to.equal('—');
  });
});
