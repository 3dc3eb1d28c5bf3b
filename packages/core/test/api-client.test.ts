import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import {
  ERROR_KINDS,
  HostTokenProvider,
  KubeChatApi,
  KubeChatError,
  isKubeChatError,
  resetStrings,
  setStrings,
  unwrap,
  type ErrorKind,
} from '../src/index.js';
import { BASE, fakeFetch, hang, json, text, type Handler } from './helpers/fake-fetch.js';

const FAST = { backoff: { baseMs: 1, maxMs: 2 } };

function client(
  handler: Handler,
  options: { token?: () => string; retries?: number; timeoutMs?: number } = {},
) {
  const net = fakeFetch(handler);
  const source = sinon.spy(options.token ?? (() => 'tok'));
  const tokens = new HostTokenProvider({ getAccessToken: source });
  const api = new KubeChatApi({
    baseUrl: BASE,
    tokens,
    fetch: net.fetch,
    ...FAST,
    ...(options.retries !== undefined ? { retries: options.retries } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
  return { api, net, source, tokens };
}

async function failure(promise: Promise<unknown>): Promise<KubeChatError> {
  try {
    await promise;
  } catch (error) {
    expect(isKubeChatError(error), String(error)).to.equal(true);
    return error as KubeChatError;
  }
  throw new Error('expected the call to fail');
}

describe('KubeChatApi', () => {
  afterEach(() => {
    sinon.restore();
    resetStrings();
  });

  describe('envelopes', () => {
    it('unwraps chat {success,data}, auth/nlp {data}, bare commands objects and executions lists', async () => {
      const session = { id: 's1', title: 'T' };
      const user = { id: 'u1', username: 'alice', role: 'user' };
      const execution = { id: 'e1', status: 'completed' };
      const { api } = client((req) => {
        const path = req.url.pathname;
        if (path.endsWith('/chat/sessions/s1/restore'))
          return json(200, { success: true, data: session, message: 'ok' });
        if (path.endsWith('/auth/me')) return json(200, { data: user });
        if (path.endsWith('/commands/executions/e1')) return json(200, execution);
        if (path.endsWith('/commands/executions'))
          return json(200, { executions: null, pagination: { total: 0, limit: 50, offset: 0, count: 0 } });
        if (path.endsWith('/commands/approvals/pending')) return json(200, null);
        if (path.endsWith('/chat/sessions')) return json(200, [session]);
        if (path.endsWith('/nlp/providers')) return json(200, { data: null, count: 0 });
        return json(404, { error: 'no', code: 'ROUTE_NOT_FOUND' });
      });
      expect(await api.restoreSession('s1')).to.deep.equal(session);
      expect(await api.me()).to.deep.equal(user);
      expect(await api.getExecution('e1')).to.deep.equal(execution);
      const list = await api.listExecutions();
      expect(list.executions, 'upstream null array').to.deep.equal([]);
      expect(list.pagination.total).to.equal(0);
      expect(await api.pendingApprovals(), 'upstream null').to.deep.equal([]);
      expect(await api.listSessions(), 'bare array').to.deep.equal([session]);
      expect(await api.providers(), '{data:null} as array').to.deep.equal([]);
    });

    it('unwrap() keeps bare objects and passes raw bodies through', () => {
      expect(unwrap({ id: 'x', status: 'ok' })).to.deep.equal({ id: 'x', status: 'ok' });
      expect(unwrap({ success: true, message: 'deleted' })).to.equal(null);
      expect(unwrap({ data: [1], reply: 2, success: true }, 'raw')).to.deep.equal({
        data: [1],
        reply: 2,
        success: true,
      });
      expect(unwrap(undefined, 'array')).to.deep.equal([]);
    });

    it('tells a 201 execution from a 202 approval', async () => {
      const { api } = client((_req, i) =>
        i === 0
          ? json(201, { id: 'e1', status: 'executing' })
          : json(202, { id: 'a1', command_execution_id: 'e2', status: 'pending', execution: { id: 'e2' } }),
      );
      expect((await api.execute({ command: 'kubectl get pods' })).kind).to.equal('execution');
      const second = await api.execute({ command: 'kubectl delete pod x' });
      expect(second.kind).to.equal('approval');
    });

    it('builds paths and query strings for typed methods, and downloads exports', async () => {
      const { api, net } = client((req) =>
        req.url.pathname.endsWith('/export')
          ? new Response('a,b\n', {
              headers: { 'content-disposition': 'attachment; filename="x.csv"', 'x-total-count': '1' },
            })
          : json(200, { executions: [], pagination: { total: 0, limit: 5, offset: 0, count: 0 } }),
      );
      await api.listExecutions({ status: 'failed,timeout', limit: 5, q: undefined });
      expect(net.calls[0]!.url.pathname).to.equal('/api/v1/commands/executions');
      expect(net.calls[0]!.url.searchParams.get('status')).to.equal('failed,timeout');
      expect(net.calls[0]!.url.searchParams.has('q')).to.equal(false);
      const exported = await api.exportExecutions({ format: 'csv' });
      expect(exported.filename).to.equal('x.csv');
      expect(exported.total).to.equal(1);
      expect(await exported.blob.text()).to.equal('a,b\n');
      await api.getExecution('a/b').catch(() => undefined);
      expect(net.calls[2]!.url.pathname).to.equal('/api/v1/commands/executions/a%2Fb');
    });

    it('streams an export chunk by chunk, reporting bytes and complete rows as they arrive', async () => {
      const body = 'id,command\r\n1,"get\npods"\r\n2,b\r\n3,c\r\n';
      const bytes = new TextEncoder().encode(body);
      const { api, net } = client(() => {
        let offset = 0;
        // Five-byte chunks split rows (and the quoted newline) across reads.
        const stream = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (offset >= bytes.length) return controller.close();
            controller.enqueue(bytes.slice(offset, (offset += 5)));
          },
        });
        return new Response(stream, { headers: { 'x-total-count': '3' } });
      });
      const seen: { bytes: number; rows: number; total: number | null }[] = [];
      const exported = await api.exportExecutions(
        { format: 'csv', namespace: 'prod' },
        { onProgress: (p) => seen.push({ bytes: p.bytes, rows: p.rows, total: p.total }) },
      );
      expect(net.calls[0]!.url.searchParams.get('namespace')).to.equal('prod');
      expect(seen[0]).to.deep.equal({ bytes: 0, rows: 0, total: 3 });
      expect(seen.length).to.be.greaterThan(5);
      expect(seen.map((p) => p.rows)).to.deep.equal([...seen.map((p) => p.rows)].sort((a, b) => a - b));
      expect(seen.at(-1)).to.deep.equal({ bytes: bytes.length, rows: 3, total: 3 });
      expect(exported.rows).to.equal(3);
      expect(exported.filename).to.equal(null);
      expect(await exported.blob.text()).to.equal(body);
    });
  });

  describe('listNames', () => {
    it('asks for names of a kind in a namespace and unwraps them; a refused read is a typed error', async () => {
      const { api, net } = client((req) =>
        req.url.searchParams.get('namespace') === 'kube-system'
          ? json(403, {
              error: 'Listing pods in kube-system is a dangerous read here.',
              code: 'DANGEROUS_READ',
            })
          : json(200, {
              data: { kind: 'deployments', namespace: 'prod', names: ['api', 'web'], truncated: false },
            }),
      );
      const names = await api.listNames('deploy', 'prod');
      expect(names.names).to.deep.equal(['api', 'web']);
      expect(net.calls[0]!.url.pathname).to.equal('/api/v1/cluster/names');
      expect(net.calls[0]!.url.searchParams.get('kind')).to.equal('deploy');
      expect(net.calls[0]!.url.searchParams.get('namespace')).to.equal('prod');
      await api.listNames('namespaces');
      expect(net.calls[1]!.url.searchParams.has('namespace')).to.equal(false);
      const refused = await failure(api.listNames('pods', 'kube-system'));
      expect(refused.status).to.equal(403);
      expect(refused.code).to.equal('DANGEROUS_READ');
    });
  });

  describe('errors', () => {
    it('turns every error body into one KubeChatError with kind, status, code, fields, request id and retryAfter', async () => {
      const responses: Response[] = [
        json(400, {
          error: 'Check the request: content is required.',
          code: 'VALIDATION_ERROR',
          details: [{ field: 'content', message: 'is required' }],
          request_id: 'req-1',
        }),
        text(404, '404 page not found'),
        new Response('', { status: 500 }),
        json(
          429,
          { error: 'Too many requests.', code: 'RATE_LIMIT_EXCEEDED', retry_after: 7 },
          { 'retry-after': '7' },
        ),
        json(403, { error: 'Nope.', code: 'INSUFFICIENT_PERMISSIONS' }),
        json(409, { error: 'Changed.', code: 'ROLLBACK_ALREADY_STARTED' }),
        json(401, { success: false, error: 'Invalid or expired token' }),
      ];
      const { api } = client((_req, i) => responses[i]!, { retries: 0, token: () => 'tok' });
      const validation = await failure(api.createSession({}));
      expect(validation.kind).to.equal('validation');
      expect(validation.status).to.equal(400);
      expect(validation.code).to.equal('VALIDATION_ERROR');
      expect(validation.fieldErrors).to.deep.equal([{ field: 'content', message: 'is required' }]);
      expect(validation.requestId).to.equal('req-1');
      expect(validation.message).to.equal('Check the request: content is required.');

      const plain = await failure(api.createSession({}));
      expect(plain.kind).to.equal('not-found');
      expect(plain.serverMessage, 'plain text is not shown').to.equal(null);
      expect(plain.message).to.equal(plain.hint);

      const empty = await failure(api.createSession({}));
      expect(empty.kind).to.equal('server');
      expect(empty.code).to.equal(null);

      const limited = await failure(api.createSession({}, { retries: 0 }));
      expect(limited.kind).to.equal('rate-limited');
      expect(limited.retryAfter).to.equal(7);
      expect(limited.hint).to.contain('7');

      expect((await failure(api.createSession({}))).kind).to.equal('forbidden');
      expect((await failure(api.createSession({}))).kind).to.equal('conflict');
    });

    it('has a localized hint for every kind that setStrings() replaces', () => {
      for (const kind of ERROR_KINDS) {
        expect(new KubeChatError({ kind: kind as ErrorKind }).hint.length, kind).to.be.above(10);
      }
      setStrings({ 'error.network': 'Keine Verbindung.' });
      expect(new KubeChatError({ kind: 'network' }).message).to.equal('Keine Verbindung.');
    });
  });

  describe('retries', () => {
    it('retries idempotent reads on 503 and network failures with backoff', async () => {
      const { api, net } = client((_req, i) => {
        if (i === 0) return json(503, { error: 'down', code: 'UNAVAILABLE' });
        if (i === 1) throw new TypeError('Failed to fetch');
        return json(200, { data: { id: 'u1' } });
      });
      expect(await api.me()).to.deep.equal({ id: 'u1' });
      expect(net.calls).to.have.length(3);
    });

    it('does not retry a POST the server does not deduplicate', async () => {
      const { api, net } = client(() => {
        throw new TypeError('Failed to fetch');
      });
      const error = await failure(api.createSession({ title: 'x' }));
      expect(error.kind).to.equal('network');
      expect(net.calls).to.have.length(1);
    });

    it('retries a deduplicated POST with the same Idempotency-Key', async () => {
      const { api, net } = client((_req, i) => {
        if (i === 0) throw new TypeError('Failed to fetch');
        return json(201, { id: 'e1', status: 'executing' });
      });
      await api.execute({ command: 'kubectl get pods' });
      expect(net.calls).to.have.length(2);
      const keys = net.calls.map((c) => c.headers.get('idempotency-key'));
      expect(keys[0]).to.be.a('string').with.length.greaterThan(8);
      expect(keys[1]).to.equal(keys[0]);
    });

    it('sends a message with its clientMessageId as body field and Idempotency-Key', async () => {
      const { api, net } = client(() =>
        json(201, { success: true, data: { id: 'm1', clientMessageId: 'client-123' }, reply: { id: 'm2' } }),
      );
      const result = await api.sendMessage('s1', { content: 'list pods', clientMessageId: 'client-123' });
      expect(result.message.id).to.equal('m1');
      expect(result.reply?.id).to.equal('m2');
      expect(net.calls[0]!.body.clientMessageId).to.equal('client-123');
      expect(net.calls[0]!.headers.get('idempotency-key')).to.equal('client-123');
    });

    it('honours Retry-After on 429, and fails at once when the wait is too long', async () => {
      const at: number[] = [];
      const { api, net } = client((_req, i) => {
        at.push(performance.now());
        return i === 0
          ? json(429, { error: 'slow down', code: 'RATE_LIMIT_EXCEEDED' }, { 'retry-after': '1' })
          : json(201, { success: true, data: { id: 's' } });
      });
      expect(await api.createSession({}), 'a refused POST may be repeated').to.deep.equal({ id: 's' });
      expect(net.calls).to.have.length(2);
      expect(at[1]! - at[0]!, 'waited for Retry-After').to.be.at.least(990);

      const slow = client(() =>
        json(429, { error: 'later', code: 'RATE_LIMIT_EXCEEDED' }, { 'retry-after': '3600' }),
      );
      const error = await failure(slow.api.me());
      expect(error.retryAfter).to.equal(3600);
      expect(slow.net.calls).to.have.length(1);
    });

    it('times out each attempt and reports kind timeout', async () => {
      const { api, net } = client(hang, { retries: 1, timeoutMs: 30 });
      const error = await failure(api.me());
      expect(error.kind).to.equal('timeout');
      expect(net.calls).to.have.length(2);
    });

    it('stops at once when the caller aborts, without retrying', async () => {
      const { api, net } = client(hang);
      const controller = new AbortController();
      const pending = api.me({ signal: controller.signal });
      setTimeout(() => controller.abort(new DOMException('gone', 'AbortError')), 10);
      let caught: unknown;
      try {
        await pending;
      } catch (error) {
        caught = error;
      }
      expect((caught as DOMException).name).to.equal('AbortError');
      expect(net.calls).to.have.length(1);
    });

    it('an abort also ends the wait for a token the host has not handed out yet', async () => {
      const net = fakeFetch(() => json(200, { data: {} }));
      const api = new KubeChatApi({ baseUrl: BASE, tokens: new HostTokenProvider(), fetch: net.fetch });
      const controller = new AbortController();
      const pending = api.me({ signal: controller.signal });
      controller.abort(new DOMException('gone', 'AbortError'));
      const caught = await pending.catch((error: unknown) => error);
      expect((caught as DOMException).name).to.equal('AbortError');
      expect(net.calls).to.have.length(0);
    });
  });

  describe('401 handling', () => {
    it('T1: 5 requests rejected for an expired token cause exactly one refresh, one replay each, same Idempotency-Key', async () => {
      let current = 'expired';
      const source = sinon.spy(({ forceRefresh }: { forceRefresh: boolean }) => {
        if (forceRefresh) current = 'fresh';
        return current;
      });
      const net = fakeFetch(async (req) => {
        await new Promise((r) => setTimeout(r, 5)); // all five are in flight together
        if (req.headers.get('authorization') !== 'Bearer fresh')
          return json(401, { error: 'expired', code: 'TOKEN_EXPIRED' });
        return req.method === 'POST'
          ? json(201, { id: 'e1', status: 'executing' })
          : json(200, { data: { id: 'u1' } });
      });
      const api = new KubeChatApi({
        baseUrl: BASE,
        tokens: new HostTokenProvider({ getAccessToken: source }),
        fetch: net.fetch,
      });
      const results = await Promise.all([
        api.me(),
        api.me(),
        api.me(),
        api.me(),
        api.execute({ command: 'kubectl get pods' }),
      ]);
      expect(results).to.have.length(5);
      expect(
        source.getCalls().filter((c) => c.args[0].forceRefresh),
        'one refresh',
      ).to.have.length(1);
      expect(source.callCount, 'first token + one refresh').to.equal(2);
      expect(net.calls, 'each request replayed once').to.have.length(10);
      const posts = net.to('/commands/execute', 'POST');
      expect(posts).to.have.length(2);
      expect(posts[1]!.headers.get('idempotency-key')).to.equal(posts[0]!.headers.get('idempotency-key'));
    });

    it('replays at most once: a second 401 becomes an auth error', async () => {
      const { api, net, source } = client(() => json(401, { error: 'no', code: 'INVALID_TOKEN' }));
      const error = await failure(api.me());
      expect(error.kind).to.equal('auth');
      expect(net.calls).to.have.length(2);
      expect(source.callCount).to.equal(2);
    });
  });
});
