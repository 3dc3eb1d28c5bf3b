import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../../tests/helpers/wait-until.js';
import sinon from 'sinon';
import type { ExecutionStatus } from '@k8s-chat/core';
import '../src/define/k8s-execution-status.js';
import {
  EXECUTION_STATUSES_FOR_TEST,
  fakeServices,
  makeExecution,
  type FakeWorld,
} from '../../../tests/fakes/command-fakes.js';
import {
  ExecutionCancelEvent,
  RollbackRunEvent,
  STATUS_LABELS,
  formatDuration,
  parseAnsi,
  revealHidden,
  stripAnsi,
  type K8sExecutionStatus,
} from '../src/index.js';

async function mount(world: FakeWorld, id: string, extra = {}): Promise<K8sExecutionStatus> {
  const wrapper = await fixture<HTMLElement>(
    html`<k8s-fake-services .services=${world.services}
      ><k8s-execution-status
        execution-id=${id}
        .maxLines=${(extra as { maxLines?: number }).maxLines ?? 5000}
      ></k8s-execution-status
    ></k8s-fake-services>`,
  );
  const el = wrapper.querySelector('k8s-execution-status')!;
  await el.updateComplete;
  return el;
}

const $ = (el: K8sExecutionStatus, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const text = (el: K8sExecutionStatus, selector: string) => $(el, selector)?.textContent?.trim() ?? '';
/** The output is virtualized: rows appear after the virtualizer's first layout. */
const lines = (el: K8sExecutionStatus) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part=output] .line')].map((l) => l.textContent!.trim());
const rendered = (el: K8sExecutionStatus, count = 1) =>
  waitUntil(() => lines(el).length >= count, `${count} output rows rendered`);
const click = async (el: K8sExecutionStatus, selector: string) => {
  const button = $(el, selector);
  expect(button, `button ${selector}`).not.to.equal(null);
  button!.click();
  await el.updateComplete;
};

