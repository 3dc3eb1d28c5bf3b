import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import sinon from 'sinon';
import { KubeChatError } from '@k8s-chat/core';
import '../src/define/k8s-command-preview.js';
import '../src/define/k8s-approval-queue.js';
import { waitUntil } from '../../../tests/helpers/wait-until.js';
import {
  ADMIN,
  fakeServices,
  makeApproval,
  makeExecution,
  makeProposal,
  type FakeWorld,
} from '../../../tests/fakes/command-fakes.js';
import { previewName, type K8sApprovalQueue } from '../src/index.js';

const BOB = { id: 'u2', username: 'bob', role: 'user' as const };
const bobs = makeApproval(
  makeExecution('e2', {
    command: 'kubectl drain node-1',
    safety_level: 'dangerous',
    user_id: BOB.id,
    username: BOB.username,
  }),
  { requested_by_user_id: BOB.id, requested_by: BOB.username },
);

const root = (el: Element) => el.shadowRoot!;
const $ = (el: Element, selector: string) => root(el).querySelector<HTMLElement>(selector);
const row = (el: K8sApprovalQueue, id: string) => $(el, `[data-approval-id="${id}"]`)!;
const typeInto = async (el: K8sApprovalQueue, field: HTMLInputElement, value: string) => {
  field.value = value;
  field.dispatchEvent(new Event('input'));
  await el.updateComplete;
};

async function mountPreviews(world: FakeWorld, commands: string[]) {
  const wrapper = await fixture<HTMLElement>(
    html`<k8s-fake-services .services=${world.services}
      >${commands.map(
        (c, i) =>
          html`<k8s-command-preview
            .proposal=${makeProposal(c)}
            session-id="s1"
            message-id=${`m${i}`}
          ></k8s-command-preview>`,
      )}</k8s-fake-services
    >`,
  );
  const els = [...wrapper.querySelectorAll('k8s-command-preview')];
  for (const el of els) {
    await el.updateComplete;
    await waitUntil(() => !$(el, '.recovering'), 'recovery check done');
  }
  return els;
}

async function mountQueue(world: FakeWorld) {
  const wrapper = await fixture<HTMLElement>(
    html`<k8s-fake-services .services=${world.services}
      ><k8s-approval-queue></k8s-approval-queue
    ></k8s-fake-services>`,
  );
  const el = wrapper.querySelector('k8s-approval-queue')!;
  await el.updateComplete;
  return el;
}

describe('<k8s-command-preview> extras', () => {
  afterEach(() => sinon.restore());

  it('names each preview region after its command, so several previews have distinct landmarks', async () => {
    const world = fakeServices();
    const [a, b] = await mountPreviews(world, [
      'kubectl get pods -n prod',
      'kubectl scale deployment/api -n prod --replicas=3',
    ]);
    expect($(a!, 'section[part=base]')!.getAttribute('aria-label')).to.equal(
      'Command preview: kubectl get pods -n prod',
    );
    expect($(b!, 'section[part=base]')!.getAttribute('aria-label')).to.equal(
      'Command preview: kubectl scale deployment/api -n prod --replicas=3',
    );
    await expect(a!).to.be.accessible();
  });

  it('shortens a long command in the name and falls back for an empty one', () => {
    const long = `kubectl get pods ${'-l app=x '.repeat(30)}`;
    const name = previewName(long);
    expect(name.startsWith('Command preview: kubectl get pods')).to.equal(true);
    expect(name.endsWith('…')).to.equal(true);
    expect(name.length).to.be.lessThan(100);
    expect(previewName('  ')).to.equal('Command preview');
    expect(previewName('kubectl get\n  pods')).to.equal('Command preview: kubectl get pods');
  });

  it('shows a failed run with what to do and the support reference', async () => {
    const world = fakeServices();
    sinon.stub(world.api, 'execute').rejects(
      new KubeChatError({
        kind: 'server',
        status: 503,
        code: 'UNAVAILABLE',
        serverMessage: 'The cluster did not answer.',
        requestId: 'req-42ab',
      }),
    );
    const [el] = await mountPreviews(world, ['kubectl get pods -n prod']);
    $(el!, '[part=run-button]')!.click();
    await waitUntil(() => $(el!, '[part=error-reference]'), 'support reference shown');
    expect($(el!, '[part=error]')!.textContent).to.contain('The cluster did not answer.');
    expect($(el!, '[part=error-reference]')!.textContent).to.equal('Support reference: req-42ab');
    await expect(el!).to.be.accessible();
  });

  it('applies the person’s theme and compact preference', async () => {
    const world = fakeServices();
    world.$preferences.set({
      ...world.$preferences.get(),
      value: { ...world.$preferences.get().value, theme: 'dark', compact: true },
    });
    const [el] = await mountPreviews(world, ['kubectl get pods -n prod']);
    expect(el!.getAttribute('theme')).to.equal('dark');
    expect(el!.hasAttribute('compact')).to.equal(true);
    const queue = await mountQueue(world);
    expect(queue.getAttribute('theme')).to.equal('dark');
  });

  describe('forced colors', () => {
    afterEach(() => emulateMedia({ forcedColors: 'none' }));

    it('keeps the badge, buttons and the expiry countdown framed', async () => {
      const world = fakeServices();
      const [el] = await mountPreviews(world, ['kubectl delete namespace staging']);
      $(el!, '[part=run-button]')!.click();
      await waitUntil(() => $(el!, '[part=countdown]'), 'pending approval with countdown');
      await emulateMedia({ forcedColors: 'active' });
      expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
      const style = (selector: string) => getComputedStyle($(el!, selector)!);
      expect(style('[part=badge]').borderTopWidth).to.equal('2px');
      expect(style('[part=badge]').borderTopStyle).to.equal('solid');
      expect(style('[part=countdown]').borderTopStyle).to.equal('solid');
      expect(style('button').borderTopStyle).to.equal('solid');
      await expect(el!).to.be.accessible();
    });
  });
});

