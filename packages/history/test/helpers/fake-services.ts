/**
 * Fake core services for the history tests and stories: an in-memory executions API (filter, sort, page,
 * stats, detail), a hub whose topics the test publishes to, a user store, and an export body builder. No
 * network. Provide them through context with `mountWithServices`.
 */
import { ContextProvider } from '@lit/context';
import { render, type TemplateResult } from 'lit';
import { atom } from 'nanostores';
import {
  DEFAULT_PREFERENCES,
  type PreferencesState,
  KubeChatApi,
  KubeChatError,
  servicesContext,
  type ErrorKind,
  type Execution,
  type ExecutionDetail,
  type ExecutionList,
  type ExportOptions,
  type ExportQuery,
  type ExecutionStats,
  type HubEvent,
  type KubeChatServices,
  type ListExecutionsQuery,
  type TopicListener,
  type User,
} from '@k8s-chat/core';
import { comparator, matcher } from '../../src/k8s-command-history/filters.js';

const USERS = ['alice', 'bob', 'carol'];
const NAMESPACES = ['prod', 'staging', 'default', 'monitoring'];
const STATUSES = [
  'completed',
  'completed',
  'completed',
  'failed',
  'executing',
  'pending_approval',
  'rejected',
] as const;
const SAFETY = ['safe', 'safe', 'warning', 'dangerous'] as const;
const VERBS = [
  'get pods',
  'describe deployment api',
  'logs deploy/web',
  'scale deployment/api --replicas=3',
  'delete pod web-7c9f',
  'rollout restart deployment/api',
];

export const NOW = Date.parse('2026-11-28T12:00:00.000Z');

export function execution(id: string, patch: Partial<Execution> = {}): Execution {
  return {
    id,
    user_id: 'u-alice',
    username: 'alice',
    session_id: 's1',
    message_id: null,
    command: 'kubectl get pods -n prod',
    argv: ['kubectl', 'get', 'pods', '-n', 'prod'],
    command_digest: 'd',
    namespace: 'prod',
    resources: ['pods'],
    safety_level: 'safe',
    reasons: [],
    warnings: [],
    status: 'completed',
    dry_run: false,
    executor: 'sandbox',
    target: { cluster: 'c', context: 'c' },
    approval_id: null,
    rollback_of: null,
    exit_code: 0,
    error_message: null,
    created_at: new Date(NOW - 60_000).toISOString(),
    updated_at: new Date(NOW - 59_000).toISOString(),
    approved_at: null,
    executed_at: new Date(NOW - 60_000).toISOString(),
    completed_at: new Date(NOW - 59_000).toISOString(),
    execution_time_ms: 420,
    rollback_available: false,
    ...patch,
  };
}

/** `count` deterministic executions, newest first, one a minute back from `now`. */
export function makeExecutions(count: number, now = Date.now()): Execution[] {
  return Array.from({ length: count }, (_, i) => {
    const username = USERS[i % USERS.length]!;
    const namespace = NAMESPACES[(i >> 1) % NAMESPACES.length]!;
    const status = STATUSES[i % STATUSES.length]!;
    const safety = SAFETY[(i >> 2) % SAFETY.length]!;
    const created = new Date(now - i * 60_000).toISOString();
    const needsApproval = safety !== 'safe';
    return execution(`e${String(i + 1).padStart(6, '0')}`, {
      user_id: `u-${username}`,
      username,
      namespace,
      status,
      safety_level: safety,
      session_id: `s${(i % 5) + 1}`,
      command: `kubectl ${VERBS[i % VERBS.length]} -n ${namespace}`,
      resources: [VERBS[i % VERBS.length]!.split(' ')[1]!.split('/')[0]!],
      created_at: created,
      updated_at: created,
      approval_id: needsApproval ? `a${i + 1}` : null,
      approved_at: needsApproval && status !== 'pending_approval' && status !== 'rejected' ? created : null,
      executed_at: status === 'pending_approval' || status === 'rejected' ? null : created,
      completed_at: status === 'completed' || status === 'failed' ? created : null,
      execution_time_ms: status === 'completed' || status === 'failed' ? 200 + ((i * 137) % 5000) : null,
      exit_code: status === 'completed' ? 0 : status === 'failed' ? 1 : null,
      output: `NAME READY STATUS\nweb-${i} 1/1 Running`,
    });
  });
}

export interface FakeOptions {
  readonly executions?: readonly Execution[];
  readonly user?: User | null;
  /** Makes list calls fail with this error kind. */
  readonly fail?: ErrorKind | null;
  /** List calls never answer (loading state). */
  readonly hang?: boolean;
}

