import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define/k8s-execution-status.js';
import { EXECUTION_STATUSES, KubeChatError, type Execution, type ExecutionStatus } from '@k8s-chat/core';
import { fakeServices, makeExecution } from '../../../tests/fakes/command-fakes.js';

interface Args {
  status: ExecutionStatus;
}

const FINAL = ['completed', 'failed', 'cancelled', 'timeout', 'rejected'];
const ANSI =
  '\x1b[1mNAME                     READY   STATUS    RESTARTS\x1b[0m\n' +
  'api-7c9f8d6b5-x2k4q      1/1     \x1b[32mRunning\x1b[0m   0\n' +
  'worker-5d4c8b7f9-9lmn    0/1     \x1b[31mCrashLoopBackOff\x1b[0m   12\n' +
  'batch-6b5d7c8e4-77zz     1/1     \x1b[33mPending\x1b[0m   0\n' +
  'Docs: https://kubernetes.io/docs/reference/kubectl/\n' +
  '\x1b]8;;javascript:alert(1)\x07a javascript: OSC 8 link stays text\x1b]8;;\x07\n' +
  '\x1b]52;c;ZXZpbA==\x07(an OSC 52 clipboard write was removed here)\n' +
  'bidi: \u202Eevil\u202C <script>alert(1)</script>\n';

function live(
  patch: Partial<Execution>,
  progress: { percentage: number; stage: string; description: string } | null = null,
) {
  const execution = makeExecution('e1', patch);
  const world = fakeServices({ executions: [execution] });
  if (progress) world.update('e1', { progress });
  return world;
}

function withStatus(status: ExecutionStatus): Partial<Execution> {
  return {
    status,
    output: status === 'pending' || status === 'pending_approval' ? '' : 'deployment.apps/api scaled\n',
    exit_code: status === 'completed' ? 0 : status === 'failed' ? 1 : null,
    completed_at: FINAL.includes(status) ? '2026-01-01T12:00:04.200Z' : null,
    execution_time_ms: FINAL.includes(status) ? 4200 : null,
    executed_at:
      status === 'pending' || status === 'pending_approval'
        ? null
        : new Date(Date.now() - 3000).toISOString(),
    created_at: new Date(Date.now() - 5000).toISOString(),
    error_message: status === 'failed' ? 'error: deployments.apps "api" not found' : null,
    rollback_available: status === 'completed',
  };
}

const meta: Meta<Args> = {
  title: 'Elements/Execution status',
  component: 'k8s-execution-status',
  argTypes: { status: { control: 'select', options: [...EXECUTION_STATUSES] } },
  render: (args) => {
    const world = live(withStatus(args.status));
    return html`<k8s-fake-services .services=${world.services}
      ><k8s-execution-status execution-id="e1"></k8s-execution-status
    ></k8s-fake-services>`;
  },
};
export default meta;
type Story = StoryObj<Args>;

export const Pending: Story = { args: { status: 'pending' } };
export const PendingApproval: Story = { args: { status: 'pending_approval' } };
export const Approved: Story = { args: { status: 'approved' } };
export const Executing: Story = {
  render: () => {
    const world = live(withStatus('executing'), {
      percentage: 45,
      stage: 'apply',
      description: 'Waiting for rollout',
    });
    return html`<k8s-fake-services .services=${world.services}
      ><k8s-execution-status execution-id="e1"></k8s-execution-status
    ></k8s-fake-services>`;
  },
};
export const Completed: Story = { args: { status: 'completed' } };
export const Failed: Story = { args: { status: 'failed' } };
export const Cancelled: Story = { args: { status: 'cancelled' } };
export const Timeout: Story = { args: { status: 'timeout' } };
export const Rejected: Story = { args: { status: 'rejected' } };

/** ANSI colours as styled text; an OSC 8 `javascript:` link, OSC 52 and bidi controls neutralised. */
export const AnsiOutput: Story = {
  render: () => {
    const world = live({ ...withStatus('completed'), output: ANSI });
    return html`<k8s-fake-services .services=${world.services}
      ><k8s-execution-status execution-id="e1"></k8s-execution-status
    ></k8s-fake-services>`;
  },
};

/** 20,000 lines, all scrollable: only the rows in view are in the DOM (virtualized); Download has them all. */
export const VeryLongOutput: Story = {
  render: () => {
    const output = Array.from(
      { length: 20_000 },
      (_, i) => `${String(i + 1).padStart(5, '0')} I1128 reconcile loop ok \x1b[32m✓\x1b[0m`,
    ).join('\n');
    const world = live({ ...withStatus('completed'), output });
    return html`<k8s-fake-services .services=${world.services}
      ><k8s-execution-status execution-id="e1"></k8s-execution-status
    ></k8s-fake-services>`;
  },
};

