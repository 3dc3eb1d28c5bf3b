import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define/k8s-account-settings.js';
import {
  SECURITY_NOTICE_FRAME,
  fakeAccountServices,
  withServices,
  type FakeAccountOptions,
} from '../test/helpers/fake-account.js';

function story(options: FakeAccountOptions = {}, attributes = '', style = 'max-inline-size: 40rem') {
  return () =>
    withServices(
      fakeAccountServices(options).services,
      attributes === 'compact'
        ? html`<k8s-account-settings compact></k8s-account-settings>`
        : attributes === 'no-devices'
          ? html`<k8s-account-settings no-devices></k8s-account-settings>`
          : html`<k8s-account-settings></k8s-account-settings>`,
      style,
    );
}

const meta: Meta = {
  title: 'Elements/Account settings',
  component: 'k8s-account-settings',
};
export default meta;
type Story = StoryObj;

/** Defaults, signed in on a laptop and a phone. */
export const Default: Story = { render: story() };

/** Someone who chose the dark theme, a default namespace and sounds. */
export const Chosen: Story = {
  render: story({ preferences: { theme: 'dark', default_namespace: 'staging', sound: true } }),
};

/** Only this device. */
export const OneDevice: Story = { render: story({ devices: [] }) };

/** Preferences only, in a 360 px side panel. */
export const PreferencesOnlySidePanel: Story = {
  render: story({}, 'no-devices', 'inline-size: 360px'),
};

/** Compact. */
export const Compact: Story = { render: story({}, 'compact') };

/** The server failed: what to do and the support reference. */
export const ServerError: Story = { render: story({ failing: true }) };

/** A reused refresh token signed one of the person's devices out: the live security notice (an alert). */
export const SecurityNotice: Story = {
  render: () => {
    const world = fakeAccountServices();
    // The notice arrives on the person's own topic once the element has read its devices (as in its test).
    const pushWhenListening = () => {
      if (world.gateway.open.length === 0 || world.reads.devices === 0) {
        setTimeout(pushWhenListening, 50);
        return;
      }
      world.gateway.last.push(SECURITY_NOTICE_FRAME);
    };
    pushWhenListening();
    return withServices(
      world.services,
      html`<k8s-account-settings></k8s-account-settings>`,
      'max-inline-size: 40rem',
    );
  },
};
