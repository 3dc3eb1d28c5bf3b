import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { User } from '@k8s-chat/core';
import '../src/define/k8s-command-history.js';
import {
  fakeServices,
  makeExecutions,
  withServices,
  type FakeOptions,
} from '../test/helpers/fake-services.js';

const admin = { id: 'u-root', username: 'root', role: 'admin' } as User;

function story(
  options: FakeOptions,
  template = html`<k8s-command-history></k8s-command-history>`,
  style = '',
) {
  return () => withServices(fakeServices(options).services, template, style);
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
