import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import sinon from 'sinon';
import { KubeChatError, audioCues } from '@k8s-chat/core';
import '../src/define/k8s-execution-status.js';
import { waitUntil } from '../../../tests/helpers/wait-until.js';
import { fakeServices, makeExecution, type FakeWorld } from '../../../tests/fakes/command-fakes.js';
import type { K8sExecutionStatus } from '../src/index.js';

async function mount(world: FakeWorld, id: string, attrs: { sound?: boolean; live?: boolean } = {}) {
  const wrapper = await fixture<HTMLElement>(
    html`<k8s-fake-services .services=${world.services}
      ><k8s-execution-status
        execution-id=${id}
        ?sound=${attrs.sound ?? false}
        ?live=${attrs.live ?? false}
      ></k8s-execution-status
    ></k8s-fake-services>`,
  );
  const el = wrapper.querySelector('k8s-execution-status')!;
  await el.updateComplete;
  return el;
}

const $ = (el: K8sExecutionStatus, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: K8sExecutionStatus, selector: string) => [
  ...el.shadowRoot!.querySelectorAll<HTMLElement>(selector),
];
/** What a sighted reader sees of a marked span (the visually hidden explanation left out). */
const visible = (span: HTMLElement) =>
  [...span.childNodes]
    .filter(
      (n) =>
        n.nodeType === Node.TEXT_NODE ||
        (n instanceof HTMLElement && !n.classList.contains('visually-hidden')),
    )
    .map((n) => n.textContent)
    .join('')
    .trim();

const SECRET_OUTPUT = [
  'apiVersion: v1',
  'data:',
  '  password: [REDACTED secret data]',
  '\x1b[31mAuthorization: Bearer [REDACTED token]\x1b[0m',
  'callback https://hooks.example.test/cb?key=[REDACTED token] done',
  '',
].join('\n');

describe('<k8s-execution-status> redaction marks', () => {
  it('shows each server marker as a marked, explained span — text, never HTML', async () => {
    const world = fakeServices({
      executions: [makeExecution('e1', { status: 'completed', exit_code: 0, output: SECRET_OUTPUT })],
    });
    const el = await mount(world, 'e1');
    await waitUntil(() => $$(el, '[part=redacted]').length === 3, 'three marked spans');
    const spans = $$(el, '[part=redacted]');
    expect(spans.map(visible)).to.deep.equal([
      '🔒 hidden: secret data',
      '🔒 hidden: token',
      '🔒 hidden: token',
    ]);
    expect(spans[0]!.title).to.contain('data of a Kubernetes Secret');
    expect(spans[0]!.title).to.contain('server hid');
    expect(spans[0]!.querySelector('.visually-hidden')!.textContent).to.contain('server hid');
    expect(spans[1]!.dataset['kind']).to.equal('token');
    // ANSI colour still applies around the marker.
    expect(spans[1]!.closest('.fg-red')).not.to.equal(null);
    // A marker ends a link: the link does not swallow it.
    const link = $(el, '[part=output] a')!;
    expect(link.getAttribute('href')).to.equal('https://hooks.example.test/cb?key=');
    expect(link.querySelector('[part=redacted]')).to.equal(null);
    // Nothing turned into markup, and the raw marker is not shown as-is.
    const lineTexts = $$(el, '[part=output] .line').map((l) => l.textContent ?? '');
    expect(lineTexts.join('\n')).not.to.contain('[REDACTED');
    await expect(el).to.be.accessible();
  });

  it('keeps the marker text in Copy and Download', async () => {
    const world = fakeServices({
      executions: [makeExecution('e1', { status: 'completed', exit_code: 0, output: SECRET_OUTPUT })],
    });
    const el = await mount(world, 'e1');
    expect(el.outputText).to.contain('password: [REDACTED secret data]');
    let blob: Blob | null = null;
    sinon.stub(URL, 'createObjectURL').callsFake((b: Blob | MediaSource) => {
      blob = b as Blob;
      return 'blob:fake';
    });
    sinon.stub(HTMLAnchorElement.prototype, 'click');
    const download = $$(el, '[part=toolbar] button').find((b) => b.textContent!.includes('Download'))!;
    download.click();
    expect(blob).not.to.equal(null);
    expect(await blob!.text()).to.contain('Authorization: Bearer [REDACTED token]');
    sinon.restore();
  });

  it('marks spans in virtualized long output too', async () => {
    const long = Array.from({ length: 800 }, (_, i) => `line ${i} token=[REDACTED token]`).join('\n');
    const world = fakeServices({
      executions: [makeExecution('e1', { status: 'completed', exit_code: 0, output: long })],
    });
    const el = await mount(world, 'e1');
    await waitUntil(() => $$(el, '[part=output] .line').some((l) => l.textContent!.includes('line 799')));
    const rows = $$(el, '[part=output] .line');
    // The marked span keeps a row one line high (the explanation is visually hidden, not laid out).
    expect(rows.at(-1)!.getBoundingClientRect().height).to.be.lessThan(30);
    expect(rows.length).to.be.lessThan(800); // virtualized: only rows near the view exist
    const last = rows.find((l) => l.textContent!.includes('line 799'))!;
    expect(visible(last.querySelector<HTMLElement>('[part=redacted]')!)).to.equal('🔒 hidden: token');
  });
});

