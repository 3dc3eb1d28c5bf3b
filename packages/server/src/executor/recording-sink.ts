import type { ExecutionSink } from './types.js';

export type SinkEvent =
  | { readonly type: 'output'; readonly stream: 'stdout' | 'stderr'; readonly chunk: string }
  | {
      readonly type: 'progress';
      readonly percentage: number;
      readonly stage: string;
      readonly description: string;
    };

/**
 * A sink that keeps everything in order, for callers that need the whole result (an API call that
 * does not stream, an export, a test) rather than a live stream.
 */
export class RecordingSink implements ExecutionSink {
  readonly events: SinkEvent[] = [];

  output(chunk: string, stream: 'stdout' | 'stderr'): void {
    this.events.push({ type: 'output', stream, chunk });
  }

  progress(update: { percentage: number; stage: string; description: string }): void {
    this.events.push({ type: 'progress', ...update });
  }

  get stdout(): string {
    return this.#text('stdout');
  }

  get stderr(): string {
    return this.#text('stderr');
  }

  /** Output lines of both streams, in the order they came. */
  get lines(): string[] {
    return this.events
      .flatMap((e) => (e.type === 'output' ? e.chunk.split('\n') : []))
      .filter((line) => line !== '');
  }

  get percentages(): number[] {
    return this.events.flatMap((e) => (e.type === 'progress' ? [e.percentage] : []));
  }

  #text(stream: 'stdout' | 'stderr'): string {
    return this.events.map((e) => (e.type === 'output' && e.stream === stream ? e.chunk : '')).join('');
  }
}
