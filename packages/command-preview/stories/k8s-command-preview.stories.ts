import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define/k8s-command-preview.js';
import { KubeChatError, type CommandProposal, type SafetyLevel, type User } from '@k8s-chat/core';
import {
  ADMIN,
  ALICE,
  VIEWER,
  fakeServices,
  makeApproval,
  makeExecution,
  makeProposal,
} from '../../../tests/fakes/command-fakes.js';

const COMMANDS: Record<SafetyLevel, string> = {
  safe: 'kubectl get pods -n prod',
  warning: 'kubectl scale deployment/api -n prod --replicas=3',
  dangerous: 'kubectl delete namespace staging',
};

function preview(proposal: CommandProposal, user: User = ALICE, dryRun: string | null = null) {
  const world = fakeServices({ user });
  return html`<k8s-fake-services .services=${world.services}
    ><k8s-command-preview
      .proposal=${proposal}
      .dryRun=${dryRun}
      session-id="s1"
      message-id="m1"
    ></k8s-command-preview
  ></k8s-fake-services>`;
}

interface Args {
  command: string;
  safetyLevel: SafetyLevel;
  explanation: string;
}

const meta: Meta<Args> = {
  title: 'Elements/Command preview',
  component: 'k8s-command-preview',
  argTypes: { safetyLevel: { control: 'inline-radio', options: ['safe', 'warning', 'dangerous'] } },
  render: (args) =>
    html`<k8s-command-preview
      command=${args.command}
      safety-level=${args.safetyLevel}
      explanation=${args.explanation}
    ></k8s-command-preview>`,
};
export default meta;
type Story = StoryObj<Args>;

/** Attributes only, no services: a read-only preview. */
export const AttributesOnly: Story = {
  args: { command: COMMANDS.safe, safetyLevel: 'safe', explanation: 'Lists the pods in prod.' },
};

export const Safe: Story = {
  render: () => preview(makeProposal(COMMANDS.safe, { explanation: 'Lists the pods in prod.' })),
};

export const Warning: Story = {
  render: () =>
    preview(
      makeProposal(COMMANDS.warning, {
        explanation: 'Scales the api deployment in prod to 3 replicas.',
        reasons: ['Changes the replica count of a deployment.'],
        warnings: ['Pods start and stop; traffic may be affected briefly.'],
        impact: {
          objects: [{ kind: 'deployment', name: 'api', namespace: 'prod' }],
          count: 1,
          scope: 'namespace',
        },
      }),
      ALICE,
      'deployment.apps/api scaled (server dry run)',
    ),
};

export const Dangerous: Story = {
  render: () =>
    preview(
      makeProposal(COMMANDS.dangerous, {
        explanation: 'Deletes the staging namespace and everything in it.',
        reasons: ['Deletes a namespace.', 'Cannot be undone.'],
        impact: { objects: 'every object in namespace staging', scope: 'namespace' },
      }),
    ),
};

export const AsAdmin: Story = { render: () => preview(makeProposal(COMMANDS.warning), ADMIN) };

export const AsViewer: Story = { render: () => preview(makeProposal(COMMANDS.warning), VIEWER) };

/** Clicks a control inside the preview, for states that only a person's action reaches. */
async function clickIn(canvas: HTMLElement, selector: string, value?: string): Promise<void> {
  const el = canvas.querySelector('k8s-command-preview')!;
  await el.updateComplete;
  for (let i = 0; i < 50 && !el.shadowRoot!.querySelector(selector); i++)
    await new Promise((resolve) => setTimeout(resolve, 20));
  const target = el.shadowRoot!.querySelector<HTMLElement>(selector)!;
  if (value !== undefined) {
    (target as HTMLTextAreaElement).value = value;
    target.dispatchEvent(new Event('input'));
  } else target.click();
  await el.updateComplete;
}

/** Warning, first click: the second, explicit confirmation. */
export const ConfirmStep: Story = {
  render: () => preview(makeProposal(COMMANDS.warning)),
  play: async ({ canvasElement }) => clickIn(canvasElement, '[part=run-button]'),
};

/** Editing: the command in a text field; Check command asks the server again. */
export const Editing: Story = {
  render: () => preview(makeProposal(COMMANDS.safe)),
  play: async ({ canvasElement }) => clickIn(canvasElement, '.edit'),
};

/** An edit the server re-checked: the level went from Safe to Dangerous, and the namespace changed. */
export const EditedLevelChanged: Story = {
  render: () => preview(makeProposal(COMMANDS.safe)),
  play: async ({ canvasElement }) => {
    await clickIn(canvasElement, '.edit');
    await clickIn(canvasElement, 'textarea', 'kubectl delete pods --all -n kube-system');
    await clickIn(canvasElement, '.check');
  },
};

/** A server-side dry run of a dangerous command: nothing changes, no approval needed. */
export const DryRun: Story = {
  render: () => preview(makeProposal(COMMANDS.warning)),
  play: async ({ canvasElement }) => clickIn(canvasElement, '.dry-run-button'),
};