describe('<k8s-approval-queue> extras', () => {
  afterEach(() => sinon.restore());

  it('sends an optional note with Approve as the reason', async () => {
    const world = fakeServices({ user: ADMIN, approvals: [bobs] });
    const el = await mountQueue(world);
    const note = row(el, bobs.id).querySelector<HTMLInputElement>('.approve-reason')!;
    expect(note.closest('label')!.textContent).to.contain('optional');
    await expect(el).to.be.accessible();
    await typeInto(el, note, '  Freeze lifted, go ahead.  ');
    row(el, bobs.id).querySelector<HTMLElement>('.approve')!.click();
    await waitUntil(() => world.callsOf('approve').length === 1);
    expect(world.callsOf('approve')[0]!.args[0]).to.deep.equal({
      execution_id: 'e2',
      decision: 'approve',
      command_digest: bobs.command_digest,
      reason: 'Freeze lifted, go ahead.',
    });
  });

  it('keeps the note through the password step-up', async () => {
    const world = fakeServices({ user: ADMIN, approvals: [bobs], stepUp: true, password: 'pw' });
    const el = await mountQueue(world);
    await typeInto(
      el,
      row(el, bobs.id).querySelector<HTMLInputElement>('.approve-reason')!,
      'Checked with bob',
    );
    row(el, bobs.id).querySelector<HTMLElement>('.approve')!.click();
    await waitUntil(() => row(el, bobs.id).querySelector('[part=step-up]'));
    await typeInto(el, row(el, bobs.id).querySelector<HTMLInputElement>('.password')!, 'pw');
    row(el, bobs.id).querySelector<HTMLElement>('[part=step-up] button[type=submit]')!.click();
    await waitUntil(() => world.callsOf('approve').length === 2);
    const [, second] = world
      .callsOf('approve')
      .map((c) => c.args[0] as { reason?: string; password?: string });
    expect(second).to.include({ reason: 'Checked with bob', password: 'pw' });
  });

  it('shows a failed decision with the support reference', async () => {
    const world = fakeServices({ user: ADMIN, approvals: [bobs] });
    sinon.stub(world.api, 'approve').rejects(
      new KubeChatError({
        kind: 'server',
        status: 500,
        code: 'INTERNAL',
        serverMessage: 'Could not record the decision.',
        requestId: 'req-dec1',
      }),
    );
    const el = await mountQueue(world);
    row(el, bobs.id).querySelector<HTMLElement>('.approve')!.click();
    await waitUntil(() => row(el, bobs.id).querySelector('[part=error-reference]'));
    expect(row(el, bobs.id).querySelector('[part=error-reference]')!.textContent).to.equal(
      'Support reference: req-dec1',
    );
    await expect(el).to.be.accessible();
  });

  describe('forced colors', () => {
    afterEach(() => emulateMedia({ forcedColors: 'none' }));

    it('keeps the badge and the decision buttons framed', async () => {
      const world = fakeServices({ user: ADMIN, approvals: [bobs] });
      const el = await mountQueue(world);
      await emulateMedia({ forcedColors: 'active' });
      const style = (selector: string) => getComputedStyle(row(el, bobs.id).querySelector(selector)!);
      expect(style('[part=badge]').borderTopWidth).to.equal('2px');
      expect(style('button.approve').borderTopWidth).to.equal('2px');
      expect(style('button.reject').borderTopStyle).to.equal('solid');
      await expect(el).to.be.accessible();
    });
  });
});
