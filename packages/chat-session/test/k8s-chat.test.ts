import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/define/k8s-chat.js';
import { MessageSendEvent, type K8sChat } from '../src/index.js';

describe('<k8s-chat>', () => {
  it('renders messages as inert text', async () => {
    const el = await fixture<K8sChat>(
      html`<k8s-chat
        .messages=${[
          { id: '1', role: 'user', content: 'list pods', createdAt: '2026-11-28T10:00:00Z' },
          {
            id: '2',
            role: 'assistant',
            content: '<img src=x onerror=alert(1)>',
            createdAt: '2026-11-28T10:00:01Z',
          },
        ]}
      ></k8s-chat>`,
    );
    const items = el.shadowRoot!.querySelectorAll('[part~=message]');
    expect(items.length).to.equal(2);
    expect(items[1]!.querySelector('img')).to.equal(null);
    expect(items[1]!.textContent).to.equal('<img src=x onerror=alert(1)>');
    await expect(el).to.be.accessible();
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
      expect(el.shadowRoot!.querySelector('textarea')!.value).to.equal('');
    });

    it('keeps the draft when the host cancels the send', async () => {
      const el = await fixture<K8sChat>(html`<k8s-chat></k8s-chat>`);
      el.addEventListener(MessageSendEvent.eventName, (e) => e.preventDefault());
      el.focus();
      await sendKeys({ type: 'scale api to 3' });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('textarea')!.value).to.equal('scale api to 3');
    });
  });
});