export interface FakeWorld {
  readonly services: KubeChatServices;
  readonly listCalls: ListExecutionsQuery[];
  readonly statsCalls: Record<string, unknown>[];
  readonly detailCalls: string[];
  /** The executions the fake server holds (mutable). */
  data: Execution[];
  fail: ErrorKind | null;
  hang: boolean;
  /** Holds list answers until `release()` is called. */
  gate: Promise<void> | null;
  release(): void;
  hold(): void;
  readonly $user: ReturnType<typeof atom<User | null>>;
  /** The signed-in person's stored preferences, as core's preferences store holds them. */
  readonly $preferences: ReturnType<typeof atom<PreferencesState>>;
  /** Publishes an `execution` event on a topic, like the server does. */
  publish(topic: string, execution: Execution): void;
  topics(): string[];
  /** Acknowledges the subscriptions of a topic, as the server's `subscribed` status does. */
  confirm(topic: string): void;
  /** The rows the server would export for a query, and its body in a format. */
  exportBody(query: Record<string, string>): { body: string; total: number };
  /** Export requests as they reached the fake server (through core's real API client). */
  readonly exportUrls: URL[];
  /** Holds export bodies after their first chunk until the request is aborted. */
  exportHold: boolean;
  /** Makes exports answer with this status and error body. */
  exportFailure: { status: number; body: string } | null;
  /** Approvals the detail route embeds, by execution id. */
  readonly approvals: Map<string, ExecutionDetail['approval']>;
}

function serverFilter(data: readonly Execution[], query: ListExecutionsQuery): Execution[] {
  const predicate = matcher({
    status: (query.status ?? '') as Execution['status'] | '',
    safetyLevel: (query.safety_level ?? '') as Execution['safety_level'] | '',
    sessionId: query.session_id ?? '',
    user: query.username ?? '',
    namespace: query.namespace ?? '',
    since: query.since ?? '',
    from: query.from ?? '',
    to: query.to ?? '',
    q: query.q ?? '',
    sort: query.sort ?? '-created_at',
  });
  return data.filter(predicate).sort(comparator(query.sort ?? '-created_at'));
}

const COLUMNS = ['id', 'created_at', 'username', 'command', 'namespace', 'safety_level', 'status'] as const;

