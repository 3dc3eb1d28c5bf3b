import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server.js';

describe('reference server', () => {
  let app: FastifyInstance;
  before(async () => {
    app = await buildApp();
  });
  after(() => app.close());

  it('answers the health check', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/health' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { data: { status: 'ok' } });
  });

  it('serves the demo portal', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/html/);
    assert.match(res.body, /<k8s-chat/);
  });
});
