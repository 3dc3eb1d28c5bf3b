import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness } from './helpers/server-harness.js';

describe('reference server basics', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('answers the health check without a token', async () => {
    const res = await h.call('GET', '/api/v1/health');
    assert.equal(res.status, 200);
    assert.equal(res.body.data.status, 'ok');
    assert.equal(res.body.data.executor, 'sandbox');
  });

  it('serves the demo portal and the OpenAPI 3.1 document', async () => {
    const portal = await h.app.inject({ method: 'GET', url: '/' });
    assert.equal(portal.statusCode, 200);
    assert.match(portal.body, /<k8s-chat/);
    const doc = await h.call('GET', '/api/v1/openapi.json');
    assert.equal(doc.body.openapi, '3.1.0');
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/chat/sessions/{sessionId}/messages',
      '/api/v1/commands/execute',
      '/api/v1/commands/executions/export',
      '/api/v1/rollback/plans/{planId}/execute',
      '/api/v1/nlp/process',
    ]) {
      assert.ok(doc.body.paths[path], `${path} is documented`);
    }
  });

  it('lets pages on other origins load the CDN bundles and themes (module scripts are CORS requests)', async () => {
    for (const url of ['/cdn/k8s-chat-all.js', '/themes/light.css']) {
      const res = await h.app.inject({ method: 'GET', url, headers: { origin: 'https://portal.example' } });
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.headers['access-control-allow-origin'], '*', url);
    }
    // The API stays closed to origins that are not allowed.
    const api = await h.app.inject({
      method: 'GET',
      url: '/api/v1/health',
      headers: { origin: 'https://portal.example' },
    });
    assert.equal(api.headers['access-control-allow-origin'], undefined);
  });

  it('answers unknown API routes with a JSON error and a request id', async () => {
    const res = await h.call('GET', '/api/v1/nope');
    assert.equal(res.status, 404);
    assert.equal(res.body.code, 'ROUTE_NOT_FOUND');
    assert.equal(res.body.request_id, res.headers['x-request-id']);
  });
});