describe('<k8s-execution-status> feedback cues', () => {
  afterEach(() => sinon.restore());

  const finish = async (
    world: FakeWorld,
    el: K8sExecutionStatus,
    status: 'completed' | 'failed' | 'timeout',
  ) => {
    world.update('e1', {
      execution: {
        status,
        exit_code: status === 'completed' ? 0 : 1,
        completed_at: '2026-01-01T12:00:09.000Z',
      },
    });
    await el.updateComplete;
  };

  it('plays the success cue and announces once when a run it watched completes (sound attribute)', async () => {
    const play = sinon.stub(audioCues, 'play').resolves(true);
    const world = fakeServices({ executions: [makeExecution('e1', { status: 'executing' })] });
    const el = await mount(world, 'e1', { sound: true });
    expect(play.called).to.equal(false);
    // The status in view when it opened is not news; the label is not a live region of its own.
    expect($(el, '[part=announcement]')!.textContent!.trim()).to.equal('');
    expect($(el, '[part=label]')!.hasAttribute('role')).to.equal(false);
    await finish(world, el, 'completed');
    expect(play.args).to.deep.equal([['success']]);
    const region = $(el, '[part=announcement]')!;
    expect(region.getAttribute('role')).to.equal('status');
    expect(region.getAttribute('aria-live')).to.equal('polite');
    expect(region.textContent).to.contain('Command completed, exit code 0: kubectl get pods -n prod');
    // Later updates of the finished run neither chime nor announce again.
    world.update('e1', { output: 'late line\n' });
    await el.updateComplete;
    expect(play.callCount).to.equal(1);
    await expect(el).to.be.accessible();
  });

  for (const status of ['failed', 'timeout'] as const) {
    it(`plays the failure cue when a run it watched ends ${status}`, async () => {
      const play = sinon.stub(audioCues, 'play').resolves(true);
      const world = fakeServices({ executions: [makeExecution('e1', { status: 'executing' })] });
      const el = await mount(world, 'e1', { sound: true });
      await finish(world, el, status);
      expect(play.args).to.deep.equal([['failure']]);
      expect($(el, '[part=announcement]')!.textContent).to.contain(
        status === 'failed' ? 'Command failed, exit code 1' : 'Command timed out',
      );
    });
  }

  it('follows the person’s sound preference when the page sets nothing', async () => {
    const play = sinon.stub(audioCues, 'play').resolves(true);
    const world = fakeServices({ executions: [makeExecution('e1', { status: 'executing' })] });
    world.$preferences.set({
      ...world.$preferences.get(),
      value: { ...world.$preferences.get().value, sound: true },
    });
    const el = await mount(world, 'e1');
    expect(el.soundOn).to.equal(true);
    await finish(world, el, 'failed');
    expect(play.args).to.deep.equal([['failure']]);
  });

  it('announces each status change seen live in words', async () => {
    const world = fakeServices({ executions: [makeExecution('e1', { status: 'pending_approval' })] });
    const el = await mount(world, 'e1');
    world.update('e1', { execution: { status: 'executing' } });
    await el.updateComplete;
    expect($(el, '[part=announcement]')!.textContent!.trim()).to.equal('Running');
    world.update('e1', { output: 'a line\n' });
    await el.updateComplete;
    expect($(el, '[part=announcement]')!.textContent!.trim()).to.equal('Running');
  });

  it('stays silent with sound off, but still announces', async () => {
    const play = sinon.stub(audioCues, 'play').resolves(true);
    const world = fakeServices({ executions: [makeExecution('e1', { status: 'executing' })] });
    const el = await mount(world, 'e1');
    await finish(world, el, 'completed');
    expect(play.called).to.equal(false);
    expect($(el, '[part=announcement]')!.textContent).to.contain('Command completed');
  });

  it('neither chimes nor announces for a run that had already finished when opened', async () => {
    const play = sinon.stub(audioCues, 'play').resolves(true);
    const world = fakeServices({
      executions: [makeExecution('e1', { status: 'completed', exit_code: 0 })],
    });
    const el = await mount(world, 'e1', { sound: true });
    world.update('e1', { output: 'more\n' });
    await el.updateComplete;
    expect(play.called).to.equal(false);
    expect($(el, '[part=announcement]')!.textContent!.trim()).to.equal('');
  });

  it('chimes and announces once for a run started here that had finished before its first read (live)', async () => {
    const play = sinon.stub(audioCues, 'play').resolves(true);
    const world = fakeServices({
      executions: [makeExecution('e1', { status: 'completed', exit_code: 0 })],
    });
    const el = await mount(world, 'e1', { sound: true, live: true });
    await waitUntil(() => play.called, 'the success cue');
    expect(play.args).to.deep.equal([['success']]);
    expect($(el, '[part=announcement]')!.textContent).to.contain('Command completed, exit code 0');
    world.update('e1', { output: 'more\n' });
    await el.updateComplete;
    expect(play.callCount).to.equal(1);
  });
});

