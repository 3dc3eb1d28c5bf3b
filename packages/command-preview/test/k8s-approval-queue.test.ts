import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../../tests/helpers/wait-until.js';
import sinon from 'sinon';
import '../src/define/k8s-approval-queue.js';
import {
  ADMIN,
  ALICE,
  fakeServices,
  makeApproval,
  makeExecution,
  type FakeOptions,
  type FakeWorld,
} from '../../../tests/fakes/command-fakes.js';
import { CommandApproveEvent, CommandRejectEvent, type K8sApprovalQueue } from '../src/index.js';

const BOB = { id: 'u2', username: 'bob', role: 'user' as const };
const mine = makeApproval(
  makeExecution('e1', {
    command: 'kubectl delete namespace staging',
    reasons: ['Deletes a namespace.'],
    warnings: ['Everything in it is deleted too.'],
  }),
);
const bobs = makeApproval(
  makeExecution('e2', { command: 'kubectl drain node-1', user_id: BOB.id, username: BOB.username }),
  { requested_by_user_id: BOB.id, requested_by: BOB.username },
);
const bobsWarning = makeApproval(
  makeExecution('e3', {
    command: 'kubectl scale deployment/api --replicas=0',
    safety_level: 'warning',
    user_id: BOB.id,
    username: BOB.username,
  }),
  { requested_by_user_id: BOB.id, requested_by: BOB.username, safety_level: 'warning' },
);

async function mount(options: FakeOptions): Promise<{ el: K8sApprovalQueue; world: FakeWorld }> {
  const world = fakeServices({ approvals: [mine, bobs, bobsWarning], ...options });
  const wrapper = await fixture<HTMLElement>(
    html`<k8s-fake-services .services=${world.services}
      ><k8s-approval-queue></k8s-approval-queue
    ></k8s-fake-services>`,
  );
  const el = wrapper.querySelector('k8s-approval-queue')!;
  await el.updateComplete;
  return { el, world };
}

