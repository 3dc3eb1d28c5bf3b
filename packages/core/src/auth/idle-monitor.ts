import { atom, type ReadableAtom } from 'nanostores';

export type IdleStatus = 'active' | 'warning' | 'expired';

export interface IdleState {
  readonly status: IdleStatus;
  /** Local epoch ms at which the session ends without further activity. */
  readonly deadline: number;
  /** Whole seconds left, for the warning's countdown. */
  readonly secondsLeft: number;
}

export interface IdleMonitorOptions {
  /** Inactivity after which the session ends. */
  readonly timeoutMs: number;
  /** How long before the end the warning shows; default one minute (capped at half the timeout). */
  readonly warningMs?: number;
  /** Called once when the time runs out (sign out here). */
  readonly onExpire: () => void;
  /** Tabs sharing this name count each other's activity; default one name per origin. */
  readonly channelName?: string;
  /** Where activity is observed; default the window. */
  readonly target?: EventTarget;
  readonly now?: () => number;
}

export interface IdleMonitor {
  readonly $state: ReadableAtom<IdleState>;
  /** The person chose to stay signed in (also what any activity does). */
  stayActive(): void;
  dispose(): void;
}

/** What a person does that shows they are there. Pointer moves are left out: a bumped mouse is not use. */
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;
/** Activity is told to other tabs at most this often, so typing does not flood the channel. */
const BROADCAST_EVERY_MS = 5_000;
/**
 * Before a tab warns or ends the session it asks the others for activity they have not told yet (the
 * throttle above can hold back up to 5 s of it) and waits this long for answers. Tabs of one browser
 * answer within milliseconds; the wait only delays a warning or an end that is due anyway.
 */
const ASK_OTHER_TABS_MS = 300;

type IdleMessage = { type: 'activity'; at: number } | { type: 'ask' };

/**
 * Ends a session after a period without activity, with a warning before the end. Activity in any tab of
 * the origin counts (BroadcastChannel); before warning or ending, a tab asks the others for activity they
 * have not told yet, so no tab acts on a stale picture. Deadlines are checked against the clock, not only
 * by timers, so a laptop that slept past the deadline signs out as soon as it wakes.
 */
export function createIdleMonitor(options: IdleMonitorOptions): IdleMonitor {
  const now = options.now ?? Date.now;
  const timeoutMs = Math.max(1_000, options.timeoutMs);
  const warningMs = Math.min(options.warningMs ?? 60_000, timeoutMs / 2);
  const target = options.target ?? globalThis.window;
  const channel =
    typeof BroadcastChannel === 'function'
      ? new BroadcastChannel(options.channelName ?? 'k8s-chat:idle')
      : null;
  const $state = atom<IdleState>({
    status: 'active',
    deadline: now() + timeoutMs,
    secondsLeft: Math.ceil(timeoutMs / 1000),
  });
  let lastActivity = now();
  /** This tab's own newest activity, and the newest one it has told the other tabs. */
  let ownActivity = lastActivity;
  let toldActivity = 0;
  let lastBroadcast = 0;
  /** The transition ("warning@deadline") the other tabs were last asked about. */
  let asked = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  const post = (message: IdleMessage) => channel?.postMessage(message);
  const tell = (at: number) => {
    lastBroadcast = now();
    toldActivity = at;
    post({ type: 'activity', at });
  };

  const evaluate = () => {
    clearTimeout(timer);
    if (disposed || $state.get().status === 'expired') return;
    const deadline = lastActivity + timeoutMs;
    const left = deadline - now();
    const status: IdleStatus | 'end' = left <= 0 ? 'end' : left <= warningMs ? 'warning' : 'active';
    const current = $state.get();
    if (status !== 'active' && status !== current.status && channel && asked !== `${status}@${deadline}`) {
      asked = `${status}@${deadline}`;
      post({ type: 'ask' });
      timer = setTimeout(evaluate, ASK_OTHER_TABS_MS);
      return;
    }
    if (status === 'end') {
      $state.set({ status: 'expired', deadline, secondsLeft: 0 });
      options.onExpire();
      return;
    }
    const secondsLeft = Math.ceil(left / 1000);
    if (current.status !== status || current.deadline !== deadline || current.secondsLeft !== secondsLeft)
      $state.set({ status, deadline, secondsLeft });
    // Wake at the next boundary: the warning, then the end; once a second while warning for the countdown.
    timer = setTimeout(evaluate, status === 'warning' ? Math.min(left, 1_000) : left - warningMs);
  };

  const activity = (at: number, fromOtherTab: boolean) => {
    if (disposed || $state.get().status === 'expired' || at <= lastActivity) return;
    lastActivity = at;
    if (!fromOtherTab) {
      ownActivity = at;
      // During the warning every tab shows it, so activity is told at once to close them all.
      if (at - lastBroadcast >= BROADCAST_EVERY_MS || $state.get().status === 'warning') tell(at);
    }
    // Only re-plan when it matters (leaving the warning); otherwise the pending timer re-checks anyway.
    if ($state.get().status === 'warning' || fromOtherTab) evaluate();
  };

  const onLocal = () => activity(now(), false);
  const onMessage = (event: MessageEvent) => {
    const data = event.data as { type?: string; at?: unknown } | null;
    if (data?.type === 'activity' && typeof data.at === 'number') activity(data.at, true);
    // Another tab is about to warn or end: tell it what the throttle held back.
    else if (data?.type === 'ask' && ownActivity > toldActivity) tell(ownActivity);
  };
  const onWake = () => evaluate();
  for (const type of ACTIVITY_EVENTS)
    target?.addEventListener(type, onLocal, { passive: true, capture: true });
  target?.addEventListener('focus', onWake);
  globalThis.document?.addEventListener('visibilitychange', onWake);
  channel?.addEventListener('message', onMessage);
  evaluate();

  return {
    $state,
    stayActive() {
      activity(Math.max(now(), lastActivity + 1), false);
      evaluate();
    },
    dispose() {
      disposed = true;
      clearTimeout(timer);
      for (const type of ACTIVITY_EVENTS) target?.removeEventListener(type, onLocal, { capture: true });
      target?.removeEventListener('focus', onWake);
      globalThis.document?.removeEventListener('visibilitychange', onWake);
      channel?.removeEventListener('message', onMessage);
      channel?.close();
    },
  };
}
