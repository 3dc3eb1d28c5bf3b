import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';
import type { ChatMessageView } from '../k8s-chat.types.js';

export interface StickToBottomOptions {
  /** The scrolling message list. */
  readonly scroller: () => HTMLElement | null | undefined;
  readonly items: () => readonly ChatMessageView[];
  /** The reader scrolled near the top: time to read older messages. */
  readonly onNearTop: () => void;
}

/**
 * Keeps the virtualized list at the bottom only while the reader is there: a new message at the end
 * scrolls into view when they were at the bottom (or wrote it), otherwise `newBelow` turns on for the
 * "new messages" button. Never pulls a reader away from history they are reading.
 */
export class StickToBottomController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: StickToBottomOptions;
  #newBelow = false;
  #atBottom = true;
  #pinUntil = 0;
  #lastId: string | undefined;
  #scrollPending = false;

  constructor(host: ReactiveControllerHost, options: StickToBottomOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** Messages arrived below while the reader was elsewhere. */
  get newBelow(): boolean {
    return this.#newBelow;
  }

  #setNewBelow(value: boolean): void {
    if (value === this.#newBelow) return;
    this.#newBelow = value;
    this.#host.requestUpdate();
  }

  /**
   * Decides before the render whether a new last message scrolls into view or lights "new messages", so
   * the button's state joins this update; the scroll itself waits for the rendered rows (hostUpdated).
   */
  hostUpdate(): void {
    const items = this.#options.items();
    const last = items[items.length - 1];
    if (last?.id === this.#lastId) return;
    this.#lastId = last?.id;
    if (!last) return;
    const follow = this.#atBottom || (last.role === 'user' && last.status !== 'sent');
    this.#scrollPending = follow;
    this.#newBelow = !follow;
  }

  hostUpdated(): void {
    if (!this.#scrollPending) return;
    this.#scrollPending = false;
    this.scrollToBottom();
  }

  /** A different conversation is shown: start at its bottom. */
  reset(): void {
    this.#atBottom = true;
    this.#lastId = undefined;
    this.#setNewBelow(false);
  }

  /** Stop following the bottom (the reader jumped to a search hit). */
  release(): void {
    this.#atBottom = false;
    this.#pinUntil = 0;
  }

  /** For the list's `scroll` event. */
  readonly onScroll = (): void => {
    const el = this.#options.scroller();
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
    // While pinned to the bottom, the virtualizer's own re-layouts must not unstick the list.
    if (!atBottom && performance.now() < this.#pinUntil) return;
    this.#atBottom = atBottom;
    if (atBottom) this.#setNewBelow(false);
    if (el.scrollTop < 120) this.#options.onNearTop();
  };

  /** For wheel, touch, pointer and key events: the reader took over scrolling. */
  readonly onReaderScroll = (): void => {
    this.#pinUntil = 0;
  };

  /** Scrolls message `index` into view (a no-op before the virtualizer has measured its rows). */
  scrollToIndex(index: number, block: ScrollLogicalPosition): void {
    type Ref = { element(i: number): { scrollIntoView(o?: ScrollIntoViewOptions): void } | undefined };
    const scroller = this.#options.scroller() as unknown as Record<symbol, Ref | undefined> | undefined;
    try {
      scroller?.[virtualizerRef]?.element(index)?.scrollIntoView({ block });
    } catch {
      // Not measured yet; the next layout settles the position.
    }
  }

  scrollToBottom(): void {
    const el = this.#options.scroller();
    this.#atBottom = true;
    this.#setNewBelow(false);
    if (!el) return;
    this.#pinUntil = performance.now() + 600;
    el.scrollTop = el.scrollHeight;
    // The virtualizer measures after layout; keep settling on the real bottom for a few frames.
    const settle = () => {
      if (!this.#atBottom || !el.isConnected) return;
      const count = this.#options.items().length;
      if (count) this.scrollToIndex(count - 1, 'end');
      el.scrollTop = el.scrollHeight;
      if (performance.now() < this.#pinUntil) requestAnimationFrame(settle);
    };
    requestAnimationFrame(settle);
  }
}
