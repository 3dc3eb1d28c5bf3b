import { expect } from '@open-wc/testing';
import { AudioCues, CUE_NOTES, type CueAudioContext } from '../src/index.js';

/** A recording stand-in for `AudioContext` (the unit boundary: no sound card in a test). */
function fakeContext(state = 'running', resumes = true) {
  const log: string[] = [];
  const param = (name: string) => ({
    setValueAtTime: (v: number, t: number) => log.push(`${name}=${v}@${t.toFixed(2)}`),
    exponentialRampToValueAtTime: (v: number, t: number) => log.push(`${name}~${v}@${t.toFixed(2)}`),
  });
  const context = {
    currentTime: 1,
    destination: 'speakers',
    state,
    resumed: 0,
    async resume() {
      context.resumed++;
      if (!resumes) return new Promise<void>(() => undefined); // the browser waits for a gesture
      await null; // like the real one, it resolves later
      context.state = 'running';
    },
    createOscillator() {
      const osc = {
        type: '',
        frequency: param('freq'),
        connect: (to: unknown) => log.push(`osc->${to === 'speakers' ? 'speakers' : 'gain'}`),
        start: (t: number) => log.push(`start ${osc.type}@${t.toFixed(2)}`),
        stop: (t: number) => log.push(`stop@${t.toFixed(2)}`),
      };
      return osc;
    },
    createGain() {
      return {
        gain: param('gain'),
        connect: (to: unknown) => log.push(`gain->${to === 'speakers' ? 'speakers' : '?'}`),
      };
    },
  };
  return { context, log };
}

describe('audio cues', () => {
  it('creates no audio context until something needs it', () => {
    let created = 0;
    const cues = new AudioCues(() => {
      created++;
      return fakeContext().context as unknown as CueAudioContext;
    });
    expect(created).to.equal(0);
    expect(cues.context).to.equal(null);
  });

  it('plays two enveloped notes per cue, routed oscillator → gain → speakers', async () => {
    const { context, log } = fakeContext();
    const cues = new AudioCues(() => context as unknown as CueAudioContext);
    expect(await cues.play('success')).to.equal(true);
    const [first, second] = CUE_NOTES.success.notes;
    expect(log.filter((l) => l.startsWith('freq='))).to.deep.equal([
      `freq=${first!.frequency}@1.00`,
      `freq=${second!.frequency}@${(1 + first!.seconds).toFixed(2)}`,
    ]);
    expect(log.filter((l) => l === 'osc->gain')).to.have.length(2);
    expect(log.filter((l) => l === 'gain->speakers')).to.have.length(2);
    // Fades in from silence and back out: no click.
    expect(log).to.include('gain=0.0001@1.00');
    expect(log.filter((l) => l.startsWith('gain~0.0001'))).to.have.length(2);
    expect(log.filter((l) => l.startsWith('start sine'))).to.have.length(2);
  });

  it('makes success and failure sound different', async () => {
    const a = fakeContext();
    const b = fakeContext();
    await new AudioCues(() => a.context as unknown as CueAudioContext).play('success');
    await new AudioCues(() => b.context as unknown as CueAudioContext).play('failure');
    const freqs = (log: string[]) => log.filter((l) => l.startsWith('freq='));
    expect(freqs(a.log)).not.to.deep.equal(freqs(b.log));
    expect(b.log.some((l) => l.startsWith('start triangle'))).to.equal(true);
    const [hi, lo] = CUE_NOTES.failure.notes;
    expect(hi!.frequency).to.be.greaterThan(lo!.frequency); // falling
  });

  it('stays silent while the browser does not allow audio yet (no gesture)', async () => {
    const { context, log } = fakeContext('suspended', false);
    const cues = new AudioCues(() => context as unknown as CueAudioContext);
    expect(await cues.play('failure')).to.equal(false);
    expect(log).to.deep.equal([]);
    expect(context.resumed).to.equal(1);
  });

  it('resumes a suspended context that is allowed to start, then plays', async () => {
    const { context, log } = fakeContext('suspended', true);
    const cues = new AudioCues(() => context as unknown as CueAudioContext);
    expect(await cues.play('failure')).to.equal(true);
    expect(log.filter((l) => l.startsWith('start triangle'))).to.have.length(2);
  });

  it('stays silent without Web Audio or when creating a context throws', async () => {
    expect(await new AudioCues(() => null).play('success')).to.equal(false);
    expect(
      await new AudioCues(() => {
        throw new Error('NotAllowedError');
      }).play('success'),
    ).to.equal(false);
  });

  it('creates the context on the next gesture after arm(), once', () => {
    let created = 0;
    const target = new EventTarget();
    const cues = new AudioCues(() => {
      created++;
      return fakeContext().context as unknown as CueAudioContext;
    });
    cues.arm(target);
    cues.arm(target);
    expect(created).to.equal(0);
    target.dispatchEvent(new Event('keydown'));
    target.dispatchEvent(new Event('pointerdown'));
    expect(created).to.equal(1);
    expect(cues.context).not.to.equal(null);
  });
});
