import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { ErrorBody } from '@k8s-chat/contract';
import { Type } from '@sinclair/typebox';
import type { ServerConfig } from './config.js';
import { openDatabase, type Db } from './db/database.js';
import { cdnDir, demoDir, themesDir } from './paths.js';
import { ApiError } from './http/errors.js';
import { fieldErrors, validatorCompiler } from './http/validation.js';
import { installAuthHooks } from './http/auth-hooks.js';
import { OpenApiBuilder } from './http/openapi.js';
import './http/request-context.js';
import { createServices, type AppServices } from './services.js';
import { authRoutes } from './routes/auth-routes.js';
import { preferencesRoutes } from './routes/preferences-routes.js';
import { chatRoutes } from './routes/chat-routes.js';
import { nlpRoutes } from './routes/nlp-routes.js';
import { commandRoutes } from './routes/command-routes.js';
import { clusterRoutes } from './routes/cluster-routes.js';
import { createWsGateway } from './ws/index.js';
import { seedDemoUsers, loadUsersFile } from './auth/users.js';
import { createRuntime } from './runtime.js';

export const API_VERSION = '0.1.0';
const BODY_LIMIT = 1024 * 1024;

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly services: AppServices;
  readonly url: string;
  close(): Promise<void>;
}

/** Builds the whole server: the API under /api/v1, the WebSocket, the CDN bundles and the demo portal. */
export async function buildApp(
  config: ServerConfig,
  options: { db?: Db } = {},
): Promise<{ app: FastifyInstance; services: AppServices }> {
  const db = options.db ?? openDatabase(config.dataDir);
  const runtime = createRuntime(config, db);
  const services = createServices(config, db, runtime);
  if (config.demo) await seedDemoUsers(services.users, config.demoPassword);
  if (config.usersFile) await loadUsersFile(services.users, config.usersFile);
  services.executions.recover();

  const app = Fastify({
    logger: config.logRequests ? { level: 'info' } : false,
    bodyLimit: BODY_LIMIT,
    trustProxy: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    },
    ajv: undefined,
  });
  app.setValidatorCompiler(validatorCompiler);
  // Responses are written as they are; their schemas document the contract and are checked by the tests.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  const openapi = new OpenApiBuilder();
  openapi.collect(app);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    // The CDN bundles and themes are public files meant for other origins' pages: a module script
    // from another origin is fetched in CORS mode, so without this header a host page cannot load them.
    if (request.url.startsWith('/cdn/') || request.url.startsWith('/themes/')) {
      reply.header('access-control-allow-origin', '*');
    }
    const origin = request.headers.origin;
    if (origin && request.url.startsWith('/api/') && config.allowedOrigins.includes(origin)) {
      reply.header('access-control-allow-origin', origin);
      reply.header('access-control-allow-credentials', 'true');
      reply.header('vary', 'Origin');
      reply.header(
        'access-control-expose-headers',
        'X-Request-Id, Retry-After, Idempotent-Replay, X-Total-Count, Content-Disposition',
      );
      if (request.method === 'OPTIONS') {
        reply.header('access-control-allow-methods', 'GET, POST, PUT, DELETE, OPTIONS, PATCH');
        reply.header(
          'access-control-allow-headers',
          'Content-Type, Authorization, Idempotency-Key, X-Request-Id, X-Requested-With',
        );
        reply.header('access-control-max-age', '600');
        await reply.status(204).send();
      }
    }
  });

  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    const chat = request.routeOptions.config?.chatEnvelope === true;
    const send = (status: number, body: ErrorBody, headers: Record<string, string> = {}) => {
      for (const [k, v] of Object.entries(headers)) reply.header(k, v);
      return reply
        .status(status)
        .send({ ...body, ...(chat ? { success: false } : {}), request_id: request.id });
    };
    if (error instanceof ApiError) {
      const retry = error.headers['retry-after'];
      return send(
        error.status,
        {
          error: error.message,
          code: error.code,
          ...(error.details !== undefined ? { details: error.details } : {}),
          ...(retry ? { retry_after: Number(retry) } : {}),
        },
        error.headers,
      );
    }
    const fe = error as FastifyError;
    if (fe.validation) {
      const details = fieldErrors(fe.validation as never, fe.validationContext ?? 'body');
      return send(400, {
        error: `Check the request: ${details.map((d) => d.message).join('; ')}.`,
        code: 'VALIDATION_ERROR',
        details,
      });
    }
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return send(413, {
        error: `The request body is larger than ${BODY_LIMIT} bytes.`,
        code: 'REQUEST_TOO_LARGE',
        details: { max_size: BODY_LIMIT },
      });
    }
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return send(415, {
        error: 'Send JSON with Content-Type: application/json.',
        code: 'UNSUPPORTED_MEDIA_TYPE',
      });
    }
    if (fe.statusCode === 400 || fe.code?.startsWith('FST_ERR_CTP')) {
      return send(400, { error: 'The request body is not valid JSON.', code: 'INVALID_JSON' });
    }
    request.log.error({ err: error }, 'unhandled error');
    console.error(`[${request.id}] ${request.method} ${request.url}:`, error);
    return send(500, {
      error: `Something went wrong on the server. Try again; if it keeps happening, give support this reference: ${request.id}.`,
      code: 'INTERNAL_ERROR',
    });
  });

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply.status(404).send({
        error: `There is no ${request.method} ${request.url.split('?')[0]} in this API.`,
        code: 'ROUTE_NOT_FOUND',
        request_id: request.id,
      });
    }
    return reply.status(404).type('text/plain').send('Not found');
  });

  installAuthHooks(app, services.tokens, services.limiter);

  app.get(
    '/api/v1/health',
    {
      schema: { tags: ['system'], summary: 'Liveness' },
      config: {
        public: true,
        responses: {
          200: Type.Object({
            data: Type.Object({ status: Type.String(), version: Type.String(), executor: Type.String() }),
          }),
        },
      },
    },
    async () => ({ data: { status: 'ok', version: API_VERSION, executor: services.executor.name } }),
  );
  app.get(
    '/api/v1/openapi.json',
    { schema: { tags: ['system'], summary: 'This document' }, config: { public: true } },
    async () => openapi.document(API_VERSION),
  );

  authRoutes(app, services);
  preferencesRoutes(app, services);
  chatRoutes(app, services);
  nlpRoutes(app, services);
  commandRoutes(app, services);
  clusterRoutes(app, services);

  await app.register(fastifyStatic, { root: cdnDir, prefix: '/cdn/', decorateReply: false });
  await app.register(fastifyStatic, { root: themesDir, prefix: '/themes/', decorateReply: false });
  await app.register(fastifyStatic, { root: demoDir, prefix: '/' });

  services.gateway = createWsGateway({
    server: app.server,
    allowedOrigins: (origin, host) =>
      !origin || sameOrigin(origin, host) || config.allowedOrigins.includes(origin),
    authenticate: async (token) => {
      const claims = await services.tokens.verifyAccess(token);
      return {
        user: { id: claims.userId, username: claims.username, role: claims.role },
        expiresAt: claims.expiresAt,
      };
    },
    authorizeTopic: (user, topic) => authorizeTopic(services, user, topic),
  });

  const expiry = setInterval(() => services.executions.expireApprovals(), 30_000);
  expiry.unref();
  // Sockets first: open WebSockets would otherwise keep the HTTP server from closing.
  app.addHook('preClose', async () => {
    clearInterval(expiry);
    await services.gateway?.close();
  });
  app.addHook('onClose', async () => {
    await services.executions.stopAll();
    await services.executor.close();
    if (!options.db) db.close();
  });
  return { app, services };
}

function sameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Nobody listens to a session or execution they may not read. */
function authorizeTopic(s: AppServices, user: { id: string; role: string }, topic: string): boolean {
  const [kind, id] = topic.split(':', 2) as [string, string | undefined];
  switch (kind) {
    case 'system':
    case 'alerts':
      return true;
    case 'commands':
    case 'approvals':
      return user.role === 'admin';
    case 'user':
      return id === user.id;
    case 'session':
      return !!id && s.chatRepo.access(id, user.id) !== null;
    case 'execution': {
      const row = id ? s.executionRepo.byId(id) : undefined;
      return (
        !!row &&
        (user.role === 'admin' ||
          row.user_id === user.id ||
          (row.session_id !== null && s.chatRepo.access(row.session_id, user.id) !== null))
      );
    }
    default:
      return false;
  }
}

export async function startServer(config: ServerConfig, options: { db?: Db } = {}): Promise<RunningServer> {
  const { app, services } = await buildApp(config, options);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return { app, services, url: `http://${config.host}:${port}`, close: () => app.close() };
}
