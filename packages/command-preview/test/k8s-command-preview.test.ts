import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../../tests/helpers/wait-until.js';
import { sendKeys } from '@web/test-runner-commands';
import sinon from 'sinon';
import type { CommandProposal, SafetyLevel, User } from '@k8s-chat/core';
import '../src/define/k8s-command-preview.js';
import {
  ADMIN,
  ALICE,
  VIEWER,
  fakeServices,
  makeApproval,
  makeExecution,
  makeProposal,
  type FakeOptions,
  type FakeWorld,
} from '../../../tests/fakes/command-fakes.js';
import {
  CommandRunEvent,
  describeImpact,
  formatCountdown,
  tokenizeCommand,
  type K8sCommandPreview,
} from '../src/index.js';

const COMMANDS: Record<SafetyLevel, string> = {
  safe: 'kubectl get pods -n prod',
  warning: 'kubectl scale deployment/api -n prod --replicas=3',
  dangerous: 'kubectl delete namespace staging',
};

async function mount(
  proposal: CommandProposal,
  options: FakeOptions = {},
): Promise<{ el: K8sCommandPreview; world: FakeWorld }> {
  const world = fakeServices(options);
  const wrapper = await fixture<HTMLElement>(
    html`<k8s-fake-services .services=${world.services}
      ><k8s-command-preview .proposal=${proposal} session-id="s1" message-id="m7"></k8s-command-preview
    ></k8s-fake-services>`,
  );
  const el = wrapper.querySelector('k8s-command-preview')!;
  await el.updateComplete;
  // It first looks for an execution its message already started.
  await waitUntil(() => !el.shadowRoot!.querySelector('.recovering'), 'recovery check done');
  return { el, world };
}

