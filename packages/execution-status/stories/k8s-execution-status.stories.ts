import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define/k8s-execution-status.js';
import { EXECUTION_STATUSES, type ExecutionStatus } from '@k8s-chat/core';

interface Args {
  status: ExecutionStatus;
}

const meta: Meta<Args> = {
  title: 'Elements/Execution status',
  component: 'k8s-execution-status',
  argTypes: { status: { control: 'select', options: [...EXECUTION_STATUSES] } },
  render: (args) => html`<k8s-execution-status status=${args.status}></k8s-execution-status>`,
};
export default meta;
type Story = StoryObj<Args>;

export const Executing: Story = { args: { status: 'executing' } };
export const Completed: Story = { args: { status: 'completed' } };
export const Failed: Story = { args: { status: 'failed' } };
export const PendingApproval: Story = { args: { status: 'pending_approval' } };
export const EveryStatus: Story = {
  render: () =>
    html`${EXECUTION_STATUSES.map(
      (status) =>
        html`<k8s-execution-status status=${status} style="margin-block-end: 8px"></k8s-execution-status>`,
    )}`,
};
