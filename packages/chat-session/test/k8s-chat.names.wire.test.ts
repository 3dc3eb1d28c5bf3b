import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../../tests/helpers/wait-until.js';
import { createServices, type KubeChatServices } from '@k8s-chat/core';
import { sendKeys } from '@web/test-runner-commands';
import '../src/define/k8s-chat.js';
import { LAST_SESSION_KEY, type K8sChat } from '../src/index.js';
import { hostSource, servers } from '../../core/test/helpers/wire.js';
import './helpers/fake-chat.js';

const options = (el: K8sChat) =>
  [...el.shadowRoot!.querySelectorAll('[role=option]')].map((o) => o.textContent!.trim());

describe('<k8s-chat> completion against the reference server', function () {
  this.timeout(60_000);
  let services: KubeChatServices | undefined;
  afterEach(() => {
    services?.dispose();
    localStorage.removeItem(LAST_SESSION_KEY);
  });

  it("offers a viewer the sandbox's deployment names after `kubectl get deploy -n prod`", async () => {
    const { main } = servers();
    // victor is a viewer: listing names is a read, so every role gets them.
    services = createServices({ baseUrl: main, getAccessToken: hostSource(main, 'victor').source });
    const wrapper = await fixture<HTMLElement>(
      html`<k8s-test-chat-services .services=${services}
        ><k8s-chat style="height: 480px"></k8s-chat
      ></k8s-test-chat-services>`,
    );
    const el = wrapper.querySelector('k8s-chat')!;
    await waitUntil(() => el.shadowRoot!.querySelector('textarea'), 'composer');
    el.focus();
    await sendKeys({ type: 'kubectl get deploy -n prod ' });
    await waitUntil(() => options(el).includes('api'), 'names from the server', { timeout: 10_000 });
    expect(options(el)).to.include.members(['api', 'web', 'worker']);
    await sendKeys({ type: 'wo' });
    await el.updateComplete;
    expect(options(el)).to.deep.equal(['worker']);
  });
});
