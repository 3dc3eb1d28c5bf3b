/**
 * Fake services for <k8s-chat> tests and stories: core's real stores, API client and hub over an in-memory
 * KubeChat API (sessions, paged messages deduplicated by clientMessageId, validation) and core's fake
 * WebSocket gateway. No network.
 */
import { ContextProvider } from '@lit/context';
import { LitElement, css, html } from 'lit';
import {
  createServices,
  defineElement,
  servicesContext,
  type ChatMessage,
  type ChatSession,
  type CommandProposal,
  type KubeChatServices,
  type Preferences,
  type SafetyLevel,
} from '@k8s-chat/core';
import { BASE, fakeFetch, json } from '../../../core/test/helpers/fake-fetch.js';
import { FakeGateway } from '../../../core/test/helpers/fake-gateway.js';

export { BASE };

let clock = Date.UTC(2026, 10, 28, 9, 0, 0);
const stamp = () => new Date((clock += 1000)).toISOString();

export function session(id: string, patch: Partial<ChatSession> = {}): ChatSession {
  return {
    id,
    title: `Session ${id}`,
    userId: 'u1',
    ownerUsername: 'alice',
    clusterId: 'dev',
    createdAt: '2026-11-28T08:00:00.000Z',
    updatedAt: '2026-11-28T08:00:00.000Z',
    messageCount: 0,
    isActive: true,
    sessionType: 'general',
    access: 'owner',
    participants: [],
    ...patch,
  };
}

export function message(sessionId: string, id: string, patch: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id,
    sessionId,
    type: 'user',
    content: `message ${id}`,
    timestamp: stamp(),
    isEdited: false,
    ...patch,
  };
}

export function proposal(level: SafetyLevel, command: string): CommandProposal {
  return {
    generatedCommand: command,
    safetyLevel: level,
    explanation: `Runs ${command}.`,
    warnings: level === 'safe' ? [] : ['This changes the cluster.'],
    reasons: [],
    requiresApproval: level !== 'safe',
    approvalRequired: level !== 'safe',
    confidence: 0.9,
    clarification: null,
    impact: null,
    contextApplied: [],
    target: { cluster: 'dev', context: 'dev', namespace: 'default' },
    provider: 'rules',
  };
}

export interface FakeChatOptions {
  readonly sessions?: ChatSession[];
  readonly messages?: Record<string, ChatMessage[]>;
  /** Names `GET cluster/names` lists, by `kind|namespace` (namespace empty for namespaces). */
  readonly clusterNames?: Record<string, string[]>;
  /** Assistant replies to sent messages; default `re: <content>`. */
  readonly reply?: (content: string) => Partial<ChatMessage> | null;
  /** The signed-in person's stored preferences (`GET /auth/me/preferences`). */
  readonly preferences?: Partial<Preferences>;
}

