import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { User } from '@k8s-chat/core';
import '../src/define/k8s-command-history.js';
import type { K8sCommandHistory } from '../src/index.js';
import {
  execution,
  fakeServices,
  makeExecutions,
  withServices,
  type FakeOptions,
  type FakeWorld,
} from '../test/helpers/fake-services.js';

const admin = { id: 'u-root', username: 'root', role: 'admin' } as User;

function story(
  options: FakeOptions,
  template = html`<k8s-command-history></k8s-command-history>`,
  style = '',
  then?: (el: K8sCommandHistory, world: FakeWorld) => void | Promise<void>,
) {
  return () => {
    const world = fakeServices(options);
    const host = withServices(world.services, template, style);
    if (then) {
      // After the element has connected and rendered its first page.
      setTimeout(() => void then(host.querySelector('k8s-command-history')!, world), 300);
    }
    return host;
  };
}

const meta: Meta = {
  title: 'Elements/Command history',
  component: 'k8s-command-history',
};
export default meta;
type Story = StoryObj;

/** Full page for an admin: filters, summary with chart, and 500 executions. */
export const FullPage: Story = { render: story({ executions: makeExecutions(500), user: admin }) };

/** A Grafana panel, 600×300: compact, fewer columns, no chart. */
export const GrafanaPanel: Story = {
  render: story(
    { executions: makeExecutions(200) },
    html`<k8s-command-history
      compact
      no-filters
      since="24h"
      style="block-size: 300px"
    ></k8s-command-history>`,
    'inline-size: 600px; block-size: 300px; border: 1px solid #ccc',
  ),
};

/** A Backstage entity card: compact, pre-filtered to one namespace. */
export const BackstageEntityCard: Story = {
  render: story(
    { executions: makeExecutions(120) },
    html`<k8s-command-history compact namespace="prod" style="block-size: 360px"></k8s-command-history>`,
    'inline-size: 480px; block-size: 360px',
  ),
};

/** Pre-filtered through attributes, as a dashboard embeds it. */
export const PreFiltered: Story = {
  render: story(
    { executions: makeExecutions(400) },
    html`<k8s-command-history namespace="prod" since="24h" status="failed"></k8s-command-history>`,
  ),
};

export const Empty: Story = { render: story({ executions: [] }) };
export const Loading: Story = { render: story({ hang: true }) };
export const Error: Story = { render: story({ fail: 'server' }) };
export const NoPermission: Story = { render: story({ fail: 'forbidden' }) };

/** 100,000 executions, paged 100 at a time as the reader scrolls. */
export const HundredThousandRows: Story = { render: story({ executions: makeExecutions(100_000) }) };

export const Dark: Story = {
  render: story(
    { executions: makeExecutions(50) },
    html`<k8s-command-history theme="dark"></k8s-command-history>`,
    'background: #0d1117; padding: 8px',
  ),
};

/** The details of a dangerous command: who asked, who approved and when, the status timeline, output. */
export const DetailsWithApprovalTrail: Story = {
  render: story({ executions: [] }, undefined, '', async (el, world) => {
    const run = execution('d1', {
      command: 'kubectl delete pod web-7c9f -n prod',
      safety_level: 'dangerous',
      approval_id: 'a1',
      approved_at: new Date(Date.now() - 50_000).toISOString(),
      reasons: ['deletes a resource in prod'],
      output: 'pod "web-7c9f" deleted',
    });
    world.data.push(run);
    world.approvals.set('d1', {
      id: 'a1',
      command_execution_id: 'd1',
      requested_by_user_id: 'u-alice',
      requested_by: 'alice',
      approved_by_user_id: 'u-root',
      approved_by: 'root',
      status: 'approved',
      reason: null,
      required_role: 'admin',
      command: run.command,
      command_digest: 'd',
      safety_level: 'dangerous',
      expires_at: new Date(Date.now() + 600_000).toISOString(),
      created_at: run.created_at,
      decided_at: run.approved_at,
    });
    el.reload();
    await el.showDetails(run);
  }),
};

/** Values the server hid, marked in the details' command and output (hover for what was hidden). */
export const DetailsWithRedactions: Story = {
  render: story({ executions: [] }, undefined, '', async (el, world) => {
    const run = execution('r1', {
      command: 'kubectl create secret generic db -n prod --from-literal=password=[REDACTED password]',
      output: 'secret/db created\ntoken: [REDACTED token]\nkey: [REDACTED private key]',
    });
    world.data.push(run);
    el.reload();
    await el.showDetails(run);
  }),
};

/** Output that could not be read: core's error notice with the server's support reference. */
export const DetailsError: Story = {
  render: story({ executions: makeExecutions(5) }, undefined, '', async (el) => {
    await el.showDetails(execution('gone'));
  }),
};

/** An export of 5,000 rows on its way: progress with rows and bytes, and a cancel button. */
export const ExportInProgress: Story = {
  render: story({ executions: makeExecutions(5000) }, undefined, '', (el, world) => {
    world.exportHold = true;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[name="export"]')?.click();
  }),
};

/** Live: a new execution arrives every two seconds at the top; the reader's scroll position stays. */
export const LiveUpdates: Story = {
  render: story({ executions: makeExecutions(300) }, undefined, '', (el, world) => {
    let n = 0;
    const timer = setInterval(() => {
      if (!el.isConnected) return clearInterval(timer);
      n += 1;
      world.publish(
        'user:u-alice',
        execution(`live${n}`, {
          command: `kubectl get pods -n prod # live ${n}`,
          created_at: new Date().toISOString(),
        }),
      );
    }, 2000);
  }),
};

/** Keyboard: the focus starts on a cell; arrows, Home/End, PageUp/PageDown and Ctrl+Home/End move it. */
export const KeyboardNavigation: Story = {
  render: story({ executions: makeExecutions(80) }, undefined, '', (el) => el.focusCell(3, 2)),
};
