/**
 * A small in-memory KubeChat REST API for store and element tests: sessions, messages (deduplicated by
 * clientMessageId, published to the fake gateway like the real server does), executions and approvals.
 */
import type { Approval, ChatMessage, Execution } from '../../src/index.js';
import { json, type Handler } from './fake-fetch.js';
import type { FakeGateway } from './fake-gateway.js';

export function fakeBackend(gateway: FakeGateway) {
  const messages = new Map<string, ChatMessage[]>();
  const executions = new Map<string, Execution>();
  const approvals: Approval[] = [];
  let offline = false;
  let seq = 0;
  const stamp = () => new Date(Date.UTC(2026, 0, 1, 0, 0, ++seq)).toISOString();

  const handler: Handler = (req) => {
    if (offline) throw new TypeError('Failed to fetch');
    const path = req.url.pathname.replace('/api/v1/', '');
    let m: RegExpMatchArray | null;
    if (path === 'auth/me') return json(200, { data: { id: 'u1', username: 'alice', role: 'user' } });
    if (path === 'chat/sessions' && req.method === 'GET') return json(200, { success: true, data: [] });
    if ((m = path.match(/^chat\/sessions\/([^/]+)\/messages$/))) {
      const id = m[1]!;
      const list = messages.get(id) ?? [];
      messages.set(id, list);
      if (req.method === 'GET') return json(200, { success: true, data: list, pagination: {} });
      const existing = list.find((x) => x.clientMessageId === req.body.clientMessageId);
      if (existing)
        return json(200, { success: true, data: existing, reply: list[list.indexOf(existing) + 1] });
      const user: ChatMessage = {
        id: `m${list.length + 1}`,
        sessionId: id,
        type: 'user',
        content: req.body.content,
        timestamp: stamp(),
        isEdited: false,
        clientMessageId: req.body.clientMessageId,
      };
      const reply: ChatMessage = {
        ...user,
        id: `m${list.length + 2}`,
        type: 'assistant',
        content: `re: ${user.content}`,
        timestamp: stamp(),
      };
      delete (reply as { clientMessageId?: string }).clientMessageId;
      list.push(user, reply);
      gateway.publish(`session:${id}`, 'message', user);
      gateway.publish(`session:${id}`, 'message', reply);
      return json(201, { success: true, data: user, reply });
    }
    if ((m = path.match(/^commands\/executions\/([^/]+)$/))) {
      const execution = executions.get(m[1]!);
      return execution
        ? json(200, execution)
        : json(404, { error: 'The execution was not found.', code: 'NOT_FOUND' });
    }
    if (path === 'commands/executions') {
      return json(200, {
        executions: [...executions.values()],
        pagination: { total: executions.size, limit: 50, offset: 0, count: executions.size },
      });
    }
    if (path === 'commands/approvals/pending') return json(200, approvals);
    return json(404, { error: 'no such route', code: 'ROUTE_NOT_FOUND' });
  };

  return {
    handler,
    messages,
    executions,
    approvals,
    setOffline(value: boolean) {
      offline = value;
    },
  };
}

export function execution(id: string, patch: Partial<Execution> = {}): Execution {
  return {
    id,
    user_id: 'u1',
    username: 'alice',
    session_id: null,
    message_id: null,
    command: 'kubectl get pods',
    argv: ['kubectl', 'get', 'pods'],
    command_digest: 'd',
    namespace: 'default',
    resources: ['pods'],
    safety_level: 'safe',
    reasons: [],
    warnings: [],
    status: 'executing',
    dry_run: false,
    executor: 'sandbox',
    target: { cluster: 'c', context: 'c' },
    approval_id: null,
    rollback_of: null,
    exit_code: null,
    output: '',
    error_message: null,
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
    approved_at: null,
    executed_at: null,
    completed_at: null,
    execution_time_ms: null,
    rollback_available: false,
    ...patch,
  };
}
