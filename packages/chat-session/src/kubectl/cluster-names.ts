import { KUBECTL_VERBS, isKubectl, kindKey, namespacesIn, positionalWords } from './completions.js';

/** What the composer may ask the server for: names of a kind (in a namespace), or the namespaces. */
export interface NamesQuery {
  /** The kind as typed (`deploy`, `pods`); `namespaces` for the namespaces. */
  readonly kind: string;
  /** The namespace given in the command, if any; the server's default otherwise. */
  readonly namespace: string | null;
}

/** Fetches names; core's `api.listNames` in the element. Rejections are fine: completion offers less. */
export type ListNames = (kind: string, namespace: string | null) => Promise<{ names: readonly string[] }>;

/** Names stay fresh this long: long enough for one command, short enough to see new objects soon. */
export const NAMES_TTL_MS = 30_000;
/** Waits for a pause in typing before asking, so a fast typist causes one request, not one per key. */
export const NAMES_DEBOUNCE_MS = 150;

const verbs: readonly string[] = KUBECTL_VERBS;

/**
 * Which names the last word of `text` would complete to: after `-n`/`--namespace` the namespaces, after
 * `kubectl <verb> <kind>` or in `kubectl <verb> <kind>/` the names of that kind (in the namespace the
 * command names). Null otherwise,
 * mirroring where `complete()` offers namespaces and names.
 */
export function namesQueryFor(text: string): NamesQuery | null {
  if (!isKubectl(text)) return null;
  const words = text.trimStart().split(/\s+/);
  const previous = words[words.length - 2];
  if (previous === '-n' || previous === '--namespace') return { kind: 'namespaces', namespace: null };
  const pos = positionalWords(words);
  if (!verbs.includes(pos[1]!)) return null;
  // `kubectl get deployment <name>` or `kubectl get deployment/<name>` (the kind before the slash).
  const slashed = pos.length === 3 && pos[2]!.includes('/');
  const kind = slashed ? pos[2]!.slice(0, pos[2]!.indexOf('/')) : pos.length === 4 ? pos[2] : undefined;
  // Anything else that is not a kind word (`pod/web x`, `svc,pods`) is not worth a request.
  if (!kind || !/^[a-z][a-z0-9.]*$/i.test(kind)) return null;
  return { kind, namespace: namespacesIn(text)[0] ?? null };
}

interface Entry {
  readonly names: readonly string[];
  readonly at: number;
}

/**
 * A short-lived cache of the names the server lists, per (kind, namespace). `names()` answers at once
 * from the cache (never waits), `want()` schedules a debounced fetch for what is missing or stale, and
 * `onChange` tells the composer when new names arrived. A failed fetch is remembered as "no names" for
 * the same time, so a refused read (kube-system) or an offline server is not asked again on every key.
 */
export class ClusterNamesCache {
  readonly #entries = new Map<string, Entry>();
  readonly #inFlight = new Set<string>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly list: () => ListNames | undefined,
    private readonly onChange: (query: NamesQuery) => void,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The cached names for a query (empty when none yet); never blocks. */
  names(query: NamesQuery): readonly string[] {
    return this.#entries.get(key(query))?.names ?? [];
  }

  /** Asks for the query's names after a pause in typing, unless they are cached and fresh. */
  want(query: NamesQuery | null): void {
    clearTimeout(this.#timer);
    if (!query) return;
    const k = key(query);
    const entry = this.#entries.get(k);
    if ((entry && this.now() - entry.at < NAMES_TTL_MS) || this.#inFlight.has(k)) return;
    this.#timer = setTimeout(() => void this.#fetch(query, k), NAMES_DEBOUNCE_MS);
  }

  /** Stops a pending fetch (the element left the page). */
  dispose(): void {
    clearTimeout(this.#timer);
  }

  async #fetch(query: NamesQuery, k: string): Promise<void> {
    const list = this.list();
    if (!list) return;
    this.#inFlight.add(k);
    let names: readonly string[] = [];
    try {
      names = (await list(query.kind, query.namespace)).names;
    } catch {
      // Silent on purpose: completion just offers what the conversation already showed.
    } finally {
      this.#inFlight.delete(k);
    }
    this.#entries.set(k, { names, at: this.now() });
    if (names.length) this.onChange(query);
  }
}

/** Namespaces are one key; kinds share a key however they are written (`po`, `pods`). */
function key(query: NamesQuery): string {
  return query.kind === 'namespaces' ? 'namespaces' : `${kindKey(query.kind)}|${query.namespace ?? ''}`;
}
