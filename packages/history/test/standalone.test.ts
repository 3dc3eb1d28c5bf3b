// The element alone on a page with only `base-url`: real core (shared client, API client, hub, user store)
// over core's fake fetch and fake WebSocket gateway. No provider, no network.
import { expect, html, fixture } from '@open-wc/testing';
import { waitUntil } from '../../../tests/helpers/wait-until.js';
import { configureSharedServices } from '@k8s-chat/core';
import '../src/define/k8s-command-history.js';
import type { K8sCommandHistory } from '../src/index.js';
import { execution, fakeBackend } from '../../core/test/helpers/fake-backend.js';
import { fakeFetch } from '../../core/test/helpers/fake-fetch.js';
import { FakeGateway } from '../../core/test/helpers/fake-gateway.js';

let n = 0;
function standalone() {
  const gateway = new FakeGateway();
  const backend = fakeBackend(gateway);
  const net = fakeFetch(backend.handler);
  const baseUrl = `http://history-${++n}.kubechat.test`;
  configureSharedServices(baseUrl, {
    auth: 'host',
    getAccessToken: () => 'tok',
    fetch: net.fetch,
    api: { backoff: { baseMs: 1, maxMs: 2 } },
    hub: { WebSocket: gateway.WebSocket, idleCloseMs: 0 },
  });
  return { gateway, backend, net, baseUrl };
}

const rows = (el: K8sCommandHistory) => [
  ...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="row"][data-index]'),
];

describe('<k8s-command-history> on its own with base-url', () => {
  it('lists through the shared client with the filters as query parameters', async () => {
    const w = standalone();
    w.backend.executions.set(
      'x1',
      execution('x1', { status: 'completed', namespace: 'prod', created_at: new Date().toISOString() }),
    );
    const el = await fixture<K8sCommandHistory>(
      html`<k8s-command-history
        base-url=${w.baseUrl}
        namespace="prod"
        since="24h"
        no-summary
      ></k8s-command-history>`,
    );
    await waitUntil(() => rows(el).length === 1, 'no row');
    const call = w.net.to('commands/executions')[0]!;
    expect(call.url.searchParams.get('namespace')).to.equal('prod');
    expect(call.url.searchParams.get('since')).to.equal('24h');
    expect(call.headers.get('authorization')).to.equal('Bearer tok');
    await expect(el).to.be.accessible();
  });

  it('follows live execution events on user:<id> through the hub', async () => {
    const w = standalone();
    w.backend.executions.set('x1', execution('x1', { status: 'executing' }));
    const el = await fixture<K8sCommandHistory>(
      html`<k8s-command-history base-url=${w.baseUrl} no-summary></k8s-command-history>`,
    );
    await waitUntil(() => rows(el).length === 1, 'no row');
    await waitUntil(() => el.liveTopics.includes('user:u1'), 'not subscribed');
    await waitUntil(() => w.gateway.open.length > 0, 'no socket');
    // The hub subscribes once the socket is authenticated; publish until the event lands.
    await waitUntil(() => {
      w.gateway.publish(
        'user:u1',
        'execution',
        execution('x1', { status: 'completed', execution_time_ms: 900 }),
      );
      return rows(el)[0]!.textContent!.includes('completed');
    }, 'status did not change');
    expect(rows(el)[0]!.textContent).to.contain('900 ms');
  });
});
