import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define/k8s-chat.js';
import type { ChatMessageView } from '../src/index.js';

const conversation: ChatMessageView[] = [
  {
    id: '1',
    role: 'user',
    content: 'scale the api deployment in prod to 3',
    createdAt: '2026-11-28T10:00:00Z',
  },
  {
    id: '2',
    role: 'assistant',
    content: 'This scales deployment/api in prod to 3 replicas. It needs your confirmation.',
    createdAt: '2026-11-28T10:00:01Z',
  },
];

const meta: Meta = {
  title: 'Elements/Chat',
  component: 'k8s-chat',
};
export default meta;
type Story = StoryObj;

export const Empty: Story = { render: () => html`<k8s-chat style="height: 360px"></k8s-chat>` };
export const Conversation: Story = {
  render: () => html`<k8s-chat style="height: 360px" .messages=${conversation}></k8s-chat>`,
};
