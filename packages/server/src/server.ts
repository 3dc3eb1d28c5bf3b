import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { cdnDir, demoDir } from './paths.js';

export interface ServerOptions {
  port: number;
  host: string;
}

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly url: string;
  close(): Promise<void>;
}

/** Builds the HTTP app: the API under /api/v1, the CDN bundles under /cdn, the demo portal at /. */
export async function buildApp(): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.get('/api/v1/health', async () => ({ data: { status: 'ok' } }));
  await app.register(fastifyStatic, { root: cdnDir, prefix: '/cdn/', decorateReply: false });
  await app.register(fastifyStatic, { root: demoDir, prefix: '/' });
  return app;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const app = await buildApp();
  await app.listen({ port: options.port, host: options.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    app,
    url: `http://${options.host}:${port}`,
    close: () => app.close(),
  };
}
