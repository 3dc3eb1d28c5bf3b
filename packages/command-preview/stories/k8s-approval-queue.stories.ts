import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define/k8s-approval-queue.js';
import type { User } from '@k8s-chat/core';
import {
  ADMIN,
  ALICE,
  fakeServices,
  makeApproval,
  makeExecution,
} from '../../../tests/fakes/command-fakes.js';

const BOB = { id: 'u2', username: 'bob', role: 'user' as const };
const items = [
  makeApproval(
    makeExecution('e1', {
      command: 'kubectl delete namespace staging',
      reasons: ['Deletes a namespace.', 'Cannot be undone.'],
      user_id: BOB.id,
      username: BOB.username,
    }),
    { requested_by_user_id: BOB.id, requested_by: BOB.username },
  ),
  makeApproval(
    makeExecution('e2', {
      command: 'kubectl drain node-7 --ignore-daemonsets',
      reasons: ['Evicts every pod on a node.'],
    }),
  ),
  makeApproval(
    makeExecution('e3', { command: 'kubectl delete ns pr\u200bod', user_id: BOB.id, username: BOB.username }),
    { requested_by_user_id: BOB.id, requested_by: BOB.username },
  ),
];

function queue(user: User, withItems = true, stepUp = false) {
  const world = fakeServices({ user, approvals: withItems ? items : [], stepUp });
  return html`<k8s-fake-services .services=${world.services}
    ><k8s-approval-queue></k8s-approval-queue
  ></k8s-fake-services>`;
}

const meta: Meta = {
  title: 'Elements/Approval queue',
  component: 'k8s-approval-queue',
};
export default meta;
type Story = StoryObj;

export const AdminWithItems: Story = { render: () => queue(ADMIN) };
/** Approving a dangerous command asks for the password (try "secret"). */
export const AdminStepUp: Story = { render: () => queue(ADMIN, true, true) };
export const OwnRequests: Story = { render: () => queue(ALICE) };
export const Empty: Story = { render: () => queue(ADMIN, false) };
