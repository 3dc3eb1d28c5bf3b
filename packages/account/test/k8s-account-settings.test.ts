/**
 * <k8s-account-settings> against the real reference server (started by web-test-runner for this group):
 * real preferences, real devices, real sign-out. The security notice comes from a fake socket, because a
 * browser cannot replay an httpOnly refresh cookie to provoke one (the server side is tested in Node).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../../tests/helpers/wait-until.js';
import type { K8sChatProvider, KubeChatServices } from '@k8s-chat/core';
import '@k8s-chat/core/k8s-chat-provider.js';
import '../src/define/k8s-account-settings.js';
import { describeUserAgent } from '../src/index.js';
import { SECURITY_NOTICE_FRAME, fakeAccountServices, withServices } from './helpers/fake-account.js';

const PASSWORD = 'kubechat-demo';
const servers = () => {
  const found = (window as { __KUBECHAT_TEST_SERVERS__?: { main?: string; error?: string } })
    .__KUBECHAT_TEST_SERVERS__;
  if (!found?.main) throw new Error(found?.error ?? 'The reference test server is not running.');
  return { main: found.main };
};

async function signedIn(username: string) {
  const provider = await fixture<K8sChatProvider>(
    html`<k8s-chat-provider auth="session" base-url=${servers().main}>
      <k8s-account-settings></k8s-account-settings>
    </k8s-chat-provider>`,
  );
  await provider.login(username, PASSWORD);
  const element = provider.querySelector('k8s-account-settings')!;
  const root = element.shadowRoot!;
  await waitUntil(() => root.querySelector('fieldset:not([disabled])') !== null, 'preferences loaded');
  await waitUntil(() => root.querySelectorAll('[part="device"]').length > 0, 'devices loaded');
  return { provider, element, root, services: provider.services! };
}

async function loginElsewhere(username: string) {
  // credentials: 'omit' keeps the browser's own session cookie out of it: this is "another device".
  const response = await fetch(`${servers().main}/api/v1/auth/login`, {
    method: 'POST',
    credentials: 'omit',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(response.status).to.equal(200);
}

describe('<k8s-account-settings> against the reference server', function () {
  this.timeout(30_000);
  let services: KubeChatServices | undefined;
  afterEach(async () => {
    await services?.stores
      .updatePreferences({ theme: 'system', compact: false, sound: false, default_namespace: null })
      .catch(() => undefined);
    services = undefined;
  });

  it('changes the theme on the server, applies it to itself, and is accessible', async () => {
    const ctx = await signedIn('alice');
    services = ctx.services;
    await expect(ctx.element).to.be.accessible();
    const changes: unknown[] = [];
    ctx.element.addEventListener('k8s-preferences-change', (e) => changes.push(e.detail.update));
    const dark = ctx.root.querySelector<HTMLInputElement>('input[name="theme"][value="dark"]')!;
    dark.click();
    await waitUntil(() => ctx.element.getAttribute('theme') === 'dark', 'the element went dark');
    expect((await ctx.services.api.preferences()).theme).to.equal('dark');
    expect(changes).to.deep.equal([{ theme: 'dark' }]);
    expect(ctx.root.querySelector('[role="status"]')!.textContent!.trim()).to.equal('Saved.');
    await expect(ctx.element).to.be.accessible();
  });

  it('refuses an invalid default namespace in place, and saves a valid one with Enter', async () => {
    const ctx = await signedIn('alice');
    services = ctx.services;
    const input = ctx.root.querySelector<HTMLInputElement>('#namespace')!;
    input.value = 'Not Valid';
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('change'));
    await ctx.element.updateComplete;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(ctx.root.querySelector('#namespace-help')!.textContent).to.match(/lowercase letters/);
    expect((await ctx.services.api.preferences()).default_namespace, 'nothing sent').to.equal(null);
    await expect(ctx.element).to.be.accessible();

    input.value = 'staging';
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await waitUntil(
      async () => (await ctx.services.api.preferences()).default_namespace === 'staging',
      'saved on the server',
    );
  });

  it('lists the devices with this one marked, and signs another one out', async () => {
    await loginElsewhere('bob');
    const ctx = await signedIn('bob');
    services = ctx.services;
    const devices = () => [...ctx.root.querySelectorAll('[part="device"]')];
    await waitUntil(() => devices().length >= 2, 'both devices listed');
    expect(devices()[0]!.textContent, 'this device first').to.contain('This device');
    const before = (await ctx.services.api.devices()).length;
    const other = devices().find((d) => !d.textContent!.includes('This device'))!;
    const button = other.querySelector('button')!;
    expect(button.getAttribute('aria-label')).to.match(/^Sign out .+ \(.+\)$/);
    button.click();
    await waitUntil(async () => (await ctx.services.api.devices()).length === before - 1, 'revoked');
    await waitUntil(() => devices().length === before - 1, 'gone from the list');
    expect(ctx.services.auth.$state.get().status, 'still signed in here').to.not.equal('signed-out');
  });

  it('lets the host veto a sign-out', async () => {
    await loginElsewhere('bob');
    const ctx = await signedIn('bob');
    services = ctx.services;
    const before = (await ctx.services.api.devices()).length;
    ctx.element.addEventListener('k8s-device-sign-out', (e) => e.preventDefault());
    const other = [...ctx.root.querySelectorAll('[part="device"]')].find(
      (d) => !d.textContent!.includes('This device'),
    )!;
    other.querySelector('button')!.click();
    await ctx.element.updateComplete;
    expect((await ctx.services.api.devices()).length).to.equal(before);
  });

  it('clears everything and asks to sign in after a sign-out', async () => {
    const ctx = await signedIn('alice');
    await ctx.provider.logout();
    await waitUntil(() => /Sign in to see/.test(ctx.root.textContent ?? ''), 'sign-in prompt');
    expect(ctx.root.querySelectorAll('[part="device"]')).to.have.length(0);
    expect(ctx.root.querySelector('[part="preferences"]')).to.equal(null);
    await expect(ctx.element).to.be.accessible();
  });
});

describe('<k8s-account-settings> security notices', () => {
  it('shows a security notice from the socket as an alert, and reads the devices again', async () => {
    const { services, gateway, reads } = fakeAccountServices();
    try {
      const host = withServices(services, html`<k8s-account-settings></k8s-account-settings>`);
      document.body.append(host);
      const element = host.querySelector('k8s-account-settings')!;
      await waitUntil(() => gateway.open.length > 0, 'socket open');
      await waitUntil(() => reads.devices > 0, 'devices read');
      const before = reads.devices;
      gateway.last.push(SECURITY_NOTICE_FRAME);
      const notice = () => element.shadowRoot!.querySelector('[part="notice"]');
      await waitUntil(() => notice() !== null, 'notice shown');
      expect(notice()!.getAttribute('role')).to.equal('alert');
      expect(notice()!.textContent).to.contain('used twice');
      await waitUntil(() => reads.devices > before, 'devices read again');
      await expect(element).to.be.accessible();
      notice()!.querySelector('button')!.click();
      await waitUntil(() => notice() === null, 'dismissed');
      host.remove();
    } finally {
      services.dispose();
    }
  });

  it('shows a failed read with what to do and the support reference', async () => {
    const { services } = fakeAccountServices({ failing: true });
    try {
      const host = withServices(services, html`<k8s-account-settings></k8s-account-settings>`);
      document.body.append(host);
      const element = host.querySelector('k8s-account-settings')!;
      await waitUntil(() => element.shadowRoot!.querySelector('[part="error"]') !== null, 'error shown');
      expect(element.shadowRoot!.querySelector('[part="error"]')!.textContent).to.match(
        /Support reference: req-7f3a9c/,
      );
      await expect(element).to.be.accessible();
      host.remove();
    } finally {
      services.dispose();
    }
  });
});

describe('describeUserAgent', () => {
  it('names common browsers and systems, and never claims Chrome for Edge', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
      ),
    ).to.equal('Chrome on Linux');
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0',
      ),
    ).to.equal('Edge on Windows');
    expect(
      describeUserAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Safari/604.1',
      ),
    ).to.equal('Safari on iOS');
    expect(describeUserAgent('curl/8.5.0')).to.equal('curl');
    expect(describeUserAgent('')).to.equal('Unknown browser');
  });
});