/** The requester cancelled their pending request. */
export const CancelledRequest: Story = {
  render: () => preview(makeProposal(COMMANDS.dangerous)),
  play: async ({ canvasElement }) => {
    await clickIn(canvasElement, '[part=run-button]');
    await clickIn(canvasElement, '.cancel-request');
  },
};

function decided(status: 'pending' | 'rejected' | 'expired') {
  const execution = makeExecution('e1', {
    command: COMMANDS.dangerous,
    status: status === 'rejected' ? 'rejected' : 'pending_approval',
  });
  const world = fakeServices({ user: ALICE, executions: [execution] });
  const approval = makeApproval(execution, {
    status,
    reason: status === 'rejected' ? 'Not during the release freeze.' : null,
    approved_by: status === 'rejected' ? 'root-admin' : null,
  });
  world.update('e1', { approval });
  return html`<k8s-fake-services .services=${world.services}
    ><k8s-command-preview
      .proposal=${makeProposal(COMMANDS.dangerous)}
      execution-id="e1"
    ></k8s-command-preview
  ></k8s-fake-services>`;
}

/** Approved: shown only after REST confirmed the execution still carries the digest that was approved. */
export const Approved: Story = {
  render: () => approvedAs(null),
};

/** The approved execution's digest differs from what is shown: never presented as approved. */
export const ApprovedButCommandChanged: Story = {
  render: () => approvedAs('sha256:someone-else'),
};

function approvedAs(serverDigest: string | null) {
  const execution = makeExecution('e1', { command: COMMANDS.dangerous, status: 'approved' });
  const world = fakeServices({ user: ALICE, executions: [execution] });
  world.update('e1', {
    approval: makeApproval(execution, { status: 'approved', approved_by: 'root-admin' }),
  });
  if (serverDigest) world.executions.set('e1', { ...execution, command_digest: serverDigest });
  return html`<k8s-fake-services .services=${world.services}
    ><k8s-command-preview
      .proposal=${makeProposal(COMMANDS.dangerous)}
      execution-id="e1"
    ></k8s-command-preview
  ></k8s-fake-services>`;
}

/** After Request approval: waiting, with who must approve and the countdown. */
export const PendingApprovalCountdown: Story = { render: () => decided('pending') };

export const Rejected: Story = { render: () => decided('rejected') };
export const Expired: Story = { render: () => decided('expired') };

/** Bidi override, zero-width space, Cyrillic homoglyphs and markup: all shown as text, markers and a warning. */
export const HostileCommand: Story = {
  render: () =>
    preview(
      makeProposal(
        'kube\u0441tl delete pod\u200b web -n pr\u043Ed \u202Egnp.x <img src=x onerror=alert(1)>',
        {
          explanation: 'Shown as text; nothing in it is ever HTML.',
        },
      ),
    ),
};

/** Once the command runs, the execution status follows below. */
export const Running: Story = {
  render: () => {
    const execution = makeExecution('e1', {
      command: COMMANDS.safe,
      status: 'completed',
      exit_code: 0,
      execution_time_ms: 310,
      completed_at: '2026-01-01T12:00:01.310Z',
      output: 'NAME   READY   STATUS\napi-1  1/1     \x1b[32mRunning\x1b[0m\n',
    });
    const world = fakeServices({ user: ALICE, executions: [execution] });
    return html`<k8s-fake-services .services=${world.services}
      ><k8s-command-preview .proposal=${makeProposal(COMMANDS.safe)} execution-id="e1"></k8s-command-preview
    ></k8s-fake-services>`;
  },
};

/** Several previews in one conversation: each region is named "Command preview: <its command>". */
export const SeveralPreviews: Story = {
  render: () => {
    const world = fakeServices({ user: ALICE });
    return html`<k8s-fake-services .services=${world.services}
      >${Object.values(COMMANDS).map(
        (command, i) =>
          html`<k8s-command-preview
            .proposal=${makeProposal(command)}
            session-id="s1"
            message-id=${`m${i}`}
            style="margin-block-end: 12px"
          ></k8s-command-preview>`,
      )}</k8s-fake-services
    >`;
  },
};

/** Run fails on the server: the message, what to do next and the support reference (click Run). */
export const RunErrorWithSupportReference: Story = {
  render: () => {
    const world = fakeServices({ user: ALICE });
    world.api.execute = () =>
      Promise.reject(
        new KubeChatError({
          kind: 'server',
          status: 503,
          code: 'UNAVAILABLE',
          serverMessage: 'The cluster did not answer.',
          requestId: 'req-42ab',
        }),
      );
    return html`<k8s-fake-services .services=${world.services}
      ><k8s-command-preview
        .proposal=${makeProposal(COMMANDS.safe)}
        session-id="s1"
        message-id="m1"
      ></k8s-command-preview
    ></k8s-fake-services>`;
  },
};

/** High contrast: emulate "forced-colors: active" (DevTools › Rendering) to see framed badges and countdown. */
export const HighContrastPending: Story = { render: () => decided('pending') };
