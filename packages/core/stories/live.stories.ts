import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, render } from 'lit';
import type { K8sChatProvider } from '../src/index.js';
import '../src/define/k8s-chat-provider.js';
import '@k8s-chat/chat-session/k8s-chat.js';
import '@k8s-chat/command-preview/k8s-approval-queue.js';
import '@k8s-chat/history/k8s-command-history.js';
import '@k8s-chat/account/k8s-account-settings.js';

/**
 * Live stories: the elements against a running reference server, nothing recorded. Nothing connects until
 * you press Connect, so the story costs nothing when no server runs. Start the server with Storybook's
 * origin allowed and use 127.0.0.1 for both, so the session cookie stays same-site:
 *
 *   KUBECHAT_ALLOWED_ORIGINS=http://127.0.0.1:6006 npm start
 *   npm run storybook   (then open http://127.0.0.1:6006)
 */
const meta: Meta = {
  title: 'Live/Reference server',
  parameters: { a11y: { test: 'off' } },
  args: { baseUrl: 'http://127.0.0.1:8080', username: 'alice' },
  argTypes: {
    baseUrl: { control: 'text', description: 'The reference server' },
    username: { control: 'select', options: ['alice', 'bob', 'admin', 'victor'] },
  },
};
export default meta;
type Story = StoryObj<{ baseUrl: string; username: string }>;

type Page = 'chat' | 'history' | 'approvals' | 'account';

function page(which: Page) {
  switch (which) {
    case 'chat':
      return html`<k8s-chat style="block-size: 640px"></k8s-chat>`;
    case 'history':
      return html`<k8s-command-history style="block-size: 640px"></k8s-command-history>`;
    case 'approvals':
      return html`<k8s-approval-queue></k8s-approval-queue>`;
    case 'account':
      return html`<k8s-account-settings></k8s-account-settings>`;
  }
}

/** A connect form that signs in with the demo password, then shows one element on the live server. */
function live(which: Page) {
  return ({ baseUrl, username }: { baseUrl: string; username: string }) => {
    const host = document.createElement('div');
    const status = (text: string) => {
      host.querySelector('[role="status"]')!.textContent = text;
    };
    const connect = async (event: Event) => {
      event.preventDefault();
      const form = event.currentTarget as HTMLFormElement;
      const url = (form.elements.namedItem('url') as HTMLInputElement).value;
      const slot = host.querySelector<HTMLElement>('.live')!;
      render(
        html`<k8s-chat-provider auth="session" base-url=${url}>${page(which)}</k8s-chat-provider>`,
        slot,
      );
      const provider = slot.querySelector<K8sChatProvider>('k8s-chat-provider')!;
      try {
        status('Signing in…');
        await provider.login(username, 'kubechat-demo');
        status(`Signed in to ${url} as ${username}.`);
      } catch (error) {
        status(
          `Could not sign in: ${(error as Error).message} Is the server running with this origin allowed?`,
        );
      }
    };
    render(
      html`<form @submit=${connect} style="display: flex; gap: 8px; align-items: end; margin-block-end: 12px">
          <label>Server <input name="url" .value=${baseUrl} size="32" /></label>
          <button type="submit">Connect as ${username}</button>
          <span role="status"></span>
        </form>
        <div class="live"></div>`,
      host,
    );
    return host;
  };
}

export const Chat: Story = { render: live('chat') };
export const History: Story = { render: live('history') };
export const Approvals: Story = { render: live('approvals') };
export const Account: Story = { render: live('account') };