const $ = (el: K8sApprovalQueue, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const row = (el: K8sApprovalQueue, id: string) => $(el, `[data-approval-id="${id}"]`)!;
const text = (node: Element | null) => node?.textContent?.replace(/\s+/gu, ' ').trim() ?? '';
const clickIn = async (el: K8sApprovalQueue, id: string, selector: string) => {
  const button = row(el, id).querySelector<HTMLElement>(selector);
  expect(button, selector).not.to.equal(null);
  button!.click();
  await el.updateComplete;
};
const type = async (el: K8sApprovalQueue, id: string, selector: string, value: string) => {
  const field = row(el, id).querySelector<HTMLInputElement | HTMLTextAreaElement>(selector)!;
  field.value = value;
  field.dispatchEvent(new Event('input'));
  await el.updateComplete;
};

describe('<k8s-approval-queue>', () => {
  afterEach(() => sinon.restore());

  it('says so when nothing is waiting', async () => {
    const { el } = await mount({ user: ADMIN, approvals: [] });
    expect(text($(el, '[part=empty]'))).to.contain('Nothing is waiting');
    await expect(el).to.be.accessible();
  });

  it("shows an admin everyone's requests with the full preview", async () => {
    const { el } = await mount({ user: ADMIN });
    expect(el.shadowRoot!.querySelectorAll('[part=item]').length).to.equal(3);
    const first = row(el, mine.id);
    expect(text(first.querySelector('[part=command]'))).to.equal('kubectl delete namespace staging');
    expect(first.querySelector('.tok-verb')!.textContent).to.equal('delete');
    expect(text(first.querySelector('[part=badge]'))).to.contain('Dangerous');
    expect(text(first.querySelector('[part=reasons]'))).to.equal('Deletes a namespace.');
    expect(text(first.querySelector('[part=warnings]'))).to.equal('⚠ Everything in it is deleted too.');
    expect(text(first.querySelector('[part=meta]'))).to.contain('Target: prod-eu-admin / prod');
    expect(text(first.querySelector('[part=meta]:last-of-type'))).to.contain('Asked by alice');
    expect(text($(el, '[part=heading]'))).to.equal('Approval requests');
    await expect(el).to.be.accessible();
  });

  it('approves with the command digest', async () => {
    const { el, world } = await mount({ user: ADMIN });
    const fired = oneEvent(el, CommandApproveEvent.eventName);
    await clickIn(el, bobsWarning.id, '.approve');
    expect((await fired).detail.commandDigest).to.equal(bobsWarning.command_digest);
    await waitUntil(() => !$(el, `[data-approval-id="${bobsWarning.id}"]`));
    const [call] = world.callsOf('approve');
    expect(call!.args[0]).to.deep.equal({
      execution_id: 'e3',
      decision: 'approve',
      command_digest: bobsWarning.command_digest,
    });
  });

  it('rejects only with a reason', async () => {
    const { el, world } = await mount({ user: ADMIN });
    await clickIn(el, bobs.id, '.reject');
    expect(world.callsOf('approve')).to.have.length(0);
    await expect(el).to.be.accessible();
    await clickIn(el, bobs.id, '.confirm-reject');
    expect(text(row(el, bobs.id).querySelector('[part=error]'))).to.contain('Give a reason');
    await expect(el).to.be.accessible();
    expect(world.callsOf('approve')).to.have.length(0);
    await type(el, bobs.id, '.reason', 'Drain during the freeze? No.');
    const fired = oneEvent(el, CommandRejectEvent.eventName);
    await clickIn(el, bobs.id, '.confirm-reject');
    expect((await fired).detail.reason).to.equal('Drain during the freeze? No.');
    await waitUntil(() => world.callsOf('approve').length === 1);
    expect(world.callsOf('approve')[0]!.args[0]).to.deep.equal({
      execution_id: 'e2',
      decision: 'reject',
      reason: 'Drain during the freeze? No.',
      command_digest: bobs.command_digest,
    });
  });

  it('asks for the password on STEP_UP_REQUIRED and retries with it', async () => {
    const { el, world } = await mount({ user: ADMIN, stepUp: true, password: 'hunter2' });
    await clickIn(el, bobs.id, '.approve');
    await waitUntil(() => row(el, bobs.id).querySelector('[part=step-up]'));
    expect(world.callsOf('approve')).to.have.length(1);
    await expect(el).to.be.accessible();
    await type(el, bobs.id, '.password', 'wrong');
    await clickIn(el, bobs.id, '[part=step-up] button[type=submit]');
    await waitUntil(() => text(row(el, bobs.id).querySelector('[part=error]')).includes('not accepted'));
    await type(el, bobs.id, '.password', 'hunter2');
    await clickIn(el, bobs.id, '[part=step-up] button[type=submit]');
    await waitUntil(() => !$(el, `[data-approval-id="${bobs.id}"]`));
    const calls = world
      .callsOf('approve')
      .map((c) => c.args[0] as { password?: string; command_digest: string });
    expect(calls.map((c) => c.password)).to.deep.equal([undefined, 'wrong', 'hunter2']);
    expect(calls.every((c) => c.command_digest === bobs.command_digest)).to.equal(true);
  });

  it('an admin cannot approve their own request', async () => {
    const own = makeApproval(makeExecution('e7', { user_id: ADMIN.id }), { requested_by_user_id: ADMIN.id });
    const { el } = await mount({ user: ADMIN, approvals: [own] });
    expect(row(el, own.id).querySelector('.approve')).to.equal(null);
    expect(text(row(el, own.id))).to.contain('another admin must approve');
    await expect(el).to.be.accessible();
  });

  it('lets the host veto a decision', async () => {
    const { el, world } = await mount({ user: ADMIN });
    el.addEventListener(CommandApproveEvent.eventName, (e) => e.preventDefault());
    await clickIn(el, bobs.id, '.approve');
    expect(world.callsOf('approve')).to.have.length(0);
  });

  it('shows a user without approval rights only their own requests, with Cancel', async () => {
    const { el, world } = await mount({ user: ALICE });
    const items = el.shadowRoot!.querySelectorAll('[part=item]');
    expect(items.length).to.equal(1);
    expect(text($(el, '[part=heading]'))).to.equal('Your pending requests');
    expect($(el, '.approve')).to.equal(null);
    await expect(el).to.be.accessible();
    await clickIn(el, mine.id, '.cancel');
    await waitUntil(() => !$(el, '[part=item]'));
    expect(world.callsOf('cancelExecution')[0]!.args[0]).to.equal('e1');
  });

  it('follows the live store', async () => {
    const { el, world } = await mount({ user: ADMIN, approvals: [] });
    world.$approvals.set({ ...world.$approvals.get(), items: [bobs] });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('[part=item]').length).to.equal(1);
  });

  it('marks hidden characters in a queued command', async () => {
    const sneaky = makeApproval(
      makeExecution('e8', { command: 'kubectl delete ns pr\u200bod', user_id: BOB.id }),
      {
        requested_by_user_id: BOB.id,
      },
    );
    const { el } = await mount({ user: ADMIN, approvals: [sneaky] });
    expect(text(row(el, sneaky.id).querySelector('[part=command]'))).to.contain('⟦U+200B⟧');
    expect(row(el, sneaky.id).querySelector('[part=hidden-warning]')).not.to.equal(null);
    await expect(el).to.be.accessible();
  });
});