/** 30,000 lines with `max-lines` 5,000: the oldest 25,000 are dropped from the screen, and it says so. */
export const CappedOutput: Story = {
  render: () => {
    const output = Array.from({ length: 30_000 }, (_, i) => `line ${i + 1}`).join('\n');
    const world = live({ ...withStatus('completed'), output });
    return html`<k8s-fake-services .services=${world.services}
      ><k8s-execution-status execution-id="e1" max-lines="5000"></k8s-execution-status
    ></k8s-fake-services>`;
  },
};

/** Running while the connection is lost: it says the status may be out of date instead of looking live. */
export const ConnectionLost: Story = {
  render: () => {
    const world = live({ ...withStatus('executing'), output: 'Waiting for deployment "api" rollout…\n' });
    world.$connection.set('reconnecting');
    return html`<k8s-fake-services .services=${world.services}
      ><k8s-execution-status execution-id="e1"></k8s-execution-status
    ></k8s-fake-services>`;
  },
};

/** A completed change with a rollback plan on offer (click Plan rollback). */
export const WithRollback: Story = {
  render: () => {
    const world = live({ ...withStatus('completed'), rollback_available: true });
    return html`<k8s-fake-services .services=${world.services}
      ><k8s-execution-status execution-id="e1"></k8s-execution-status
    ></k8s-fake-services>`;
  },
};

/** Without services: the first version's attribute API. */
export const StatusOnly: Story = {
  render: () =>
    html`${EXECUTION_STATUSES.map(
      (status) =>
        html`<k8s-execution-status status=${status} style="margin-block-end: 8px"></k8s-execution-status>`,
    )}`,
};

const REDACTED_SECRET =
  'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-credentials\n  namespace: prod\ntype: Opaque\ndata:\n' +
  '  password: [REDACTED secret data]\n  username: [REDACTED secret data]\n' +
  '\x1b[33mwarning:\x1b[0m header Authorization: Bearer [REDACTED token]\n' +
  '-----BEGIN PRIVATE KEY----- [REDACTED private key]\n';

/** Secret values the server hid: each marker is a marked "hidden: …" span that says why (hover it). */
export const RedactedOutput: Story = {
  render: () => {
    const world = live({
      ...withStatus('completed'),
      command: 'kubectl get secret db-credentials -n prod -o yaml',
      output: REDACTED_SECRET,
    });
    return html`<k8s-fake-services .services=${world.services}
      ><k8s-execution-status execution-id="e1"></k8s-execution-status
    ></k8s-fake-services>`;
  },
};

/**
 * Sound on (the `sound` attribute; the person's `sound` preference does the same): it finishes three
 * seconds after the story opens with a short success tone and a polite announcement. Click the page first:
 * browsers only allow sound after a gesture.
 */
export const SoundOnCompletion: Story = {
  render: () => {
    const world = live({ ...withStatus('executing'), output: 'deployment.apps/api scaled\n' });
    setTimeout(
      () =>
        world.update('e1', {
          execution: { status: 'completed', exit_code: 0, completed_at: new Date().toISOString() },
        }),
      3000,
    );
    return html`<k8s-fake-services .services=${world.services}
      ><k8s-execution-status execution-id="e1" sound></k8s-execution-status
    ></k8s-fake-services>`;
  },
};

/** A failed action shows what to do next and the support reference (the request id the server logged). */
export const ErrorWithSupportReference: Story = {
  render: () => {
    const world = live(withStatus('executing'));
    world.api.cancelExecution = () =>
      Promise.reject(
        new KubeChatError({
          kind: 'server',
          status: 500,
          code: 'INTERNAL',
          serverMessage: 'The server could not cancel it.',
          requestId: 'req-7f3a9c',
        }),
      );
    return html`<p>Click Cancel… and Yes, cancel it.</p>
      <k8s-fake-services .services=${world.services}
        ><k8s-execution-status execution-id="e1"></k8s-execution-status
      ></k8s-fake-services>`;
  },
};

/** High contrast: open with "forced-colors: active" emulated (DevTools › Rendering) to see the frames. */
export const HighContrast: Story = {
  render: () => {
    const world = live({ ...withStatus('failed'), output: 'token: [REDACTED token]\n' });
    return html`<div style="forced-color-adjust: auto">
      <k8s-fake-services .services=${world.services}
        ><k8s-execution-status execution-id="e1"></k8s-execution-status
      ></k8s-fake-services>
    </div>`;
  },
};