describe('<k8s-execution-status> preferences, errors, high contrast', () => {
  afterEach(() => sinon.restore());

  it('applies the person’s theme and compact preference unless the page set them', async () => {
    const world = fakeServices({ executions: [makeExecution('e1', { status: 'executing' })] });
    world.$preferences.set({
      ...world.$preferences.get(),
      value: { ...world.$preferences.get().value, theme: 'dark', compact: true },
    });
    const el = await mount(world, 'e1');
    expect(el.getAttribute('theme')).to.equal('dark');
    expect(el.hasAttribute('compact')).to.equal(true);
    const pageChose = await fixture<HTMLElement>(
      html`<k8s-fake-services .services=${world.services}
        ><k8s-execution-status execution-id="e1" theme="light"></k8s-execution-status
      ></k8s-fake-services>`,
    );
    const other = pageChose.querySelector('k8s-execution-status')!;
    await other.updateComplete;
    expect(other.getAttribute('theme')).to.equal('light');
  });

  it('shows a failed action with what to do and the support reference', async () => {
    const world = fakeServices({ executions: [makeExecution('e1', { status: 'executing' })] });
    sinon.stub(world.api, 'cancelExecution').rejects(
      new KubeChatError({
        kind: 'server',
        status: 500,
        code: 'INTERNAL',
        serverMessage: 'The server could not cancel it.',
        requestId: 'req-7f3a',
      }),
    );
    const el = await mount(world, 'e1');
    $(el, '.cancel')!.click();
    await el.updateComplete;
    $(el, '.confirm-cancel')!.click();
    await waitUntil(() => $(el, '[part=error-reference]') !== null, 'support reference shown');
    expect($(el, '[part=error]')!.textContent).to.contain('The server could not cancel it.');
    expect($(el, '[part=error-reference]')!.textContent).to.equal('Support reference: req-7f3a');
    expect($(el, '[part=error]')!.getAttribute('role')).to.equal('alert');
    await expect(el).to.be.accessible();
  });

  describe('forced colors', () => {
    afterEach(() => emulateMedia({ forcedColors: 'none' }));

    it('keeps marked spans, status icons, buttons and focus visible as shapes, not colour', async () => {
      const world = fakeServices({
        executions: [makeExecution('e1', { status: 'executing', output: 'pw [REDACTED password]\n' })],
      });
      const el = await mount(world, 'e1');
      await waitUntil(() => $(el, '[part=redacted]') !== null);
      await emulateMedia({ forcedColors: 'active' });
      expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
      const style = (selector: string) => getComputedStyle($(el, selector)!);
      expect(style('[part=redacted]').borderTopWidth).to.equal('2px');
      expect(style('[part=redacted]').borderTopStyle).to.equal('solid');
      expect(style('[part=status-icon]').borderTopStyle).to.equal('solid');
      expect(style('button.cancel').borderTopStyle).to.equal('solid');
      expect(style('[part=output]').borderTopStyle).to.equal('solid');
      // Keyboard focus keeps a visible ring (in the system's Highlight colour).
      await sendKeys({ press: 'Tab' });
      $(el, 'button.cancel')!.focus();
      expect(el.shadowRoot!.activeElement).to.equal($(el, 'button.cancel'));
      expect(style('button.cancel').outlineStyle).to.equal('solid');
      expect(style('button.cancel').outlineWidth).to.equal('2px');
      await expect(el).to.be.accessible();
    });
  });
});