describe('<k8s-execution-status>', () => {
  afterEach(() => sinon.restore());

  describe('attribute API (first version)', () => {
    it('shows each status in words and reflects it for styling', async () => {
      const el = await fixture<K8sExecutionStatus>(
        html`<k8s-execution-status status="executing"></k8s-execution-status>`,
      );
      expect(el.shadowRoot!.querySelector('[part=label]')!.textContent).to.equal('Running');
      el.status = 'failed';
      await el.updateComplete;
      expect(el.getAttribute('status')).to.equal('failed');
      expect(el.shadowRoot!.querySelector('[part=label]')!.textContent).to.equal('Failed');
      await expect(el).to.be.accessible();
    });

    it('falls back to pending for an unknown status', async () => {
      const el = await fixture<K8sExecutionStatus>(
        html`<k8s-execution-status status="exploded"></k8s-execution-status>`,
      );
      expect(el.status).to.equal('pending');
    });
  });

  describe('every status', () => {
    for (const status of EXECUTION_STATUSES_FOR_TEST) {
      it(`renders ${status} with icon and words, accessibly`, async () => {
        const world = fakeServices({
          executions: [
            makeExecution('e1', {
              status,
              output: 'line 1\n',
              exit_code: status === 'completed' ? 0 : status === 'failed' ? 2 : null,
              completed_at: ['completed', 'failed', 'cancelled', 'timeout', 'rejected'].includes(status)
                ? '2026-01-01T12:00:05.000Z'
                : null,
              execution_time_ms: status === 'completed' ? 4200 : null,
              error_message: status === 'failed' ? 'exit status 2' : null,
            }),
          ],
        });
        const el = await mount(world, 'e1');
        expect(el.status).to.equal(status);
        expect(el.getAttribute('status')).to.equal(status);
        expect(text(el, '[part=label]')).to.equal(STATUS_LABELS[status as ExecutionStatus].text);
        expect(text(el, '[part=status-icon]')).to.equal(STATUS_LABELS[status as ExecutionStatus].icon);
        if (status === 'completed') {
          expect(text(el, '[part=summary] .exit-code')).to.equal('0');
          expect(text(el, '[part=summary] .duration')).to.equal('4.2 s');
          expect(text(el, '[part=summary] .ran-by')).to.equal('alice');
        }
        if (status === 'failed') expect(text(el, '[part=error]')).to.contain('exit status 2');
        await expect(el).to.be.accessible();
      });
    }

    it('moves through statuses live, with progress and a ticking elapsed time', async () => {
      const clock = sinon.useFakeTimers({
        now: Date.parse('2026-01-01T12:00:03.000Z'),
        toFake: ['Date', 'setInterval', 'clearInterval'],
      });
      const world = fakeServices({ executions: [makeExecution('e1', { status: 'pending' })] });
      const el = await mount(world, 'e1');
      expect(text(el, '[part=label]')).to.equal('Pending');
      world.update('e1', {
        execution: { status: 'executing' },
        progress: { percentage: 40, stage: 'apply', description: 'Applying' },
      });
      await el.updateComplete;
      expect(text(el, '[part=label]')).to.equal('Running');
      expect(text(el, '[part=progress]')).to.contain('40%');
      expect(text(el, '[part=progress]')).to.contain('apply');
      expect(text(el, '[part=elapsed]')).to.equal('2.0 s');
      clock.tick(3000);
      await el.updateComplete;
      expect(text(el, '[part=elapsed]')).to.equal('5.0 s');
      world.update('e1', {
        execution: {
          status: 'completed',
          exit_code: 0,
          execution_time_ms: 5000,
          completed_at: '2026-01-01T12:00:06.000Z',
        },
      });
      await el.updateComplete;
      expect(text(el, '[part=label]')).to.equal('Completed');
      expect($(el, '[part=progress]')).to.equal(null);
      expect(text(el, '[part=summary] .duration')).to.equal('5.0 s');
    });

    it('accepts an execution object as a property', async () => {
      const el = await fixture<K8sExecutionStatus>(
        html`<k8s-execution-status
          .execution=${makeExecution('e9', { status: 'timeout', output: 'slow' })}
        ></k8s-execution-status>`,
      );
      expect(el.status).to.equal('timeout');
      await rendered(el);
      expect(lines(el)).to.deep.equal(['slow']);
      await expect(el).to.be.accessible();
    });

    it('says the status may be out of date while the connection is lost, never a silent stale "Running"', async () => {
      const world = fakeServices({ executions: [makeExecution('e1', { status: 'executing' })] });
      const el = await mount(world, 'e1');
      expect($(el, '[part=stale]')).to.equal(null);
      world.$connection.set('reconnecting');
      await el.updateComplete;
      expect(text(el, '[part=stale]')).to.contain('may be out of date');
      await expect(el).to.be.accessible();
      world.$connection.set('open');
      await el.updateComplete;
      expect($(el, '[part=stale]')).to.equal(null);
    });

    it('names who approved it in the summary', async () => {
      const { makeApproval } = await import('../../../tests/fakes/command-fakes.js');
      const done = makeExecution('e1', {
        status: 'completed',
        exit_code: 0,
        completed_at: '2026-01-01T12:00:05.000Z',
      });
      const world = fakeServices({ executions: [done] });
      world.update('e1', { approval: makeApproval(done, { status: 'approved', approved_by: 'root-admin' }) });
      const el = await mount(world, 'e1');
      expect(text(el, '[part=summary] .ran-by')).to.equal('alice');
      expect(text(el, '[part=summary] .approved-by')).to.equal('root-admin');
    });

    it('shows a server restart (interrupted run marked failed) after a reset', async () => {
      const world = fakeServices({
        executions: [makeExecution('e1', { status: 'executing', output: 'a\n' })],
      });
      const el = await mount(world, 'e1');
      world.update('e1', {
        execution: { status: 'failed', error_message: 'Interrupted by a server restart.' },
      });
      await el.updateComplete;
      expect(el.status).to.equal('failed');
      expect(text(el, '[part=error]')).to.contain('server restart');
    });
  });

  describe('output', () => {
    it('renders ANSI colours as styled spans and hostile text as inert text (X5)', async () => {
      const hostile =
        '\x1b[31m<script>alert(1)</script>\x1b[0m ok\n' +
        '\x1b]8;;javascript:alert(1)\x07click me\x1b]8;;\x07\n' +
        '\x1b]8;;https://example.com/docs\x07docs\x1b]8;;\x07\n' +
        '\x1b]52;c;ZXZpbA==\x07after-osc52\n' +
        'see http://example.org/x and ftp://x.y/z\n' +
        'bidi \u202Eevil\u202C\n' +
        '\x1b[1;92mbold green\x1b[0m <img src=x onerror=alert(2)>\n';
      const el = await fixture<K8sExecutionStatus>(
        html`<k8s-execution-status
          .execution=${makeExecution('e1', { status: 'completed', output: hostile })}
        ></k8s-execution-status>`,
      );
      await rendered(el, 7);
      const out = $(el, '[part=output]')!;
      expect(out.querySelector('script')).to.equal(null);
      expect(out.querySelector('img')).to.equal(null);
      expect(out.textContent).to.contain('<script>alert(1)</script>');
      expect(out.querySelector('.fg-red')!.textContent).to.equal('<script>alert(1)</script>');
      expect(out.querySelector('.bold.fg-bright-green')!.textContent).to.equal('bold green');
      const links = [...out.querySelectorAll('a')].map((a) => a.getAttribute('href'));
      expect(links).to.deep.equal(['https://example.com/docs', 'http://example.org/x']);
      expect(out.textContent).to.contain('click me');
      expect(out.textContent).to.contain('ftp://x.y/z');
      expect(out.textContent).not.to.contain('ZXZpbA');
      expect(out.textContent).to.contain('after-osc52');
      expect(out.textContent).to.contain('⟦U+202E⟧');
      expect(out.textContent).not.to.contain('\u202E');
      expect(out.textContent).not.to.contain('\x1b');
      expect(text(el, '[part=output-label]')).to.contain('not instructions');
      await expect(el).to.be.accessible();
    });

    it('parses and strips escape sequences', () => {
      expect(stripAnsi('\x1b[2J\x1b[1mA\x1b[0m\x1b[?25l\rB')).to.equal('AB');
      expect(parseAnsi('\x1b[33my\x1b[39mn')[0]).to.deep.equal([
        { text: 'y', color: 'yellow' },
        { text: 'n' },
      ]);
      expect(revealHidden('a\u200bb').map((p) => p.text)).to.deep.equal(['a', '⟦U+200B⟧', 'b']);
      expect(formatDuration(185_000)).to.equal('3 min 5 s');
    });

    it('appends streamed output once, deduplicated by the store', async () => {
      const world = fakeServices({ executions: [makeExecution('e1', { output: '' })] });
      const el = await mount(world, 'e1');
      world.update('e1', { output: 'one\n' });
      await el.updateComplete;
      world.update('e1', { output: 'one\ntwo\n' });
      await el.updateComplete;
      await rendered(el, 2);
      expect(lines(el)).to.deep.equal(['one', 'two']);
      expect(el.lineCount).to.equal(2);
      // Growing past the threshold switches to the virtualized list without losing or doubling a line.
      const many = Array.from({ length: 2000 }, (_, i) => `n${i}`).join('\n');
      world.update('e1', { output: `one\ntwo\n${many}\n` });
      await el.updateComplete;
      await waitUntil(() => lines(el).includes('n1999'), 'the tail of the long output');
      expect(el.shadowRoot!.querySelectorAll('.line').length).to.be.below(150);
      expect(el.lineCount).to.equal(2002);
    });

    it('follows the tail, and offers "jump to latest" once the reader scrolled up', async () => {
      const world = fakeServices({ executions: [makeExecution('e1', { output: '' })] });
      const el = await mount(world, 'e1');
      el.style.setProperty('--k8s-execution-status-output-max-height', '100px');
      world.update('e1', { output: Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n') });
      await el.updateComplete;
      const out = $(el, '[part=output]')!;
      await waitUntil(() => out.scrollTop > 0, 'follows the tail');
      await waitUntil(() => lines(el).includes('line 99'), 'the last line is on screen');
      expect(out.scrollTop + out.clientHeight).to.be.closeTo(out.scrollHeight, 10);
      expect($(el, '.jump')).to.equal(null);
      // The reader scrolls up (a wheel turn, then the scroll it causes).
      out.dispatchEvent(new WheelEvent('wheel', { deltaY: -500 }));
      out.scrollTop = 0;
      out.dispatchEvent(new Event('scroll'));
      await el.updateComplete;
      expect($(el, '.jump')).not.to.equal(null);
      world.update('e1', { output: `${world.executionStore('e1').get().output}\nmore` });
      await el.updateComplete;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      expect(out.scrollTop).to.equal(0);
      await waitUntil(() => lines(el).includes('line 0'), 'the first line is on screen');
      expect(text(el, '.jump')).to.contain('New output');
      await click(el, '.jump');
      await waitUntil(() => lines(el).includes('more'), 'jumped to the new last line');
      await waitUntil(() => out.scrollTop + out.clientHeight >= out.scrollHeight - 10, 'at the bottom');
      await waitUntil(() => !$(el, '.jump'));
    });

    it('caps the lines on screen and says how many were dropped', async () => {
      const output = Array.from({ length: 120 }, (_, i) => `l${i}`).join('\n');
      const world = fakeServices({ executions: [makeExecution('e1', { output, status: 'completed' })] });
      const el = await mount(world, 'e1', { maxLines: 50 });
      expect(text(el, '[part=dropped]')).to.contain('70 earlier lines');
      expect(el.lineCount).to.equal(120);
      expect($(el, '[part=output]')!.getAttribute('aria-label')).to.equal('Command output, 120 lines');
      await waitUntil(() => lines(el).includes('l119'), 'follows the tail');
      const out = $(el, '[part=output]')!;
      out.dispatchEvent(new WheelEvent('wheel', { deltaY: -500 }));
      out.scrollTop = 0;
      await waitUntil(() => lines(el)[0] === 'l70', 'the oldest line kept is l70');
      expect(lines(el)).not.to.include('l69');
      expect(el.outputText.split('\n').length).to.equal(120);
      await expect(el).to.be.accessible();
    });

    it('virtualizes very long output: only the rows in view are in the DOM', async () => {
      const output = Array.from({ length: 10_000 }, (_, i) => `row ${i} \x1b[32mok\x1b[0m`).join('\n');
      const el = await fixture<K8sExecutionStatus>(
        html`<k8s-execution-status
          .execution=${makeExecution('e1', { output, status: 'completed' })}
        ></k8s-execution-status>`,
      );
      await waitUntil(() => lines(el).includes('row 9999 ok'), 'follows the tail');
      expect(el.shadowRoot!.querySelectorAll('.line').length).to.be.below(150);
      expect(el.lineCount).to.equal(10_000);
      expect($(el, '[part=dropped]')).to.equal(null);
      const out = $(el, '[part=output]')!;
      out.dispatchEvent(new WheelEvent('wheel', { deltaY: -500 }));
      // Set again on every poll: the box may still be settling its height (and the virtualizer its
      // scroll extent) when the first scroll lands.
      await waitUntil(() => {
        out.scrollTop = out.scrollHeight / 2;
        return lines(el).some((l) => /^row 4\d{3} ok$/u.test(l) || /^row 5\d{3} ok$/u.test(l));
      });
      expect(el.shadowRoot!.querySelectorAll('.line').length).to.be.below(150);
      expect(el.outputText.split('\n')).to.have.length(10_000);
      await expect(el).to.be.accessible();
    });

    it('copies and downloads the full text without escape sequences', async () => {
      const writeText = sinon.stub(navigator.clipboard, 'writeText').resolves();
      const create = sinon.stub(URL, 'createObjectURL').returns('blob:fake');
      sinon.stub(URL, 'revokeObjectURL');
      const clickStub = sinon.stub(HTMLAnchorElement.prototype, 'click');
      const el = await fixture<K8sExecutionStatus>(
        html`<k8s-execution-status
          .execution=${makeExecution('e1', { output: '\x1b[31mred\x1b[0m\nplain', status: 'completed' })}
        ></k8s-execution-status>`,
      );
      await click(el, '[part=toolbar] button:first-child');
      expect(writeText).to.have.been.calledOnceWith('red\nplain');
      await waitUntil(() => text(el, '[part=toolbar] button:first-child') === 'Copied');
      await click(el, '[part=toolbar] button:nth-child(2)');
      expect(create.calledOnce).to.equal(true);
      const blob = create.firstCall.args[0] as Blob;
      expect(await blob.text()).to.equal('red\nplain');
      expect(clickStub.calledOnce).to.equal(true);
      expect((clickStub.firstCall.thisValue as HTMLAnchorElement).download).to.equal('execution-e1.txt');
    });
  });

  describe('cancel', () => {
    it('asks first, then cancels through the API', async () => {
      const world = fakeServices({ executions: [makeExecution('e1', { status: 'executing' })] });
      const el = await mount(world, 'e1');
      await click(el, '.cancel');
      expect(world.callsOf('cancelExecution')).to.have.length(0);
      await expect(el).to.be.accessible();
      await click(el, '.keep');
      expect($(el, '.confirm-cancel')).to.equal(null);
      await click(el, '.cancel');
      const fired = oneEvent(el, ExecutionCancelEvent.eventName);
      await click(el, '.confirm-cancel');
      expect((await fired).detail.executionId).to.equal('e1');
      await waitUntil(() => el.status === 'cancelled');
      expect(world.callsOf('cancelExecution')).to.have.length(1);
      expect($(el, '.cancel')).to.equal(null);
    });

    it('lets the host veto a cancel', async () => {
      const world = fakeServices({ executions: [makeExecution('e1', { status: 'pending' })] });
      const el = await mount(world, 'e1');
      el.addEventListener(ExecutionCancelEvent.eventName, (e) => e.preventDefault());
      await click(el, '.cancel');
      await click(el, '.confirm-cancel');
      expect(world.callsOf('cancelExecution')).to.have.length(0);
    });

    it('offers no cancel once final', async () => {
      const world = fakeServices({ executions: [makeExecution('e1', { status: 'completed' })] });
      const el = await mount(world, 'e1');
      expect($(el, '.cancel')).to.equal(null);
    });
  });

  describe('rollback', () => {
    it('plans, shows the plan, and runs it only after confirmation', async () => {
      const world = fakeServices({
        executions: [makeExecution('e1', { status: 'completed', rollback_available: true, exit_code: 0 })],
      });
      const el = await mount(world, 'e1');
      await click(el, '.plan-rollback');
      await waitUntil(() => $(el, '[part=rollback]'));
      expect(text(el, '[part=rollback] .steps')).to.contain('Scale api back to 2 replicas.');
      expect(world.callsOf('executeRollbackPlan')).to.have.length(0);
      await expect(el).to.be.accessible();
      await click(el, '.confirm-rollback');
      expect(world.callsOf('executeRollbackPlan')).to.have.length(0);
      await expect(el).to.be.accessible();
      const fired = oneEvent(el, RollbackRunEvent.eventName);
      await click(el, '.run-rollback');
      expect((await fired).detail.planId).to.equal('plan-e1');
      await waitUntil(() => $(el, '.rollback-status'));
      expect(world.callsOf('executeRollbackPlan')).to.have.length(1);
      expect(text(el, '.rollback-status')).to.contain('executing');
      await expect(el).to.be.accessible();
    });

    it('offers no rollback when none is available', async () => {
      const world = fakeServices({ executions: [makeExecution('e1', { status: 'completed' })] });
      const el = await mount(world, 'e1');
      expect($(el, '.plan-rollback')).to.equal(null);
    });
  });
});
