import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define/k8s-approval-queue.js';
import { KubeChatError, type User } from '@k8s-chat/core';
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

/** Approve takes an optional note (sent as the decision's reason); Reject still needs one. */
export const ApproveWithNote: Story = {
  render: () =>
    html`<p>Type a note next to Approve, then approve: the note goes with the decision.</p>
      ${queue(ADMIN)}`,
};

/** A decision the server could not record: what to do next and the support reference. */
export const DecisionError: Story = {
  render: () => {
    const world = fakeServices({ user: ADMIN, approvals: items });
    world.api.approve = () =>
      Promise.reject(
        new KubeChatError({
          kind: 'server',
          status: 500,
          code: 'INTERNAL',
          serverMessage: 'Could not record the decision.',
          requestId: 'req-dec1',
        }),
      );
    return html`<k8s-fake-services .services=${world.services}
      ><k8s-approval-queue></k8s-approval-queue
    ></k8s-fake-services>`;
  },
};

/** With the person's stored preferences applied: dark theme, compact. */
export const FromPreferences: Story = {
  render: () => {
    const world = fakeServices({ user: ADMIN, approvals: items });
    world.$preferences.set({
      ...world.$preferences.get(),
      value: { ...world.$preferences.get().value, theme: 'dark', compact: true },
    });
    return html`<k8s-fake-services .services=${world.services}
      ><k8s-approval-queue></k8s-approval-queue
    ></k8s-fake-services>`;
  },
};
