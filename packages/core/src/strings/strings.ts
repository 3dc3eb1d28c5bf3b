import { atom, type ReadableAtom } from 'nanostores';
import { HISTORY_STRINGS } from './history-strings.js';

/**
 * Every piece of text the elements show that does not come from the server, in one table a host can
 * replace for another language with `setStrings()`. `{name}` placeholders are filled by `formatString`.
 */
export const DEFAULT_STRINGS = {
  'error.auth': 'Your session ended. Sign in again to continue.',
  'error.forbidden': 'You do not have permission to do that. Ask an administrator for access.',
  'error.not-found': 'That item no longer exists, or you can no longer see it. Refresh and try again.',
  'error.validation': 'Some of what you entered is not valid. Check the highlighted fields and try again.',
  'error.conflict': 'This was changed at the same time by someone else. Reload it and try again.',
  'error.rate-limited': 'Too many requests. Wait {seconds} s and try again.',
  'error.network': 'The server cannot be reached. Check your connection; sending resumes when it is back.',
  'error.timeout': 'The server took too long to answer. Try again in a moment.',
  'error.server': 'Something went wrong on the server. Try again in a moment.',
  'error.reference': 'Support reference: {id}',
  'connection.idle': 'Not connected',
  'connection.connecting': 'Connecting…',
  'connection.open': 'Live',
  'connection.reconnecting': 'Reconnecting…',
  'connection.offline': 'You are offline. Changes are sent when you are back online.',
  'connection.unauthorized': 'Signed out. Sign in to see live updates.',
  'auth.required': 'Sign in to continue.',
  'auth.sign-in': 'Sign in',
  'auth.sign-out': 'Sign out',
  'idle.title': 'Are you still there?',
  'idle.warning':
    'For your security you will be signed out in {seconds} s because nothing happened for a while.',
  'idle.stay': 'Stay signed in',
  'idle.sign-out': 'Sign out now',
  'account.preferences': 'Preferences',
  'account.preferences-note': 'Saved to your account and used on every device.',
  'account.theme': 'Theme',
  'account.theme.system': 'Same as the system',
  'account.theme.light': 'Light',
  'account.theme.dark': 'Dark',
  'account.namespace': 'Default namespace',
  'account.namespace-help': 'Used when a request names none. Lowercase letters, digits and dashes.',
  'account.namespace-invalid':
    'A namespace uses lowercase letters, digits and dashes, and starts and ends with a letter or digit.',
  'account.compact': 'Compact layout',
  'account.sound': 'Play a sound when a command completes or fails',
  'account.saving': 'Saving…',
  'account.saved': 'Saved.',
  'account.devices': 'Where you are signed in',
  'account.devices-empty': 'No other devices.',
  'account.device-current': 'This device',
  'account.device-last-used': 'Last used {time}',
  'account.device-since': 'signed in {time}',
  'account.device-sign-out': 'Sign out',
  'account.device-sign-out-label': 'Sign out {device} ({ip})',
  'account.signed-out': 'Sign in to see your preferences and devices.',
  'account.dismiss': 'Dismiss',
  'message.sending': 'Sending…',
  'message.queued': 'Waiting for the connection…',
  'message.failed': 'Not sent.',
  'message.retry': 'Retry',
  ...HISTORY_STRINGS,
} as const;

export type StringKey = keyof typeof DEFAULT_STRINGS;
export type Strings = { readonly [K in StringKey]: string };

const current: { -readonly [K in StringKey]: string } = { ...DEFAULT_STRINGS };

/** The current strings. Read at render time; subscribe to `$strings` to re-render when a host replaces them. */
export const strings: Strings = current;

const $current = atom<Strings>({ ...current });
/** Changes whenever `setStrings()` or `resetStrings()` runs. */
export const $strings: ReadableAtom<Strings> = $current;

/** Replaces some or all strings, for example with a translation. Unknown keys are ignored. */
export function setStrings(overrides: Partial<Strings>): void {
  for (const [key, value] of Object.entries(overrides)) {
    if (key in DEFAULT_STRINGS && typeof value === 'string') current[key as StringKey] = value;
  }
  $current.set({ ...current });
}

/** Restores the built-in English strings. */
export function resetStrings(): void {
  Object.assign(current, DEFAULT_STRINGS);
  $current.set({ ...current });
}

/** The string for `key` with `{name}` placeholders replaced; unknown placeholders are left as they are. */
export function formatString(key: StringKey, values: Record<string, string | number> = {}): string {
  return current[key].replace(/\{(\w+)\}/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );
}
