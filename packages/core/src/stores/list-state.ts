import { KubeChatError, isKubeChatError } from '../api/errors.js';

/** A list loaded over REST and kept current from the socket. */
export interface ListState<T> {
  readonly items: readonly T[];
  /** A REST read is running. */
  readonly loading: boolean;
  /** The first REST read finished (successfully or not). */
  readonly loaded: boolean;
  readonly error: KubeChatError | null;
}

export function emptyList<T>(): ListState<T> {
  return { items: [], loading: false, loaded: false, error: null };
}

/** A new array with `item` replacing the entry of the same id, or added (first or last). */
export function upsertById<T extends { readonly id: string }>(
  items: readonly T[],
  item: T,
  where: 'first' | 'last' = 'last',
): readonly T[] {
  const index = items.findIndex((existing) => existing.id === item.id);
  if (index === -1) return where === 'first' ? [item, ...items] : [...items, item];
  const next = items.slice();
  next[index] = item;
  return next;
}

/** Any failure as a KubeChatError, so stores expose one error type. */
export function asKubeChatError(error: unknown): KubeChatError {
  return isKubeChatError(error) ? error : new KubeChatError({ kind: 'network', cause: error });
}

/** Newer of two versions of an object that carries `updated_at`; ties go to `incoming`. */
export function newer<T extends { readonly updated_at: string }>(current: T | null, incoming: T): T {
  if (!current) return incoming;
  return Date.parse(incoming.updated_at) >= Date.parse(current.updated_at) ? incoming : current;
}
