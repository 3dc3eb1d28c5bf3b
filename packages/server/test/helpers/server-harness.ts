import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type ServerConfig } from '../../src/config.js';
import { buildApp } from '../../src/server.js';
import type { AppServices } from '../../src/services.js';

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

export const DEMO_PASSWORD = 'test-password-123';

export interface Harness {
  readonly app: FastifyInstance;
  readonly services: AppServices;
  readonly config: ServerConfig;
  readonly dataDir: string;
  /** A real HTTP/WebSocket URL, when started with `listen: true`. */
  readonly url: string | null;
  call(method: string, url: string, options?: CallOptions): Promise<CallResult>;
  login(username: string, password?: string): Promise<Session>;
  close(options?: { keepData?: boolean }): Promise<void>;
  /** Responses checked against the OpenAPI document so far. */
  readonly checkedResponses: number;
}

export interface CallOptions {
  token?: string | undefined;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  cookie?: string;
}

export interface CallResult {
  status: number;
  body: any;
  headers: Record<string, string | string[] | number | undefined>;
  text: string;
}

export interface Session {
  token: string;
  cookie: string;
  user: { id: string; username: string; role: string };
  call(method: string, url: string, options?: Omit<CallOptions, 'token'>): Promise<CallResult>;
}

/** Starts the real server on a fresh data directory (or a given one) with fast settings for tests. */
export async function startHarness(
  options: {
    env?: Record<string, string>;
    dataDir?: string;
    listen?: boolean;
    validateResponses?: boolean;
  } = {},
): Promise<Harness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kubechat-test-'));
  const config = loadConfig({
    KUBECHAT_DATA_DIR: dataDir,
    KUBECHAT_DEMO_PASSWORD: DEMO_PASSWORD,
    KUBECHAT_RATE_LIMIT_PER_MINUTE: '100000',
    KUBECHAT_SANDBOX_TIME_SCALE: '0.05',
    PORT: '0',
    HOST: '127.0.0.1',
    ...options.env,
  });
  const { app, services } = await buildApp(config);
  let url: string | null = null;
  if (options.listen) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  } else {
    await app.ready();
  }

  const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as OpenApiDoc;
  const validators = new ResponseValidators(doc);
  let checked = 0;

  const call = async (method: string, path: string, o: CallOptions = {}): Promise<CallResult> => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    if (o.cookie) headers.cookie = o.cookie;
    let payload: string | undefined;
    if (o.rawBody !== undefined) {
      payload = o.rawBody;
      headers['content-type'] ??= 'application/json';
    } else if (o.body !== undefined) {
      payload = JSON.stringify(o.body);
      headers['content-type'] = 'application/json';
    }
    const res = await app.inject({
      method: method as 'GET',
      url: path,
      headers,
      ...(payload !== undefined ? { payload } : {}),
    });
    let body: unknown = undefined;
    if (String(res.headers['content-type'] ?? '').includes('application/json')) body = res.json();
    if (options.validateResponses !== false && path.startsWith('/api/') && body !== undefined) {
      const problem = validators.check(method, path, res.statusCode, body);
      assert.equal(
        problem,
        null,
        `${method} ${path} → ${res.statusCode} does not match the OpenAPI document: ${problem}\n${res.body.slice(0, 500)}`,
      );
      checked++;
    }
    return { status: res.statusCode, body, headers: res.headers, text: res.body };
  };

  const login = async (username: string, password = DEMO_PASSWORD): Promise<Session> => {
    const res = await call('POST', '/api/v1/auth/login', { body: { username, password } });
    assert.equal(res.status, 200, `login ${username}: ${res.text}`);
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const session: Session = {
      token: res.body.data.token,
      cookie,
      user: res.body.data.user,
      call: (m, u, o = {}) => call(m, u, { ...o, token: session.token }),
    };
    return session;
  };

  return {
    app,
    services,
    config,
    dataDir,
    url,
    call,
    login,
    get checkedResponses() {
      return checked;
    },
    async close(o = {}) {
      await app.close();
      if (!o.keepData && !options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

interface OpenApiDoc {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  >;
}

/** Finds the documented route for a concrete URL and validates the body against its response schema. */
class ResponseValidators {
  readonly #ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
  readonly #cache = new Map<string, ValidateFunction>();
  readonly #routes: { template: string; regex: RegExp; params: number }[];

  constructor(private readonly doc: OpenApiDoc) {
    this.#routes = Object.keys(doc.paths).map((template) => ({
      template,
      regex: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
      params: (template.match(/\{/g) ?? []).length,
    }));
  }

  check(method: string, url: string, status: number, body: unknown): string | null {
    const path = url.split('?')[0]!;
    const route = this.#routes.filter((r) => r.regex.test(path)).sort((a, b) => a.params - b.params)[0];
    if (!route) return status === 404 ? null : `no documented route for ${path}`;
    const operation = this.doc.paths[route.template]![method.toLowerCase()];
    if (!operation) return `no ${method} documented for ${route.template}`;
    // Errors the framework raises for every route (validation, auth, rate limit) share the Error schema.
    const response =
      operation.responses[String(status)] ??
      (status >= 400 ? { content: { 'application/json': { schema: ERROR_SCHEMA } } } : undefined);
    if (!response) return `status ${status} is not documented for ${method} ${route.template}`;
    const schema = response.content?.['application/json']?.schema;
    if (!schema) return null;
    const key = `${method} ${route.template} ${status}`;
    let validate = this.#cache.get(key);
    if (!validate) {
      validate = this.#ajv.compile(schema);
      this.#cache.set(key, validate);
    }
    return validate(body) ? null : this.#ajv.errorsText(validate.errors);
  }
}

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error', 'code'],
  properties: { error: { type: 'string' }, code: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$' } },
};

/** Waits until `check` returns a truthy value, polling; fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => T | Promise<T>,
  timeoutMs = 10_000,
  message = 'condition',
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${message}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const FINAL = ['completed', 'failed', 'cancelled', 'timeout', 'rejected'];

/** The execution once it reached a final status, read over REST. */
export function settle(s: Session, id: string, timeoutMs = 20_000): Promise<any> {
  return eventually(
    async () => {
      const res = await s.call('GET', `/api/v1/commands/executions/${id}`);
      return FINAL.includes(res.body.status) ? res.body : null;
    },
    timeoutMs,
    `execution ${id} to finish`,
  );
}
