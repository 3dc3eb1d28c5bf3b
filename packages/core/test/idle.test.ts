/**
 * The idle timeout: a monitor unit with short real timers, and the provider's warning dialog against the
 * real reference server (a real session that really ends).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../../tests/helpers/wait-until.js';
import { createIdleMonitor, type AuthRequiredEvent, type IdleMonitor } from '../src/index.js';
import '../src/define/k8s-chat-provider.js';
import type { K8sChatProvider } from '../src/index.js';
import { unique } from './helpers/timing.js';
import { PASSWORD, servers } from './helpers/wire.js';

describe('idle monitor', function () {
  this.timeout(20_000);
  const monitors: IdleMonitor[] = [];
  const make = (target: EventTarget, channelName: string, onExpire = () => {}) => {
    const monitor = createIdleMonitor({ timeoutMs: 2_000, warningMs: 1_000, onExpire, target, channelName });
    monitors.push(monitor);
    return monitor;
  };
  afterEach(() => {
    for (const m of monitors.splice(0)) m.dispose();
  });

  it('warns before the end, then expires once', async () => {
    let expired = 0;
    const monitor = make(new EventTarget(), unique(), () => expired++);
    expect(monitor.$state.get().status).to.equal('active');
    await waitUntil(() => monitor.$state.get().status === 'warning', 'warning');
    expect(monitor.$state.get().secondsLeft).to.be.within(1, 2);
    await waitUntil(() => monitor.$state.get().status === 'expired', 'expired');
    expect(expired).to.equal(1);
    monitor.stayActive();
    expect(monitor.$state.get().status, 'nothing revives an expired session').to.equal('expired');
  });

  it('any activity during the warning keeps the session', async () => {
    const target = new EventTarget();
    let expired = 0;
    const monitor = make(target, unique(), () => expired++);
    await waitUntil(() => monitor.$state.get().status === 'warning', 'warning');
    target.dispatchEvent(new Event('keydown'));
    expect(monitor.$state.get().status).to.equal('active');
    expect(expired).to.equal(0);
  });

  it('activity in another tab counts', async () => {
    const channel = unique();
    const here = make(new EventTarget(), channel);
    const otherTab = new EventTarget();
    make(otherTab, channel);
    await waitUntil(() => here.$state.get().status === 'warning', 'warning here');
    otherTab.dispatchEvent(new Event('pointerdown'));
    await waitUntil(() => here.$state.get().status === 'active', 'the other tab kept this one alive');
  });

  it('before warning, a tab learns activity the other tabs had not told yet', async () => {
    const channel = unique();
    const here = createIdleMonitor({
      timeoutMs: 4_000,
      warningMs: 2_000,
      target: new EventTarget(),
      channelName: channel,
      onExpire: () => {},
    });
    const otherTab = new EventTarget();
    const other = createIdleMonitor({
      timeoutMs: 4_000,
      warningMs: 2_000,
      target: otherTab,
      channelName: channel,
      onExpire: () => {},
    });
    monitors.push(here, other);
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await pause(50); // activity in the monitor's first millisecond is not newer than its start
    otherTab.dispatchEvent(new Event('keydown')); // told at once: the first activity
    await pause(300);
    const heldBack = Date.now();
    otherTab.dispatchEvent(new Event('keydown')); // within 5 s of the last broadcast: not told yet
    await waitUntil(() => here.$state.get().status === 'warning', 'warning here', { timeout: 15_000 });
    expect(here.$state.get().deadline, 'the deadline counts the held-back activity').to.be.at.least(
      heldBack + 4_000,
    );
  });
});

describe('<k8s-chat-provider idle-timeout> against the reference server', function () {
  this.timeout(30_000);

  it('shows an accessible warning, keeps the session on "Stay signed in", and signs out when ignored', async () => {
    const provider = await fixture<K8sChatProvider>(
      html`<k8s-chat-provider
        auth="session"
        base-url=${servers().main}
        idle-timeout="3"
        idle-warning="2"
      ></k8s-chat-provider>`,
    );
    const reasons: string[] = [];
    provider.addEventListener('k8s-auth-required', (e) =>
      reasons.push((e as AuthRequiredEvent).detail.reason),
    );
    await provider.login('alice', PASSWORD);
    const dialog = () => provider.shadowRoot!.querySelector('dialog')!;

    await waitUntil(() => dialog().open, 'the warning opened');
    expect(dialog().getAttribute('role')).to.equal('alertdialog');
    expect(dialog().textContent).to.match(/signed out in \d s/);
    await expect(provider).to.be.accessible();
    expect(provider.shadowRoot!.activeElement?.getAttribute('part'), 'focus on Stay signed in').to.equal(
      'idle-stay',
    );

    (provider.shadowRoot!.querySelector('[part="idle-stay"]') as HTMLButtonElement).click();
    await waitUntil(() => !dialog().open, 'the warning closed');
    expect(provider.services!.auth.$state.get().status).to.not.equal('signed-out');

    await waitUntil(() => provider.services!.auth.$state.get().status === 'signed-out', 'signed out', {
      timeout: 15_000,
    });
    expect(reasons).to.deep.equal(['idle']);
    expect(dialog().open).to.equal(false);
    // The session really ended on the server: a fresh client has no session to resume. The sign-out call
    // to the server runs after the local sign-out, so give it the time to land.
    const refreshStatus = async () =>
      (await fetch(`${servers().main}/api/v1/auth/refresh`, { method: 'POST', credentials: 'include' }))
        .status;
    await waitUntil(async () => (await refreshStatus()) === 401, 'the server session ended');
  });
});