export function fakeChat(options: FakeChatOptions = {}) {
  const gateway = new FakeGateway();
  const sessions = [...(options.sessions ?? [])];
  const deleted = new Map<string, ChatSession>();
  const messages = new Map<string, ChatMessage[]>(Object.entries(options.messages ?? {}));
  const shares: { sessionId: string; username: string; access: string }[] = [];
  const control = {
    offline: false,
    refuseNext: 0,
    hold: null as Promise<void> | null,
    /** The next clear-context request fails with a 500 carrying this request id. */
    failClearContext: null as string | null,
  };
  let created = 0;

  const net = fakeFetch(async (req) => {
    if (control.hold) await control.hold;
    if (control.offline) throw new TypeError('Failed to fetch');
    const path = req.url.pathname.replace('/api/v1/', '');
    const q = req.url.searchParams;
    let m: RegExpMatchArray | null;
    if (path === 'auth/me') return json(200, { data: { id: 'u1', username: 'alice', role: 'user' } });
    if (path === 'auth/me/preferences') {
      return json(200, {
        data: {
          theme: 'system',
          default_namespace: null,
          compact: false,
          sound: false,
          updated_at: '2026-11-28T08:00:00.000Z',
          ...options.preferences,
        },
      });
    }
    if ((m = path.match(/^chat\/sessions\/([^/]+)\/context$/)) && req.method === 'DELETE') {
      if (control.failClearContext) {
        const requestId = control.failClearContext;
        control.failClearContext = null;
        return json(
          500,
          { error: 'The context could not be cleared.', code: 'INTERNAL' },
          { 'x-request-id': requestId },
        );
      }
      return json(200, { success: true, data: {} });
    }
    if (path === 'nlp/validate') {
      const command = String(req.body.command);
      const refused = /delete\s+(ns|namespace)/.test(command);
      return json(200, {
        data: {
          is_valid: !refused,
          safety_level: refused ? 'dangerous' : /scale|delete|apply/.test(command) ? 'warning' : 'safe',
          warnings: [],
          errors: refused ? ['Deleting a namespace is not allowed from chat.'] : [],
          suggestions: [],
        },
      });
    }
    if (path === 'chat/sessions') {
      if (req.method === 'GET') return json(200, { success: true, data: sessions });
      const s = session(`new${++created}`, { title: req.body?.title ?? 'New conversation' });
      sessions.unshift(s);
      return json(201, { success: true, data: s });
    }
    if ((m = path.match(/^chat\/sessions\/([^/]+)\/restore$/))) {
      const s = deleted.get(m[1]!);
      if (!s) return json(404, { error: 'Not found', code: 'NOT_FOUND' });
      deleted.delete(s.id);
      sessions.unshift(s);
      return json(200, { success: true, data: s });
    }
    if ((m = path.match(/^chat\/sessions\/([^/]+)\/share$/))) {
      shares.push({ sessionId: m[1]!, username: req.body.username, access: req.body.access });
      return json(200, { success: true, data: sessions.find((s) => s.id === m![1]) });
    }
    if ((m = path.match(/^chat\/sessions\/([^/]+)$/))) {
      const index = sessions.findIndex((s) => s.id === m![1]);
      if (index === -1) return json(404, { error: 'Not found', code: 'NOT_FOUND' });
      if (req.method === 'PUT') {
        sessions[index] = { ...sessions[index]!, ...req.body };
        return json(200, { success: true, data: sessions[index] });
      }
      if (req.method === 'DELETE') {
        deleted.set(sessions[index]!.id, sessions[index]!);
        sessions.splice(index, 1);
        return json(200, { success: true, data: null });
      }
      return json(200, { success: true, data: { session: sessions[index], messages: [], context: {} } });
    }
    if ((m = path.match(/^chat\/sessions\/([^/]+)\/messages$/))) {
      const id = m[1]!;
      const list = messages.get(id) ?? [];
      messages.set(id, list);
      if (req.method === 'GET') {
        const limit = Number(q.get('limit') ?? 50);
        const needle = q.get('q')?.toLowerCase();
        if (needle) {
          // Like the server with latest=true: the newest hits, oldest first.
          const found = list.filter((x) => x.content.toLowerCase().includes(needle));
          return json(200, { success: true, data: found.slice(-limit), pagination: {} });
        }
        const before = q.get('before');
        let end = list.length;
        if (before)
          end = Math.max(
            0,
            list.findIndex((x) => x.id === before),
          );
        return json(200, { success: true, data: list.slice(Math.max(0, end - limit), end), pagination: {} });
      }
      if (control.refuseNext > 0) {
        control.refuseNext--;
        return json(
          422,
          { error: 'The message was refused.', code: 'VALIDATION' },
          { 'x-request-id': 'req-42' },
        );
      }
      const existing = list.find((x) => x.clientMessageId === req.body.clientMessageId);
      if (existing)
        return json(200, { success: true, data: existing, reply: list[list.indexOf(existing) + 1] ?? null });
      const user = message(id, `${id}-m${list.length + 1}`, {
        content: req.body.content,
        clientMessageId: req.body.clientMessageId,
        ...(req.body.parentId ? { parentId: req.body.parentId } : {}),
        username: 'alice',
        userId: 'u1',
      });
      const replyPatch = options.reply ? options.reply(user.content) : { content: `re: ${user.content}` };
      const reply = replyPatch
        ? message(id, `${id}-m${list.length + 2}`, { type: 'assistant', parentId: user.id, ...replyPatch })
        : null;
      list.push(user, ...(reply ? [reply] : []));
      gateway.publish(`session:${id}`, 'message', user);
      if (reply) gateway.publish(`session:${id}`, 'message', reply);
      return json(201, { success: true, data: user, reply });
    }
    if (path === 'cluster/names') {
      const namespace = q.get('namespace') ?? (q.get('kind') === 'namespaces' ? '' : 'default');
      if (namespace === 'kube-system')
        return json(403, { error: 'A dangerous read here.', code: 'DANGEROUS_READ' });
      const names = options.clusterNames?.[`${q.get('kind')}|${namespace}`] ?? [];
      return json(200, { data: { kind: q.get('kind'), namespace, names, truncated: false } });
    }
    return json(404, { error: 'no such route', code: 'ROUTE_NOT_FOUND' });
  });

  const services: KubeChatServices = createServices({
    baseUrl: BASE,
    getAccessToken: () => 'tok',
    fetch: net.fetch,
    api: { backoff: { baseMs: 1, maxMs: 2 } },
    hub: { WebSocket: gateway.WebSocket, idleCloseMs: 0 },
  });

  return { gateway, net, services, sessions, messages, shares, control };
}

/** `count` alternating user/assistant messages for a session. */
export function history(sessionId: string, count: number): ChatMessage[] {
  return Array.from({ length: count }, (_, i) =>
    message(sessionId, `${sessionId}-h${i + 1}`, {
      type: i % 2 ? 'assistant' : 'user',
      content: i % 2 ? `Answer number ${i + 1}` : `Question number ${i + 1}`,
    }),
  );
}

/** Provides services to its children through core's context, as `<k8s-chat-provider>` does. */
export class TestServices extends LitElement {
  readonly #provider = new ContextProvider(this, { context: servicesContext });
  // No decorators here: Storybook's Vite compiles this file without the packages' decorator settings.
  static override properties = { services: { attribute: false } };
  declare services: KubeChatServices | undefined;
  override willUpdate(): void {
    this.#provider.setValue(this.services);
  }
  override render() {
    return html`<slot></slot>`;
  }
  static override styles = css`
    :host {
      display: block;
    }
  `;
}
defineElement('k8s-test-chat-services', TestServices);
