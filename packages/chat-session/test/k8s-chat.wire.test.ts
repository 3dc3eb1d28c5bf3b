import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../../tests/helpers/wait-until.js';
import { createServices, type KubeChatServices } from '@k8s-chat/core';
import { sendKeys } from '@web/test-runner-commands';
import '../src/define/k8s-chat.js';
import { LAST_SESSION_KEY, type K8sChat } from '../src/index.js';
import { hostSource, servers } from '../../core/test/helpers/wire.js';
import './helpers/fake-chat.js';

const texts = (el: K8sChat, role: string) =>
  [...el.shadowRoot!.querySelectorAll(`[part~=message-${role}]`)].map((n) =>
    (n.querySelector('.text, [part=markdown]')?.textContent ?? '').trim(),
  );

describe('<k8s-chat> against the reference server', function () {
  this.timeout(60_000);
  const live: KubeChatServices[] = [];
  const client = (url: string, user: string) => {
    const services = createServices({ baseUrl: url, getAccessToken: hostSource(url, user).source });
    live.push(services);
    return services;
  };
  // Test files share one browser context, so another file's remembered session may still be there.
  beforeEach(() => localStorage.removeItem(LAST_SESSION_KEY));
  afterEach(() => {
    for (const s of live.splice(0)) s.dispose();
    localStorage.removeItem(LAST_SESSION_KEY);
  });

  // bob already has a session from an earlier visit (as after core's wire tests in a full run): "New" is
  // clicked while the first list read is still in flight, and that read must not undo the new session.
  it('login, new session, three requests, reload: same session and messages, nothing doubled', async () => {
    const { main } = servers();
    const user = 'bob';
    const services = client(main, user);
    const earlier = await services.api.createSession({ title: 'An earlier visit' });
    const wrapper = await fixture<HTMLElement>(
      html`<k8s-test-chat-services .services=${services}
        ><k8s-chat style="height: 600px"></k8s-chat
      ></k8s-test-chat-services>`,
    );
    const el = wrapper.querySelector('k8s-chat')!;
    await waitUntil(() => el.shadowRoot!.querySelector('[data-action=new-session]'), 'session list', {
      timeout: 10_000,
    });
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action=new-session]')!.click();
    // The list may open the earlier session first (it loads while the new one is being created); wait for
    // the new one rather than taking whichever is active.
    const active = () => el.shadowRoot!.querySelector<HTMLElement>('[part~=session-active]');
    await waitUntil(() => active() && active()!.dataset['session'] !== earlier.id, 'new session', {
      timeout: 10_000,
    });
    const sessionId = active()!.dataset['session']!;
    const requests = ['list pods in default', 'show deployments in prod', 'get services in staging'];
    el.focus();
    for (const [i, request] of requests.entries()) {
      await sendKeys({ type: request });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => texts(el, 'user').filter((t) => t === request).length === 1, `sent ${i}`, {
        timeout: 15_000,
      });
      await waitUntil(() => texts(el, 'assistant').length === i + 1, `reply ${i}`, { timeout: 15_000 });
    }
    expect(localStorage.getItem(LAST_SESSION_KEY)).to.equal(sessionId);

    // Reload: a fresh client and element open the same session with the same messages, once each.
    el.remove();
    const again = document.createElement('k8s-chat') as K8sChat;
    again.style.height = '600px';
    const second = document.createElement('k8s-test-chat-services') as HTMLElement & {
      services?: KubeChatServices;
    };
    second.services = client(main, user);
    second.append(again);
    wrapper.replaceWith(second);
    try {
      await waitUntil(() => texts(again, 'assistant').length === 3, 'history after reload', {
        timeout: 15_000,
      });
      // The remembered session's messages may arrive before the session list marks it active.
      const activeAgain = () => again.shadowRoot!.querySelector<HTMLElement>('[part~=session-active]');
      await waitUntil(() => activeAgain(), 'the session list marks the open session', { timeout: 15_000 });
      expect(activeAgain()!.dataset['session']).to.equal(sessionId);
      expect(texts(again, 'user')).to.deep.equal(requests);
      const ids = [...again.shadowRoot!.querySelectorAll<HTMLElement>('[data-id]')].map(
        (n) => n.dataset['id'],
      );
      expect(new Set(ids).size).to.equal(6);
    } finally {
      second.remove();
    }
  });

  it('marks a session unread live when another tab writes in it', async () => {
    const { main } = servers();
    const user = 'alice';
    const tab = client(main, user);
    const other = await tab.api.createSession({ title: 'Written elsewhere' });
    const shown = await tab.api.createSession({ title: 'Shown here' });
    const wrapper = await fixture<HTMLElement>(
      html`<k8s-test-chat-services .services=${client(main, user)}
        ><k8s-chat session-id=${shown.id} style="height: 600px"></k8s-chat
      ></k8s-test-chat-services>`,
    );
    const el = wrapper.querySelector('k8s-chat')!;
    const row = (id: string) => el.shadowRoot!.querySelector<HTMLElement>(`[data-session="${id}"]`);
    await waitUntil(() => row(other.id) && row(shown.id)?.matches('[part~=session-active]'), 'both listed', {
      timeout: 10_000,
    });
    // The element's socket is open once it listens to the shown session; then the other tab writes.
    await waitUntil(() => el.shadowRoot!.querySelector('[part=banner]') === null);
    await tab.api.sendMessage(other.id, { content: 'list pods in default' });
    await waitUntil(() => row(other.id)!.matches('[part~=session-unread]'), 'unread without a reload', {
      timeout: 10_000,
    });
    expect(row(shown.id)!.matches('[part~=session-unread]')).to.equal(false);
  });

  it('alone with base-url and nobody signed in, it asks the page to sign in (k8s-auth-required)', async () => {
    const { main } = servers();
    const asked = oneEvent(document, 'k8s-auth-required');
    const el = await fixture<K8sChat>(html`<k8s-chat base-url=${main} style="height: 400px"></k8s-chat>`);
    const event = await asked;
    expect(event.detail.baseUrl).to.equal(main);
    await waitUntil(() => el.shadowRoot!.querySelector('[part=sessions] [part=error]'), 'says what to do');
    await expect(el).to.be.accessible();
  });
});
