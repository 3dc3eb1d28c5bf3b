/**
 * Short generated sounds for "a command finished" and "a command failed". Made with the Web Audio API
 * (an oscillator through a gain envelope), so there is no media file to load, host or cache. Opt-in: an
 * element plays a cue only when the person's `sound` preference (or the page) asks for it.
 */

export type AudioCue = 'success' | 'failure';

/** The parts of `AudioContext` the cues use; tests pass a fake (the unit boundary). */
export interface CueAudioContext {
  readonly currentTime: number;
  readonly destination: unknown;
  readonly state: string;
  resume(): Promise<void>;
  createOscillator(): CueOscillator;
  createGain(): CueGain;
}
export interface CueAudioParam {
  setValueAtTime(value: number, time: number): unknown;
  exponentialRampToValueAtTime(value: number, time: number): unknown;
}
export interface CueOscillator {
  type: string;
  readonly frequency: CueAudioParam;
  connect(destination: unknown): unknown;
  start(when?: number): void;
  stop(when?: number): void;
}
export interface CueGain {
  readonly gain: CueAudioParam;
  connect(destination: unknown): unknown;
}

interface Note {
  readonly frequency: number;
  readonly seconds: number;
}

/** Two notes each: rising and soft for success, falling and rougher for failure, so they differ without looking. */
export const CUE_NOTES: Readonly<
  Record<AudioCue, { readonly wave: string; readonly notes: readonly Note[] }>
> = {
  success: {
    wave: 'sine',
    notes: [
      { frequency: 660, seconds: 0.09 },
      { frequency: 880, seconds: 0.14 },
    ],
  },
  failure: {
    wave: 'triangle',
    notes: [
      { frequency: 392, seconds: 0.14 },
      { frequency: 262, seconds: 0.22 },
    ],
  },
};

/** Quiet: a cue is a hint next to the screen, not an alarm. */
const PEAK_GAIN = 0.15;
/** Exponential ramps cannot reach 0; this is inaudible. */
const SILENT = 0.0001;
const ATTACK_SECONDS = 0.01;
/** How long a suspended context may take to start before the cue is dropped. */
const RESUME_WAIT_MS = 300;

function defaultContext(): CueAudioContext | null {
  const Constructor =
    globalThis.AudioContext ??
    (globalThis as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  return Constructor ? (new Constructor() as unknown as CueAudioContext) : null;
}

/**
 * Plays cues through one lazily created audio context. Browsers only let audio start after a user gesture,
 * so `arm()` waits for the next click or key press on the page and creates (or resumes) the context then;
 * a cue played before any gesture is skipped rather than queued, since a late sound would be misleading.
 */
export class AudioCues {
  readonly #create: () => CueAudioContext | null;
  #context: CueAudioContext | null = null;
  #armed = false;

  constructor(createContext: () => CueAudioContext | null = defaultContext) {
    this.#create = createContext;
  }

  /** The context, once a gesture or a cue created it. */
  get context(): CueAudioContext | null {
    return this.#context;
  }

  /** Creates the context on the person's next gesture, so a later cue may play. Safe to call often. */
  arm(target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> = globalThis.document): void {
    if (this.#armed || this.#context || !target) return;
    this.#armed = true;
    const unlock = () => {
      target.removeEventListener('pointerdown', unlock, true);
      target.removeEventListener('keydown', unlock, true);
      this.#armed = false;
      void this.#ensure()
        ?.resume()
        .catch(() => undefined); // inside the gesture, so the browser lets it start
    };
    target.addEventListener('pointerdown', unlock, true);
    target.addEventListener('keydown', unlock, true);
  }

  /**
   * Plays one cue now. Resolves false when no sound could be made: no Web Audio, or the browser did not
   * allow audio within a moment (no gesture on the page yet) — a cue that sounds much later would mislead.
   */
  async play(cue: AudioCue): Promise<boolean> {
    const context = this.#ensure();
    if (!context) return false;
    if (context.state !== 'running') {
      const resumed = await Promise.race([
        context.resume().then(
          () => true,
          () => false,
        ),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), RESUME_WAIT_MS)),
      ]);
      if (!resumed || context.state !== 'running') return false;
    }
    this.#schedule(context, cue);
    return true;
  }

  #schedule(context: CueAudioContext, cue: AudioCue): void {
    const { wave, notes } = CUE_NOTES[cue];
    let start = context.currentTime;
    for (const note of notes) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = wave;
      oscillator.frequency.setValueAtTime(note.frequency, start);
      // Attack then decay: no click at the start or end of the note.
      gain.gain.setValueAtTime(SILENT, start);
      gain.gain.exponentialRampToValueAtTime(PEAK_GAIN, start + ATTACK_SECONDS);
      gain.gain.exponentialRampToValueAtTime(SILENT, start + note.seconds);
      oscillator.connect(gain);
      gain.connect(context.destination);
      oscillator.start(start);
      oscillator.stop(start + note.seconds + 0.02);
      start += note.seconds;
    }
  }

  #ensure(): CueAudioContext | null {
    if (!this.#context) {
      try {
        this.#context = this.#create();
      } catch {
        this.#context = null; // a browser that refuses audio (policy, no device) just stays silent
      }
    }
    return this.#context;
  }
}

/** The page's one set of cues, shared by every element (one audio context per page). */
export const audioCues = new AudioCues();
