import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  chatCompletionsUrl,
  createLlmProvider,
  createNlpService,
  llmOptionsFromEnv,
  SYSTEM_PROMPT,
  type LlmOptions,
} from '../src/nlp/index.js';

/** A fake OpenAI-compatible endpoint on 127.0.0.1 whose next answer each test chooses. */
interface Seen {
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: { model: string; temperature: number; messages: { role: string; content: string }[] };
}

type Mode =
  | { kind: 'answer'; content: string; tokens?: number }
  | { kind: 'status'; status: number }
  | { kind: 'raw'; body: string }
  | { kind: 'hang' };

let server: Server;
let baseUrl: string;
let mode: Mode;
const seen: Seen[] = [];

const answer = (command: string, explanation = 'Does it.', tokens = 42): Mode => ({
  kind: 'answer',
  content: JSON.stringify({ command, explanation }),
  tokens,
});

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

before(async () => {
  server = createServer(async (req, res) => {
    const body = await readBody(req);
    seen.push({ path: req.url ?? '', authorization: req.headers.authorization, body: JSON.parse(body) });
    if (mode.kind === 'hang') return; // never answers: the client must give up on its own
    if (mode.kind === 'status') {
      res.writeHead(mode.status, { 'content-type': 'application/json' }).end('{"error":{"message":"boom"}}');
      return;
    }
    const payload =
      mode.kind === 'raw'
        ? mode.body
        : JSON.stringify({
            id: 'cmpl-1',
            choices: [{ index: 0, message: { role: 'assistant', content: mode.content } }],
            usage: { prompt_tokens: 30, completion_tokens: 12, total_tokens: mode.tokens ?? 42 },
          });
    res.writeHead(200, { 'content-type': 'application/json' }).end(payload);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen.length = 0;
  mode = answer('kubectl get pods -n prod', 'Lists pods in prod.');
});

const options = (extra: Partial<LlmOptions> = {}): LlmOptions => ({
  url: baseUrl,
  model: 'test-model',
  apiKey: 'sk-test',
  timeoutMs: 2000,
  ...extra,
});

describe('llm provider: configuration', () => {
  it('is off without a URL and reads the rest from the environment', () => {
    assert.equal(llmOptionsFromEnv({}), undefined);
    assert.equal(llmOptionsFromEnv({ KUBECHAT_LLM_URL: '  ' }), undefined);
    assert.deepEqual(
      llmOptionsFromEnv({
        KUBECHAT_LLM_URL: 'http://llm:8000/v1',
        KUBECHAT_LLM_MODEL: 'qwen',
        KUBECHAT_LLM_API_KEY: 'k',
      }),
      { url: 'http://llm:8000/v1', model: 'qwen', apiKey: 'k', timeoutMs: 15_000 },
    );
  });

  it('accepts a base URL or the full endpoint', () => {
    assert.equal(chatCompletionsUrl('http://x/v1'), 'http://x/v1/chat/completions');
    assert.equal(chatCompletionsUrl('http://x/v1/'), 'http://x/v1/chat/completions');
    assert.equal(chatCompletionsUrl('http://x/v1/chat/completions'), 'http://x/v1/chat/completions');
  });
});

describe('llm provider: requests and answers', () => {
  it('asks for one command as JSON, sending the query as data', async () => {
    const outcome = await createLlmProvider(options()).translate('show me what is up in prod', {
      namespace: 'team-a',
      context: { resource: 'pods' },
    });
    assert.equal(seen.length, 1);
    const request = seen[0]!;
    assert.equal(request.path, '/v1/chat/completions');
    assert.equal(request.authorization, 'Bearer sk-test');
    assert.equal(request.body.model, 'test-model');
    assert.equal(request.body.temperature, 0);
    assert.equal(request.body.messages[0]!.role, 'system');
    assert.equal(request.body.messages[0]!.content, SYSTEM_PROMPT);
    assert.deepEqual(JSON.parse(request.body.messages[1]!.content), {
      request: 'show me what is up in prod',
      default_namespace: 'team-a',
      conversation: { resource: 'pods' },
    });
    assert.ok(outcome.ok);
    assert.equal(outcome.command, 'kubectl get pods -n prod');
    assert.equal(outcome.explanation, 'Lists pods in prod.');
    assert.equal(outcome.classification.level, 'safe');
    assert.equal(outcome.tokensUsed, 42);
  });

  it('sends no Authorization header without a key', async () => {
    await createLlmProvider(options({ apiKey: null })).translate('x');
    assert.equal(seen[0]!.authorization, undefined);
  });

  it('reads JSON wrapped in a code fence', async () => {
    mode = {
      kind: 'answer',
      content: '```json\n{"command":"kubectl get nodes","explanation":"Nodes."}\n```',
    };
    const outcome = await createLlmProvider(options()).translate('nodes?');
    assert.ok(outcome.ok);
    assert.equal(outcome.command, 'kubectl get nodes');
  });

  it('refuses a hostile answer: kubectl get pods; rm -rf /', async () => {
    mode = answer('kubectl get pods; rm -rf /', 'Lists pods.');
    const outcome = await createLlmProvider(options()).translate('list pods');
    assert.equal(outcome.ok, false);
    assert.ok(!outcome.ok && outcome.reason === 'refused');
    assert.ok(!outcome.ok && outcome.clarification);
    assert.ok(!('command' in outcome));
  });

  it('refuses anything that is not kubectl, or hides characters', async () => {
    for (const command of ['rm -rf /', 'kubectl get pods -n pro\u202ed', 'kubectl g\u0435t pods']) {
      mode = answer(command);
      const outcome = await createLlmProvider(options()).translate('x');
      assert.equal(outcome.ok, false, command);
    }
  });

  it('never takes the level from the model: a "safe" deletion is still dangerous', async () => {
    mode = {
      kind: 'answer',
      content: JSON.stringify({
        command: 'kubectl delete namespace prod',
        explanation: 'Harmless read.',
        safety_level: 'safe',
      }),
    };
    const outcome = await createLlmProvider(options()).translate('clean up');
    assert.ok(outcome.ok);
    assert.equal(outcome.classification.level, 'dangerous');
    assert.equal(outcome.classification.requires_approval, true);
  });

  it('turns "no command" into the model question, cleaned of control characters', async () => {
    mode = answer('', 'Which\u202e namespace\n do you mean?');
    const outcome = await createLlmProvider(options()).translate('restart stuff');
    assert.ok(!outcome.ok);
    assert.equal(outcome.reason, 'no-command');
    assert.equal(outcome.clarification, 'Which namespace do you mean?');
  });

  it('reports malformed answers and HTTP errors', async () => {
    mode = { kind: 'answer', content: 'Sure! Run kubectl get pods.' };
    let outcome = await createLlmProvider(options()).translate('x');
    assert.ok(!outcome.ok && outcome.reason === 'malformed');
    mode = { kind: 'raw', body: '<html>' };
    outcome = await createLlmProvider(options()).translate('x');
    assert.ok(!outcome.ok && outcome.reason === 'malformed');
    mode = { kind: 'status', status: 500 };
    outcome = await createLlmProvider(options()).translate('x');
    assert.ok(!outcome.ok && outcome.reason === 'http');
  });

  it('gives up after timeoutMs', async () => {
    mode = { kind: 'hang' };
    const started = Date.now();
    const outcome = await createLlmProvider(options({ timeoutMs: 150 })).translate('x');
    assert.ok(!outcome.ok);
    assert.equal(outcome.reason, 'timeout');
    assert.ok(Date.now() - started < 2000);
  });

  it('reports an unreachable endpoint', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const outcome = await createLlmProvider(options({ url: `http://127.0.0.1:${port}` })).translate('x');
    assert.ok(!outcome.ok && outcome.reason === 'network');
  });
});

describe('nlp service with a model', () => {
  const fixed = new Date('2025-01-02T03:04:05.000Z');
  const service = () => createNlpService({ llm: options({ timeoutMs: 300 }), now: () => fixed });

  it('lists the model as a provider', () => {
    assert.deepEqual(
      service()
        .providers()
        .map((p) => p.name),
      ['local', 'openai'],
    );
  });

  it('does not call the model when the rules produce a command or ask a deliberate question', async () => {
    const nlp = service();
    const listed = await nlp.process({ query: 'list pods in prod' });
    assert.equal(listed.provider, 'local');
    assert.equal(listed.generated_command, 'kubectl get pods -n prod');
    const question = await nlp.process({ query: 'scale the api' });
    assert.equal(question.provider, 'local');
    assert.match(question.clarification ?? '', /How many replicas/);
    assert.equal(seen.length, 0);
  });

  it('asks the model what the rules do not understand, and classifies its answer itself', async () => {
    mode = answer('kubectl delete namespace prod', 'Removes it.', 77);
    const nlp = service();
    const result = await nlp.process({ query: 'make the prod environment go away for good' });
    assert.equal(seen.length, 1);
    assert.equal(result.provider, 'openai');
    assert.equal(result.generated_command, 'kubectl delete namespace prod');
    assert.equal(result.safety_level, 'dangerous');
    assert.equal(result.requires_approval, true);
    assert.equal(result.tokens_used, 77);
    assert.equal(result.context.namespace, undefined);
    assert.equal(result.context.resource, 'namespaces');
    assert.equal(nlp.metrics().tokens_used, 77);
    assert.equal(nlp.metrics().by_provider.openai!.success_count, 1);
  });

  it('never passes on a hostile model answer', async () => {
    mode = answer('kubectl get pods; rm -rf /');
    const result = await service().process({ query: 'do the thing with the stuff' });
    assert.equal(result.generated_command, '');
    assert.equal(result.requires_approval, false);
    assert.ok(result.clarification);
  });

  it('falls back to the rules when the model times out, and counts the failure', async () => {
    mode = { kind: 'hang' };
    const nlp = service();
    const result = await nlp.process({ query: 'do the thing with the stuff' });
    assert.equal(result.provider, 'local');
    assert.equal(result.generated_command, '');
    assert.ok(result.clarification);
    assert.match(result.error ?? '', /language model failed/);
    const metrics = nlp.metrics();
    assert.equal(metrics.by_provider.openai!.error_count, 1);
    assert.equal(metrics.request_count, 1);
    assert.equal(metrics.success_count, 1);
    assert.equal(metrics.clarification_count, 1);
  });

  it('reports the model unavailable after repeated failures', async () => {
    mode = { kind: 'status', status: 503 };
    const nlp = service();
    for (let i = 0; i < 3; i++) await nlp.process({ query: 'do the thing with the stuff' });
    assert.equal(nlp.providers().find((p) => p.name === 'openai')?.available, false);
    mode = answer('kubectl get pods');
    await nlp.process({ query: 'do the thing with the stuff' });
    assert.equal(nlp.providers().find((p) => p.name === 'openai')?.available, true);
  });

  it('keeps the model out when the caller asks for local rules', async () => {
    const result = await service().process({ query: 'do the thing with the stuff', provider: 'local' });
    assert.equal(result.provider, 'local');
    assert.equal(seen.length, 0);
  });
});
