import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define/k8s-command-history.js';
import type { HistoryRow } from '../src/index.js';

const rows: HistoryRow[] = [
  {
    id: 'e3',
    created_at: '2026-11-28T10:02:00Z',
    username: 'alice',
    command: 'kubectl scale deployment/api -n prod --replicas=3',
    namespace: 'prod',
    safety_level: 'warning',
    status: 'completed',
    duration_ms: 4200,
  },
  {
    id: 'e2',
    created_at: '2026-11-28T10:01:00Z',
    username: 'bob',
    command: 'kubectl delete pod web-7c9f -n staging',
    namespace: 'staging',
    safety_level: 'dangerous',
    status: 'pending_approval',
    duration_ms: null,
  },
  {
    id: 'e1',
    created_at: '2026-11-28T10:00:00Z',
    username: 'alice',
    command: 'kubectl get pods -n prod',
    namespace: 'prod',
    safety_level: 'safe',
    status: 'completed',
    duration_ms: 310,
  },
];

const meta: Meta = {
  title: 'Elements/Command history',
  component: 'k8s-command-history',
};
export default meta;
type Story = StoryObj;

export const WithRows: Story = {
  render: () => html`<k8s-command-history .rows=${rows}></k8s-command-history>`,
};
export const Empty: Story = { render: () => html`<k8s-command-history></k8s-command-history>` };
