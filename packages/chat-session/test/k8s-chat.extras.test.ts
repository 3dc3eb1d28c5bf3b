/**
 * Issue 10 in <k8s-chat>: explicit replies and threads, the conversation context note and "Clear context",
 * stored preferences, core's error notice with the support reference, redaction marks and forced colours.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { waitUntil } from '../../../tests/helpers/wait-until.js';
import '../src/define/k8s-chat.js';
import { MessageSendEvent, type ChatMessageView, type K8sChat } from '../src/index.js';
import type { CommandProposal } from '@k8s-chat/core';
import { fakeChat, message, proposal, session } from './helpers/fake-chat.js';

const $ = <T extends Element = HTMLElement>(el: K8sChat, selector: string) =>
  el.shadowRoot!.querySelector<T & Element>(selector) as T | null;
const $$ = (el: K8sChat, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const textarea = (el: K8sChat) => $<HTMLTextAreaElement>(el, 'textarea')!;
const row = (el: K8sChat, id: string) => $(el, `[data-id="${id}"]`);
const shownIds = (el: K8sChat) => $$(el, '[role=listitem]').map((r) => r.dataset['id']);

const withContext = (applied: string[]): CommandProposal => ({
  ...proposal('warning', 'kubectl scale deployment/api -n prod --replicas=5'),
  contextApplied: applied,
  impact: {
    verb: 'scale',
    resources: ['deployments'],
    names: ['api'],
    namespace: 'prod',
    scope: 'namespace',
    summary: 'scale deployment api in namespace prod',
  },
});

describe('<k8s-chat> issue 10', () => {
  let world: ReturnType<typeof fakeChat>;
  afterEach(() => world?.services.dispose());

  async function mount(options: Parameters<typeof fakeChat>[0] = {}, attrs: { theme?: string } = {}) {
    world = fakeChat(options);
    const wrapper = await fixture<HTMLElement>(
      html`<k8s-test-chat-services .services=${world.services}
        ><k8s-chat style="height: 560px" theme=${attrs.theme ?? ''}></k8s-chat
      ></k8s-test-chat-services>`,
    );
    const el = wrapper.querySelector('k8s-chat')!;
    if (!attrs.theme) el.removeAttribute('theme');
    return el;
  }

  /** s1: an ordinary request/answer pair, then an explicit reply to the answer and the answer to that. */
  const conversation = () => ({
    sessions: [session('s1')],
    messages: {
      s1: [
        message('s1', 'u1', { content: 'list deployments in prod', username: 'alice' }),
        message('s1', 'a1', { type: 'assistant', parentId: 'u1', content: 'There are 3 deployments.' }),
        message('s1', 'u2', { content: 'which one is failing?', parentId: 'a1', username: 'alice' }),
        message('s1', 'a2', { type: 'assistant', parentId: 'u2', content: 'api is failing.' }),
        message('s1', 'u3', { content: 'list pods', username: 'alice' }),
        message('s1', 'a3', { type: 'assistant', parentId: 'u3', content: 'There are 5 pods.' }),
      ],
    },
  });

  describe('threads', () => {
    it('shows only explicit replies as threads: a quote of the parent, and a fold on the root', async () => {
      const el = await mount(conversation());
      await waitUntil(() => shownIds(el).length === 6);
      // Ordinary pairs (the server links every answer to its request) carry no quote and no fold.
      expect(row(el, 'a1')!.querySelector('[part=reply-quote]')).to.equal(null);
      expect(row(el, 'a3')!.querySelector('[part=reply-quote]')).to.equal(null);
      expect(row(el, 'u1')!.querySelector('[part=thread-toggle]')).to.equal(null);
      const quote = row(el, 'u2')!.querySelector<HTMLButtonElement>('[part=reply-quote]')!;
      expect(quote.textContent).to.include('In reply to Assistant');
      expect(quote.textContent).to.include('There are 3 deployments.');
      expect(row(el, 'a2')!.querySelector('[part~=message-in-thread]')).to.not.equal(null);
      const toggle = row(el, 'a1')!.querySelector<HTMLButtonElement>('[part=thread-toggle]')!;
      expect(toggle.textContent).to.include('Hide 2 replies');
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      await expect(el).to.be.accessible();
    });

    it('folds and unfolds a thread from the keyboard', async () => {
      const el = await mount(conversation());
      await waitUntil(() => shownIds(el).length === 6);
      row(el, 'a1')!.querySelector<HTMLButtonElement>('[part=thread-toggle]')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => shownIds(el).length === 4, 'the two threaded messages are folded away');
      expect(shownIds(el)).to.deep.equal(['u1', 'a1', 'u3', 'a3']);
      const toggle = row(el, 'a1')!.querySelector<HTMLButtonElement>('[part=thread-toggle]')!;
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      expect(toggle.textContent).to.include('Show 2 replies');
      await expect(el).to.be.accessible();
      toggle.focus();
      await sendKeys({ press: 'Space' });
      await waitUntil(() => shownIds(el).length === 6);
    });

    it('jumps to the parent from a quote and focuses it', async () => {
      const el = await mount(conversation());
      await waitUntil(() => shownIds(el).length === 6);
      row(el, 'u2')!.querySelector<HTMLButtonElement>('[part=reply-quote]')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => el.shadowRoot!.activeElement === row(el, 'a1')?.querySelector('article'));
    });

    it('replies to a chosen message: the bar says what it answers, the send carries parentId, Escape cancels', async () => {
      const el = await mount(conversation());
      await waitUntil(() => shownIds(el).length === 6);
      row(el, 'a3')!.querySelector<HTMLButtonElement>('[data-action=reply]')!.click();
      await waitUntil(() => $(el, '[part=replying]'));
      expect($(el, '[part=replying]')!.textContent).to.include('There are 5 pods.');
      expect(el.shadowRoot!.activeElement).to.equal(textarea(el));
      expect(row(el, 'a3')!.querySelector('[part~=reply-target]')).to.not.equal(null);
      await expect(el).to.be.accessible();

      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect($(el, '[part=replying]'), 'Escape leaves the reply').to.equal(null);

      row(el, 'a3')!.querySelector<HTMLButtonElement>('[data-action=reply]')!.click();
      await waitUntil(() => $(el, '[part=replying]'));
      await sendKeys({ type: 'which are pending?' });
      const sent = oneEvent(el, MessageSendEvent.eventName);
      await sendKeys({ press: 'Enter' });
      expect(((await sent) as MessageSendEvent).detail.parentId).to.equal('a3');
      await waitUntil(() => world.net.to('/chat/sessions/s1/messages', 'POST').length === 1);
      expect(world.net.to('/chat/sessions/s1/messages', 'POST')[0]!.body.parentId).to.equal('a3');
      expect($(el, '[part=replying]')).to.equal(null);
      await waitUntil(() => shownIds(el).length === 8);
      const reply = $$(el, '[role=listitem]').at(-2)!;
      expect(reply.querySelector('[part=reply-quote]')!.textContent).to.include('There are 5 pods.');
      expect(row(el, 'a3')!.querySelector('[part=thread-toggle]')!.textContent).to.include('Hide 2 replies');
    });

    it('offers no Reply in a session shared read-only', async () => {
      const el = await mount({
        ...conversation(),
        sessions: [session('s1', { access: 'read', ownerUsername: 'bob' })],
      });
      await waitUntil(() => shownIds(el).length === 6);
      expect($$(el, '[data-action=reply]')).to.have.length(0);
    });
  });

  describe('conversation context', () => {
    const contextual = () => ({
      sessions: [session('s1')],
      messages: {
        s1: [
          message('s1', 'u1', { content: 'describe deployment api in prod' }),
          message('s1', 'a1', {
            type: 'assistant',
            parentId: 'u1',
            content: 'Describes deployment api.',
            metadata: { command: proposal('safe', 'kubectl describe deployment/api -n prod') },
          }),
          message('s1', 'u2', { content: 'now scale it to 5' }),
          message('s1', 'a2', {
            type: 'assistant',
            parentId: 'u2',
            content: 'Scales deployment api to 5 replicas.',
            metadata: { command: withContext(['resource', 'name', 'namespace']) },
          }),
        ],
      },
    });

    it('says which context an answer used, and Clear context forgets it on the server', async () => {
      const el = await mount(contextual());
      await waitUntil(() => row(el, 'a2')?.querySelector('[part=context]'));
      expect(row(el, 'a1')!.querySelector('[part=context]'), 'no note without context').to.equal(null);
      const note = row(el, 'a2')!.querySelector('[part=context]')!;
      expect(note.textContent).to.include('Using: deployment api in prod');
      await expect(el).to.be.accessible();
      note.querySelector<HTMLButtonElement>('[data-action=clear-context]')!.click();
      await waitUntil(() => $(el, '[part=context-cleared]'));
      expect(world.net.to('/chat/sessions/s1/context', 'DELETE')).to.have.length(1);
      expect($(el, '[part=context-cleared]')!.textContent!.replace(/\s+/g, ' ')).to.include(
        'name the object and its namespace',
      );
      expect(row(el, 'a2')!.querySelector('[data-action=clear-context]'), 'cleared once').to.equal(null);
      expect(row(el, 'a2')!.querySelector('[part=context]')!.textContent, 'history still says').to.include(
        'deployment api',
      );
      expect(el.shadowRoot!.activeElement).to.equal(textarea(el));
      await expect(el).to.be.accessible();
    });

    it("a failed clear shows core's notice with what to do and the support reference", async () => {
      const el = await mount(contextual());
      await waitUntil(() => row(el, 'a2')?.querySelector('[data-action=clear-context]'));
      world.control.failClearContext = 'req-ctx-7';
      row(el, 'a2')!.querySelector<HTMLButtonElement>('[data-action=clear-context]')!.click();
      await waitUntil(() => $(el, '[part=error-reference]'));
      const error = $(el, '[part=error]')!;
      expect(error.getAttribute('role')).to.equal('alert');
      expect(error.textContent).to.include('The context could not be cleared.');
      expect($(el, '[part=error-reference]')!.textContent).to.include('req-ctx-7');
      expect($(el, '[part=context-cleared]')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('describes namespace-only and intent-only context', async () => {
      const el = await mount({
        sessions: [session('s1')],
        messages: {
          s1: [
            message('s1', 'a1', {
              type: 'assistant',
              content: 'Lists pods in prod.',
              metadata: {
                command: {
                  ...withContext(['namespace']),
                  impact: { ...withContext([]).impact!, resources: ['pods'], names: [] },
                },
              },
            }),
            message('s1', 'a2', {
              type: 'assistant',
              content: 'Describes it in staging.',
              metadata: {
                command: {
                  ...withContext(['intent']),
                  impact: { ...withContext([]).impact!, verb: 'describe', namespace: 'staging' },
                },
              },
            }),
          ],
        },
      });
      await waitUntil(() => $$(el, '[part=context]').length === 2);
      const notes = $$(el, '[part=context]').map((n) => n.textContent!.replace(/\s+/g, ' ').trim());
      expect(notes[0]).to.include('Using: namespace prod');
      expect(notes[1]).to.include('Using: the last request (describe)');
      expect($$(el, '[data-action=clear-context]'), 'only on the latest').to.have.length(1);
    });
  });

  describe('preferences', () => {
    it('applies the stored theme and compact mode, and sends the default namespace', async () => {
      const el = await mount({
        sessions: [session('s1')],
        messages: { s1: [] },
        preferences: { theme: 'dark', compact: true, default_namespace: 'staging' },
      });
      await waitUntil(() => el.getAttribute('theme') === 'dark' && el.hasAttribute('compact'));
      await expect(el).to.be.accessible();
      el.focus();
      await sendKeys({ type: 'list pods' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => world.net.to('/chat/sessions/s1/messages', 'POST').length === 1);
      const body = world.net.to('/chat/sessions/s1/messages', 'POST')[0]!.body;
      expect(body.namespace).to.equal('staging');
      expect(body.parentId).to.equal(undefined);
    });

    it('never overrides a theme the page set, and sends no namespace without a default', async () => {
      const el = await mount(
        { sessions: [session('s1')], messages: { s1: [] }, preferences: { theme: 'dark', compact: true } },
        { theme: 'light' },
      );
      await waitUntil(() => el.hasAttribute('compact'));
      expect(el.getAttribute('theme')).to.equal('light');
      el.focus();
      await sendKeys({ type: 'list pods' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => world.net.to('/chat/sessions/s1/messages', 'POST').length === 1);
      expect(world.net.to('/chat/sessions/s1/messages', 'POST')[0]!.body).to.not.have.property('namespace');
    });
  });

  describe('errors', () => {
    it("a refused message carries core's notice with the support reference", async () => {
      const el = await mount({ sessions: [session('s1')], messages: { s1: [] } });
      await waitUntil(() => world.net.to('/chat/sessions/s1/messages', 'GET').length > 0);
      world.control.refuseNext = 1;
      el.focus();
      await sendKeys({ type: 'restart api' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => $(el, '[data-status=failed] [part=error-reference]'));
      const failed = $(el, '[data-status=failed]')!;
      expect(failed.querySelector('.k8s-error-message')!.textContent).to.include('The message was refused.');
      expect(failed.querySelector('[part=error-reference]')!.textContent).to.include(
        'Support reference: req-42',
      );
      await expect(el).to.be.accessible();
    });
  });

  describe('redaction marks', () => {
    const view = (
      id: string,
      role: ChatMessageView['role'],
      content: string,
      metadata?: Record<string, unknown>,
    ): ChatMessageView => ({
      id,
      role,
      content,
      createdAt: '2026-11-28T10:00:00Z',
      ...(metadata ? { metadata } : {}),
    });

    it('marks hidden values in text, Markdown, code blocks and output, as text only', async () => {
      const messages = [
        view('1', 'user', 'my password is [REDACTED password] <b>bold</b>'),
        view(
          '2',
          'assistant',
          'The token was **[REDACTED token]**.\n\n```yaml\ndata:\n  key: [REDACTED secret data]\n```',
          { output: 'TOKEN=[REDACTED token]\n<script>alert(1)</script>' },
        ),
      ];
      const el = await fixture<K8sChat>(
        html`<k8s-chat style="height: 560px" .messages=${messages}></k8s-chat>`,
      );
      await waitUntil(() => $$(el, 'mark[part=redacted]').length === 4);
      const marks = $$(el, 'mark[part=redacted]');
      expect(marks.map((m) => m.title)).to.deep.equal([
        'Hidden by the server: password',
        'Hidden by the server: token',
        'Hidden by the server: secret data',
        'Hidden by the server: token',
      ]);
      expect(marks[0]!.textContent).to.equal('[REDACTED password]');
      expect(marks[2]!.closest('pre code'), 'inside the code block').to.not.equal(null);
      expect(marks[3]!.closest('[part=output]'), 'inside command output').to.not.equal(null);
      expect($(el, 'b, script'), 'text stays text').to.equal(null);
      expect(row(el, '1')!.querySelector('.text')!.textContent).to.include('<b>bold</b>');
      await expect(el).to.be.accessible();
    });
  });

  describe('forced colours', () => {
    afterEach(() => emulateMedia({ forcedColors: 'none' }));

    it('keeps message borders and focus outlines visible in high-contrast mode', async () => {
      const el = await mount(conversation());
      await waitUntil(() => shownIds(el).length === 6);
      await emulateMedia({ forcedColors: 'active' });
      await waitUntil(() => matchMedia('(forced-colors: active)').matches);
      const article = row(el, 'u1')!.querySelector('article')!;
      expect(getComputedStyle(article).borderTopStyle).to.equal('solid');
      expect(parseFloat(getComputedStyle(article).borderTopWidth)).to.be.greaterThan(0);
      const toggle = row(el, 'a1')!.querySelector<HTMLButtonElement>('[part=thread-toggle]')!;
      toggle.focus();
      await sendKeys({ press: 'Shift' }); // a key press makes focus visible
      toggle.blur();
      row(el, 'a1')!.querySelector<HTMLButtonElement>('[data-action=reply]')!.focus();
      await sendKeys({ press: 'Tab' });
      const focused = el.shadowRoot!.activeElement as HTMLElement;
      expect(getComputedStyle(focused).outlineStyle).to.equal('solid');
      expect(parseFloat(getComputedStyle(focused).outlineWidth)).to.be.at.least(2);
      await expect(el).to.be.accessible();
    });
  });
});