export function fakeServices(options: FakeOptions = {}): FakeWorld {
  const listeners = new Map<string, Set<TopicListener>>();
  const $user = atom<User | null>(
    options.user === undefined ? ({ id: 'u-alice', username: 'alice', role: 'user' } as User) : options.user,
  );
  let seq = 0;
  let releaseGate: (() => void) | null = null;
  const world: FakeWorld = {
    services: undefined as unknown as KubeChatServices,
    listCalls: [],
    statsCalls: [],
    detailCalls: [],
    data: [...(options.executions ?? [])],
    exportUrls: [],
    exportFailure: null,
    exportHold: false,
    approvals: new Map(),
    fail: options.fail ?? null,
    hang: options.hang ?? false,
    gate: null,
    hold() {
      world.gate = new Promise((resolve) => (releaseGate = resolve));
    },
    release() {
      world.gate = null;
      releaseGate?.();
    },
    $user,
    $preferences: atom<PreferencesState>({
      value: { ...DEFAULT_PREFERENCES, updated_at: null },
      loaded: false,
      error: null,
    }),
    publish(topic, payload) {
      const event = {
        id: `ev${++seq}`,
        type: 'execution',
        payload,
        timestamp: new Date().toISOString(),
        topic,
        seq,
      } as HubEvent;
      for (const listener of listeners.get(topic) ?? []) listener.onEvent?.(event);
    },
    confirm(topic) {
      for (const listener of listeners.get(topic) ?? []) listener.onSubscribed?.();
    },
    topics: () => [...listeners.entries()].filter(([, set]) => set.size > 0).map(([topic]) => topic),
    exportBody(query) {
      const rows = serverFilter(world.data, query as ListExecutionsQuery);
      const format = query.format ?? 'csv';
      let body: string;
      if (format === 'csv') {
        body =
          COLUMNS.join(',') +
          '\r\n' +
          rows.map((r) => COLUMNS.map((c) => JSON.stringify(r[c] ?? '')).join(',') + '\r\n').join('');
      } else if (format === 'ndjson') body = rows.map((r) => JSON.stringify(r) + '\n').join('');
      else
        body =
          '[' +
          rows.map((r, i) => `${i ? ',' : ''}\n${JSON.stringify(r)}`).join('') +
          (rows.length ? '\n]\n' : ']\n');
      return { body, total: rows.length };
    },
  };

  const exporter = new KubeChatApi({
    baseUrl: 'https://kubechat.test',
    tokens: null,
    retries: 0,
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      world.exportUrls.push(url);
      if (world.exportFailure) {
        return new Response(world.exportFailure.body, {
          status: world.exportFailure.status,
          headers: { 'content-type': 'application/json' },
        });
      }
      const { body, total } = world.exportBody(Object.fromEntries(url.searchParams));
      const bytes = new TextEncoder().encode(body);
      let offset = 0;
      const signal = input instanceof Request ? input.signal : init?.signal;
      // Small chunks, so the progress indicator has something to show.
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (signal?.aborted) return controller.error(signal.reason);
          if (world.exportHold && offset > 0) {
            return new Promise<void>((_resolve, reject) =>
              signal?.addEventListener('abort', () => reject(signal.reason), { once: true }),
            );
          }
          if (offset >= bytes.length) return controller.close();
          controller.enqueue(bytes.slice(offset, offset + 512));
          offset += 512;
        },
      });
      return new Response(stream, {
        headers: {
          'content-type': 'text/plain',
          'x-total-count': String(total),
          'content-disposition': `attachment; filename="kubechat-executions.${url.searchParams.get('format')}"`,
        },
      });
    },
  });
  const api = {
    async listExecutions(
      query: ListExecutionsQuery = {},
      o?: { signal?: AbortSignal },
    ): Promise<ExecutionList> {
      world.listCalls.push(query);
      if (world.hang) return new Promise(() => {});
      if (world.gate) await world.gate;
      if (o?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
      if (world.fail) {
        throw new KubeChatError({
          kind: world.fail,
          status: world.fail === 'forbidden' ? 403 : world.fail === 'server' ? 500 : null,
          requestId: 'req-fake-list',
        });
      }
      const rows = serverFilter(world.data, query);
      const offset = query.offset ?? 0;
      const limit = query.limit ?? 50;
      const page = rows.slice(offset, offset + limit);
      return { executions: page, pagination: { total: rows.length, limit, offset, count: page.length } };
    },
    async stats(query: Record<string, unknown> = {}): Promise<ExecutionStats> {
      world.statsCalls.push(query);
      if (world.fail) throw new KubeChatError({ kind: world.fail });
      const rows = world.data;
      const done = rows.filter((r) => r.status === 'completed').length;
      const failed = rows.filter((r) => r.status === 'failed').length;
      const timed = rows.filter((r) => r.execution_time_ms !== null);
      const counts = new Map<string, number>();
      for (const r of rows) for (const res of r.resources) counts.set(res, (counts.get(res) ?? 0) + 1);
      const top = [...counts.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([resource, count]) => ({ resource, count }));
      const end = NOW;
      const series = Array.from({ length: 12 }, (_, i) => ({
        start: new Date(end - (12 - i) * 3_600_000).toISOString(),
        end: new Date(end - (11 - i) * 3_600_000).toISOString(),
        total: ((i * 7) % 11) + 1,
        failed: i % 3,
      }));
      return {
        user_id: null,
        total_executions: rows.length,
        successful_ones: done,
        failed_ones: failed,
        pending_ones: rows.length - done - failed,
        success_rate: rows.length ? done / rows.length : 0,
        average_time_ms: timed.length
          ? timed.reduce((a, r) => a + r.execution_time_ms!, 0) / timed.length
          : 0,
        most_used_resource: top[0]?.resource ?? '',
        top_resources: top,
        by_status: {},
        by_safety_level: {},
        series,
        from: new Date(end - 12 * 3_600_000).toISOString(),
        to: new Date(end).toISOString(),
      };
    },
    async getExecution(id: string): Promise<ExecutionDetail> {
      world.detailCalls.push(id);
      const found = world.data.find((r) => r.id === id);
      if (!found) throw new KubeChatError({ kind: 'not-found', status: 404, requestId: 'req-fake-detail' });
      return { ...found, approval: world.approvals.get(id) ?? null };
    },
    // Core's real client over a fake network, so the element's export runs core's streaming and progress.
    exportExecutions: (query: ExportQuery, o?: ExportOptions) => exporter.exportExecutions(query, o),
  };
  const hub = {
    $connection: atom('open'),
    subscribe(topic: string, listener: TopicListener) {
      let set = listeners.get(topic);
      if (!set) listeners.set(topic, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    on: () => () => {},
    sendTyping() {},
    reconnect() {},
    dispose() {},
  };
  const auth = {
    mode: 'host',
    $state: atom({ status: 'signed-in', user: null, reason: null }),
    getAccessToken: async () => 'tok',
    onTokenChange: () => () => {},
    onAuthRequired: () => () => {},
    signOut: async () => {},
    resume() {},
    dispose() {},
  };
  (world as { services: KubeChatServices }).services = {
    baseUrl: 'https://kubechat.test',
    auth,
    api,
    hub,
    stores: { $user, $preferences: world.$preferences },
    dispose() {},
  } as unknown as KubeChatServices;
  return world;
}

/** Renders `template` inside a plain element that provides `services` through context. */
export function withServices(services: KubeChatServices, template: TemplateResult, style = ''): HTMLElement {
  const host = document.createElement('div');
  host.setAttribute('style', style);
  new ContextProvider(host, { context: servicesContext, initialValue: services });
  render(template, host);
  return host;
}