const $ = (el: K8sCommandPreview, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const text = (el: K8sCommandPreview, selector: string) =>
  $(el, selector)?.textContent?.replace(/\s+/gu, ' ').trim() ?? '';
const click = async (el: K8sCommandPreview, selector: string) => {
  const button = $(el, selector);
  expect(button, `button ${selector}`).not.to.equal(null);
  button!.click();
  await el.updateComplete;
};

describe('<k8s-command-preview>', () => {
  afterEach(() => sinon.restore());

  describe('attribute API (first version)', () => {
    it('shows the command, the level as text and the explanation', async () => {
      const el = await fixture<K8sCommandPreview>(
        html`<k8s-command-preview
          command="kubectl scale deployment/api -n prod --replicas=3"
          safety-level="warning"
          explanation="Scales api to 3 replicas."
        ></k8s-command-preview>`,
      );
      const root = el.shadowRoot!;
      expect(root.querySelector('[part=command]')!.textContent).to.equal(
        'kubectl scale deployment/api -n prod --replicas=3',
      );
      expect(root.querySelector('[part=badge]')!.textContent).to.contain('Warning');
      expect(root.querySelector('[part=explanation]')!.textContent).to.equal('Scales api to 3 replicas.');
      expect(root.querySelector('[part=run-button]')).to.equal(null); // no services: nothing can run
      await expect(el).to.be.accessible();
    });

    it('renders a hostile command as inert text', async () => {
      const el = await fixture<K8sCommandPreview>(
        html`<k8s-command-preview .command=${'<img src=x onerror=alert(1)>'}></k8s-command-preview>`,
      );
      const code = el.shadowRoot!.querySelector('[part=command]')!;
      expect(code.querySelector('img')).to.equal(null);
      expect(code.textContent).to.equal('<img src=x onerror=alert(1)>');
    });

    it('treats an unknown safety level as dangerous', async () => {
      const el = await fixture<K8sCommandPreview>(
        html`<k8s-command-preview command="kubectl get pods" safety-level="low"></k8s-command-preview>`,
      );
      expect(el.safetyLevel).to.equal('dangerous');
      expect(el.getAttribute('safety-level')).to.equal('dangerous');
    });
  });

  describe('what is shown', () => {
    it('highlights kubectl tokens as spans', async () => {
      const kinds = tokenizeCommand('kubectl get pods -n prod --replicas=3 | grep x')
        .filter((t) => t.kind !== 'space')
        .map((t) => `${t.kind}:${t.text}`);
      expect(kinds).to.deep.equal([
        'program:kubectl',
        'verb:get',
        'resource:pods',
        'flag:-n',
        'value:prod',
        'flag:--replicas=',
        'value:3',
        'operator:|',
        'program:grep',
        'argument:x',
      ]);
      const { el } = await mount(makeProposal(COMMANDS.warning));
      expect(text(el, '.tok-verb')).to.equal('scale');
      expect(text(el, '.tok-resource')).to.equal('deployment/api');
      expect(el.shadowRoot!.querySelectorAll('.tok-flag').length).to.equal(2);
    });

    it('shows target, explanation, reasons, warnings, impact and dry run', async () => {
      const proposal = makeProposal(COMMANDS.warning, {
        reasons: ['Changes the replica count.'],
        warnings: ['Traffic may drop while pods start.'],
        impact: {
          objects: [{ kind: 'deployment', name: 'api', namespace: 'prod' }],
          count: 1,
          scope: 'namespace',
        },
      });
      const world = fakeServices();
      const wrapper = await fixture<HTMLElement>(
        html`<k8s-fake-services .services=${world.services}
          ><k8s-command-preview
            .proposal=${proposal}
            .dryRun=${'deployment.apps/api scaled (dry run)'}
          ></k8s-command-preview
        ></k8s-fake-services>`,
      );
      const el = wrapper.querySelector('k8s-command-preview')!;
      await el.updateComplete;
      expect(text(el, '[part=target]')).to.contain('prod-eu-admin');
      expect(text(el, '[part=target]')).to.contain('prod');
      expect(text(el, '[part=reasons]')).to.equal('Changes the replica count.');
      expect(text(el, '[part=warnings]')).to.contain('Traffic may drop');
      expect(text(el, '[part=impact]')).to.contain('deployment/api (prod)');
      expect(text(el, '[part=impact]')).to.contain('Scope');
      expect(text(el, '[part=dry-run]')).to.contain('scaled (dry run)');
      expect(describeImpact('cluster-wide')).to.deep.equal([{ label: 'Impact', value: 'cluster-wide' }]);
      await expect(el).to.be.accessible();
    });

    it('copies the exact command', async () => {
      const writeText = sinon.stub(navigator.clipboard, 'writeText').resolves();
      const { el } = await mount(makeProposal(COMMANDS.safe));
      await click(el, '[part=copy-button]');
      expect(writeText).to.have.been.calledOnceWith(COMMANDS.safe);
      await waitUntil(() => text(el, '[part=copy-button]') === 'Copied');
    });

    const hostile: [string, string, string][] = [
      ['bidi override', 'kubectl get pods -n \u202Eprod', '⟦U+202E⟧'],
      ['zero-width space', 'kubectl delete pod\u200b web', '⟦U+200B⟧'],
      ['Cyrillic homoglyph', 'kubectl get pods -n prоd', '⟦U+043E⟧'],
      ['Cyrillic look-alike in the program name', 'kubeсtl get pods', '⟦U+0441⟧'],
    ];
    for (const [name, command, marker] of hostile) {
      it(`makes a ${name} visible and warns (X10)`, async () => {
        const { el } = await mount(makeProposal(command));
        const shown = $(el, '[part=command]')!.textContent!;
        expect(shown).to.contain(marker);
        expect(shown).not.to.match(/[\u202E\u200B\u043E\u0441]/u);
        expect(text(el, '[part=hidden-warning]')).to.contain('1 invisible or look-alike character');
        expect(el.safetyLevel).to.equal('dangerous');
        await expect(el).to.be.accessible();
      });
    }

    it('never turns markup in a command into HTML', async () => {
      const { el } = await mount(makeProposal('kubectl get pods <img src=x onerror=alert(1)>'));
      expect($(el, '[part=command] img')).to.equal(null);
      expect(text(el, '[part=command]')).to.contain('<img src=x onerror=alert(1)>');
    });
  });

  describe('actions by level and role', () => {
    const roles: [string, User][] = [
      ['user', ALICE],
      ['admin', ADMIN],
    ];
    for (const [roleName, user] of roles) {
      it(`safe × ${roleName}: Run runs at once with the context`, async () => {
        const { el, world } = await mount(makeProposal(COMMANDS.safe), { user });
        expect(text(el, '[part=run-button]')).to.equal('Run');
        const fired = oneEvent(el, CommandRunEvent.eventName);
        await click(el, '[part=run-button]');
        const event = await fired;
        expect(event.detail).to.deep.equal({
          command: COMMANDS.safe,
          safetyLevel: 'safe',
          sessionId: 's1',
          messageId: 'm7',
        });
        await waitUntil(() => el.executionId === 'e1');
        const [call] = world.callsOf('execute');
        expect(call!.args[0]).to.deep.equal({ command: COMMANDS.safe, session_id: 's1', message_id: 'm7' });
        expect((call!.args[1] as { idempotencyKey: string }).idempotencyKey).to.be.a('string');
        await el.updateComplete;
        expect($(el, 'k8s-execution-status')!.getAttribute('execution-id')).to.equal('e1');
        // Started here: its end is news even if the first read already finds it finished.
        expect($(el, 'k8s-execution-status')!.hasAttribute('live')).to.equal(true);
        expect($(el, 'k8s-execution-status')!.hasAttribute('sound'), 'sound off by default').to.equal(false);
        el.sound = true;
        await el.updateComplete;
        expect($(el, 'k8s-execution-status')!.hasAttribute('sound'), 'the page turned sound on').to.equal(
          true,
        );
        expect($(el, '[part=run-button]')).to.equal(null);
        await expect(el).to.be.accessible();
      });

      it(`warning × ${roleName}: two steps, the first only asks`, async () => {
        const { el, world } = await mount(makeProposal(COMMANDS.warning), { user });
        expect(text(el, '[part=run-button]')).to.equal('Confirm and run…');
        await click(el, '[part=run-button]');
        expect(world.callsOf('execute')).to.have.length(0);
        expect(text(el, '[part=confirm]')).to.contain('Run it now?');
        await expect(el).to.be.accessible();
        await click(el, '.back');
        expect($(el, '[part=confirm]')).to.equal(null);
        await click(el, '[part=run-button]');
        await click(el, '.run-now');
        await waitUntil(() => el.executionId === 'e1');
        expect(world.callsOf('execute')).to.have.length(1);
      });

      it(`dangerous × ${roleName}: Request approval, then waiting with who and a countdown`, async () => {
        const clock = sinon.useFakeTimers({
          now: Date.parse('2026-01-01T12:00:00.000Z'),
          toFake: ['Date', 'setInterval', 'clearInterval'],
        });
        const { el, world } = await mount(makeProposal(COMMANDS.dangerous), { user });
        expect(text(el, '[part=run-button]')).to.equal('Request approval');
        expect(text(el, '[part=notice]')).to.contain('An admin other than you');
        await click(el, '[part=run-button]');
        await waitUntil(() => $(el, '[part=approval]'));
        expect(world.callsOf('execute')).to.have.length(1);
        expect(text(el, '[part=approval]')).to.contain('Waiting for approval by an admin other than you');
        expect(text(el, '[part=countdown]')).to.equal('15:00');
        clock.tick(61_000);
        await el.updateComplete;
        expect(text(el, '[part=countdown]')).to.equal('13:59');
        await expect(el).to.be.accessible();
        clock.tick(14 * 60_000);
        await el.updateComplete;
        expect($(el, '[part=approval]')!.dataset.state).to.equal('expired');
      });
    }

    for (const level of ['safe', 'warning', 'dangerous'] as const) {
      it(`${level} × viewer: no run buttons, and says why`, async () => {
        const { el } = await mount(makeProposal(COMMANDS[level]), { user: VIEWER });
        expect($(el, '[part=run-button]')).to.equal(null);
        expect($(el, '.edit')).to.equal(null);
        expect(text(el, '.viewer')).to.contain('your role is viewer');
        await expect(el).to.be.accessible();
      });
    }

    it('is keyboard usable: Enter reveals the confirmation, focus moves to it, Enter runs', async () => {
      const { el, world } = await mount(makeProposal(COMMANDS.warning));
      $(el, '[part=run-button]')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => el.shadowRoot!.activeElement?.classList.contains('run-now'));
      expect(world.callsOf('execute')).to.have.length(0);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => el.executionId === 'e1');
      expect(world.callsOf('execute')).to.have.length(1);
    });

    it('shows an approval the server marked expired', async () => {
      const { el, world } = await mount(makeProposal(COMMANDS.dangerous));
      await click(el, '[part=run-button]');
      await waitUntil(() => el.executionId === 'e1');
      const base = world.executions.get('e1')!;
      world.update('e1', { approval: makeApproval(base, { status: 'expired' }) });
      await waitUntil(() => $(el, '[part=approval]')?.dataset.state === 'expired');
      await expect(el).to.be.accessible();
    });

    it('lets the host veto with k8s-command-run', async () => {
      const { el, world } = await mount(makeProposal(COMMANDS.safe));
      el.addEventListener(CommandRunEvent.eventName, (e) => e.preventDefault());
      const fired = oneEvent(document.body, CommandRunEvent.eventName);
      await click(el, '[part=run-button]');
      const event = await fired;
      expect(event.bubbles && event.composed && event.cancelable).to.equal(true);
      expect(world.callsOf('execute')).to.have.length(0);
      expect(el.executionId).to.equal('');
    });

    it('sends a double click once, and a retry with the same Idempotency-Key', async () => {
      const { el, world } = await mount(makeProposal(COMMANDS.safe), { hold: true });
      const button = $(el, '[part=run-button]')!;
      button.click();
      button.click();
      await el.updateComplete;
      expect(world.callsOf('execute')).to.have.length(1);
      world.release();
      await waitUntil(() => el.executionId === 'e1');
      expect(world.executions.size).to.equal(1);

      // A failed attempt is retried with the same key, so the server runs it at most once.
      const second = await mount(makeProposal(COMMANDS.warning));
      const original = second.world.api.execute;
      let failures = 1;
      second.world.api.execute = async (body, o) => {
        const result = await original(body, o);
        if (failures-- > 0) throw new TypeError('Failed to fetch');
        return result;
      };
      await click(second.el, '[part=run-button]');
      await click(second.el, '.run-now');
      await waitUntil(() => $(second.el, '[part=error]'));
      await click(second.el, '[part=run-button]');
      await click(second.el, '.run-now');
      await waitUntil(() => second.el.executionId !== '');
      const keys = second.world
        .callsOf('execute')
        .map((c) => (c.args[1] as { idempotencyKey: string }).idempotencyKey);
      expect(keys).to.have.length(2);
      expect(keys[0]).to.equal(keys[1]);
      expect(second.world.executions.size).to.equal(1);
    });

    it('shows an API error with its hint and allows trying again', async () => {
      const { el, world } = await mount(makeProposal(COMMANDS.safe));
      world.api.execute = async () => {
        const { KubeChatError } = await import('@k8s-chat/core');
        throw new KubeChatError({ kind: 'forbidden', status: 403, code: 'FORBIDDEN' });
      };
      await click(el, '[part=run-button]');
      await waitUntil(() => $(el, '[part=error]'));
      expect(text(el, '[part=error]')).to.contain('permission');
      expect($(el, '[part=run-button]')).not.to.equal(null);
      await expect(el).to.be.accessible();
    });
  });

  describe('edit', () => {
    it('re-validates on the server, shows the new level, and runs the edited command', async () => {
      const { el, world } = await mount(makeProposal(COMMANDS.safe));
      await click(el, '.edit');
      const textarea = $(el, 'textarea') as HTMLTextAreaElement;
      expect(textarea.value).to.equal(COMMANDS.safe);
      expect($(el, '[part=run-button]')).to.equal(null);
      await expect(el).to.be.accessible();
      textarea.value = 'kubectl delete pods --all -n prod';
      textarea.dispatchEvent(new Event('input'));
      await el.updateComplete;
      await click(el, '.check');
      await waitUntil(() => $(el, '.edited'));
      expect(world.callsOf('validateCommand')).to.have.length(1);
      expect(el.safetyLevel).to.equal('dangerous');
      expect(text(el, '.edited')).to.contain('changed from Safe to Dangerous');
      expect(text(el, '[part=command]')).to.equal('kubectl delete pods --all -n prod');
      expect(text(el, '[part=run-button]')).to.equal('Request approval');
      const fired = oneEvent(el, CommandRunEvent.eventName);
      await click(el, '[part=run-button]');
      expect((await fired).detail.command).to.equal('kubectl delete pods --all -n prod');
      await waitUntil(() => world.callsOf('execute').length === 1);
      expect((world.callsOf('execute')[0]!.args[0] as { command: string }).command).to.equal(
        'kubectl delete pods --all -n prod',
      );
    });

    it('refuses to run an edit the server finds invalid', async () => {
      const { el } = await mount(makeProposal(COMMANDS.safe));
      await click(el, '.edit');
      const textarea = $(el, 'textarea') as HTMLTextAreaElement;
      textarea.value = 'rm -rf /';
      textarea.dispatchEvent(new Event('input'));
      await click(el, '.check');
      await waitUntil(() => $(el, '.invalid'));
      expect(text(el, '.invalid')).to.contain('Only kubectl commands');
      expect($(el, '[part=run-button]')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('keeps the shown namespace true to the edited command', async () => {
      const { el } = await mount(makeProposal(COMMANDS.safe));
      expect(text(el, '[part=target] .namespace')).to.equal('prod');
      await click(el, '.edit');
      const textarea = $(el, 'textarea') as HTMLTextAreaElement;
      textarea.value = 'kubectl get pods --namespace kube-system';
      textarea.dispatchEvent(new Event('input'));
      await click(el, '.check');
      await waitUntil(() => $(el, '.edited'));
      expect(text(el, '[part=target] .namespace')).to.equal('kube-system');
      expect(text(el, '[part=target]')).to.contain('prod-eu-admin');
      await click(el, '.edit');
      textarea.value = 'kubectl get pods -A';
      textarea.dispatchEvent(new Event('input'));
      await click(el, '.check');
      await waitUntil(() => text(el, '[part=target] .namespace') === 'all namespaces');
    });

    it('cancel edit keeps the original', async () => {
      const { el } = await mount(makeProposal(COMMANDS.warning));
      await click(el, '.edit');
      await click(el, '.discard');
      expect(text(el, '[part=command]')).to.equal(COMMANDS.warning);
      expect(el.safetyLevel).to.equal('warning');
    });
  });

  describe('live approval states', () => {
    async function requested() {
      const mounted = await mount(makeProposal(COMMANDS.dangerous));
      await click(mounted.el, '[part=run-button]');
      await waitUntil(() => mounted.el.executionId === 'e1');
      await mounted.el.updateComplete;
      return mounted;
    }

    it('shows approved only after REST confirms the same command digest', async () => {
      const { el, world } = await requested();
      const approval = (world.callsOf('execute').length, world.executions.get('e1')!);
      world.update('e1', {
        approval: {
          id: 'a-e1',
          command_execution_id: 'e1',
          requested_by_user_id: 'u1',
          requested_by: 'alice',
          approved_by_user_id: 'u9',
          approved_by: 'root-admin',
          status: 'approved',
          reason: null,
          required_role: 'admin',
          command: approval.command,
          command_digest: approval.command_digest,
          safety_level: 'dangerous',
          expires_at: '2026-01-01T12:15:00.000Z',
          created_at: '2026-01-01T12:00:00.000Z',
          decided_at: '2026-01-01T12:01:00.000Z',
        },
      });
      await waitUntil(() => $(el, '[part=approval]')?.dataset.state === 'approved');
      expect(world.callsOf('getExecution').length).to.be.greaterThan(0);
      expect(text(el, '[part=approval]')).to.contain('Approved by root-admin');
      await expect(el).to.be.accessible();

      // A reconnect makes it check again.
      const before = world.callsOf('getExecution').length;
      world.$connection.set('reconnecting');
      await el.updateComplete;
      world.$connection.set('open');
      await waitUntil(() => world.callsOf('getExecution').length > before);
    });

    it('refuses to show an approval whose digest does not match', async () => {
      const { el, world } = await requested();
      const execution = world.executions.get('e1')!;
      world.executions.set('e1', { ...execution, command_digest: 'sha256:other' });
      world.update('e1', { execution: { status: 'approved' } });
      world.executions.set('e1', { ...execution, command_digest: 'sha256:other' });
      await waitUntil(() => $(el, '[part=approval]')?.dataset.state === 'mismatch');
      expect(text(el, '[part=approval]')).to.contain('not the one shown');
    });

    it('shows a rejection with its reason', async () => {
      const { el, world } = await requested();
      const base = world.executions.get('e1')!;
      world.update('e1', {
        approval: {
          id: 'a-e1',
          command_execution_id: 'e1',
          requested_by_user_id: 'u1',
          requested_by: 'alice',
          approved_by_user_id: 'u9',
          approved_by: 'root-admin',
          status: 'rejected',
          reason: 'Not during business hours.',
          required_role: 'admin',
          command: base.command,
          command_digest: base.command_digest,
          safety_level: 'dangerous',
          expires_at: '2026-01-01T12:15:00.000Z',
          created_at: '2026-01-01T12:00:00.000Z',
          decided_at: '2026-01-01T12:01:00.000Z',
        },
      });
      await waitUntil(() => $(el, '[part=approval]')?.dataset.state === 'rejected');
      expect(text(el, '[part=approval]')).to.contain('Not during business hours.');
      await expect(el).to.be.accessible();
    });

    it('the requester can cancel a pending request', async () => {
      const { el, world } = await requested();
      await click(el, '.cancel-request');
      await waitUntil(() => $(el, '[part=approval]')?.dataset.state === 'cancelled');
      expect(world.callsOf('cancelExecution')[0]!.args[0]).to.equal('e1');
    });
  });

  describe('target and dry run', () => {
    it('always shows where the command runs, even without a proposal target', async () => {
      const el = await fixture<K8sCommandPreview>(
        html`<k8s-command-preview command="kubectl get pods"></k8s-command-preview>`,
      );
      expect(text(el, '[part=target]')).to.contain("Cluster the server's default");
      expect(text(el, '[part=target] .namespace')).to.equal("the context's default");
      await expect(el).to.be.accessible();
    });

    it('a warning or dangerous command can be tried with a server-side dry run, without approval', async () => {
      const { el, world } = await mount(makeProposal(COMMANDS.dangerous));
      await click(el, '.dry-run-button');
      await waitUntil(() => $(el, '[part=dry-run-status]'));
      const [call] = world.callsOf('execute');
      expect(call!.args[0]).to.deep.equal({ command: COMMANDS.dangerous, dry_run: true });
      expect(el.executionId).to.equal('');
      expect(text(el, '.dry-run-result')).to.contain('nothing was changed');
      // The real action is still there, still needing approval.
      expect(text(el, '[part=run-button]')).to.equal('Request approval');
      await expect(el).to.be.accessible();
    });

    it('offers no dry run for a safe command (it only reads)', async () => {
      const { el } = await mount(makeProposal(COMMANDS.safe));
      expect($(el, '.dry-run-button')).to.equal(null);
    });

    it('shows a dry-run error with what to do', async () => {
      const { el, world } = await mount(makeProposal(COMMANDS.warning));
      world.api.execute = async () => {
        const { KubeChatError } = await import('@k8s-chat/core');
        throw new KubeChatError({ kind: 'network', code: 'NETWORK' });
      };
      await click(el, '.dry-run-button');
      await waitUntil(() => $(el, '[part=error]'));
      expect($(el, '[part=dry-run-status]')).to.equal(null);
    });
  });

  describe('every approval state is accessible', () => {
    const states = ['pending', 'checking', 'approved', 'mismatch', 'rejected', 'expired', 'cancelled'];
    for (const wanted of states) {
      it(`${wanted}`, async () => {
        const { el, world } = await mount(makeProposal(COMMANDS.dangerous));
        const execution = world.executions;
        if (wanted === 'checking') world.api.getExecution = () => new Promise(() => undefined);
        await click(el, '[part=run-button]');
        await waitUntil(() => el.executionId === 'e1');
        const base = execution.get('e1')!;
        if (wanted === 'mismatch') execution.set('e1', { ...base, command_digest: 'sha256:other' });
        if (['checking', 'approved', 'mismatch'].includes(wanted))
          world.update('e1', {
            approval: makeApproval(base, { status: 'approved', approved_by: 'root-admin' }),
          });
        if (wanted === 'mismatch') execution.set('e1', { ...base, command_digest: 'sha256:other' });
        if (wanted === 'rejected')
          world.update('e1', { approval: makeApproval(base, { status: 'rejected', reason: 'No.' }) });
        if (wanted === 'expired') world.update('e1', { approval: makeApproval(base, { status: 'expired' }) });
        if (wanted === 'cancelled') await click(el, '.cancel-request');
        await waitUntil(() => $(el, '[part=approval]')?.dataset.state === wanted, `state ${wanted}`);
        await expect(el).to.be.accessible();
      });
    }
  });

  describe('re-rendered or reloaded', () => {
    it('picks up the pending request its message already made, with countdown and Cancel', async () => {
      const asked = makeExecution('e5', {
        command: COMMANDS.dangerous,
        message_id: 'm7',
        status: 'pending_approval',
        approval_id: 'a-e5',
      });
      const { el, world } = await mount(makeProposal(COMMANDS.dangerous), {
        executions: [asked],
        approvals: [makeApproval(asked)],
      });
      await waitUntil(() => el.executionId === 'e5');
      await waitUntil(() => $(el, '[part=countdown]'), 'countdown from the recovered approval');
      expect($(el, '[part=approval]')!.dataset.state).to.equal('pending');
      expect($(el, '[part=run-button]')).to.equal(null);
      expect(world.callsOf('execute')).to.have.length(0);
      expect(world.callsOf('sessionCommands')[0]!.args[0]).to.equal('s1');
      await expect(el).to.be.accessible();
      await click(el, '.cancel-request');
      await waitUntil(() => $(el, '[part=approval]')?.dataset.state === 'cancelled');
      expect(world.callsOf('cancelExecution')[0]!.args[0]).to.equal('e5');
    });

    it('shows the command that really ran when it was edited before running', async () => {
      const edited = 'kubectl get pods -n staging';
      const ran = makeExecution('e6', {
        command: edited,
        message_id: 'm7',
        status: 'completed',
        exit_code: 0,
      });
      const { el } = await mount(makeProposal(COMMANDS.safe), { executions: [ran] });
      await waitUntil(() => el.executionId === 'e6');
      expect(text(el, '[part=command]')).to.equal(edited);
      expect($(el, 'k8s-execution-status')!.getAttribute('execution-id')).to.equal('e6');
      // Found on the server, not started here: an old run does not chime or announce.
      expect($(el, 'k8s-execution-status')!.hasAttribute('live')).to.equal(false);
      expect($(el, '[part=run-button]')).to.equal(null);
    });

    it('previews of one session share one read, and a run makes the next preview read again', async () => {
      const world = fakeServices();
      const wrapper = await fixture<HTMLElement>(
        html`<k8s-fake-services .services=${world.services}
          ><k8s-command-preview .proposal=${makeProposal(COMMANDS.safe)} session-id="s1" message-id="m1">
          </k8s-command-preview
          ><k8s-command-preview .proposal=${makeProposal(COMMANDS.safe)} session-id="s1" message-id="m2">
          </k8s-command-preview
        ></k8s-fake-services>`,
      );
      const [first] = [...wrapper.querySelectorAll('k8s-command-preview')];
      await waitUntil(() => $(first!, '[part=run-button]'));
      expect(world.callsOf('sessionCommands')).to.have.length(1);
      await click(first!, '[part=run-button]');
      await waitUntil(() => first!.executionId === 'e1');
      // The chat renders the row again: a new element for message m1 finds its run at once.
      const again = document.createElement('k8s-command-preview');
      again.proposal = makeProposal(COMMANDS.safe);
      again.sessionId = 's1';
      again.messageId = 'm1';
      wrapper.append(again);
      await waitUntil(() => again.executionId === 'e1', 'the re-created preview found its run');
      expect(world.callsOf('sessionCommands')).to.have.length(2);
      expect(world.callsOf('execute')).to.have.length(1);
    });

    it('ignores executions of other messages', async () => {
      const other = makeExecution('e7', { command: COMMANDS.safe, message_id: 'm-other' });
      const { el } = await mount(makeProposal(COMMANDS.safe), { executions: [other] });
      expect(el.executionId).to.equal('');
      expect(text(el, '[part=run-button]')).to.equal('Run');
    });
  });

  it('formats countdowns', () => {
    expect(formatCountdown(61_000)).to.equal('1:01');
    expect(formatCountdown(3_723_000)).to.equal('1:02:03');
    expect(formatCountdown(-5)).to.equal('0:00');
  });
});
