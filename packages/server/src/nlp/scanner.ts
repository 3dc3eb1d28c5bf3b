import { FILLER, isKeyValue, isNameLike, NOT_NAMESPACE, numberOf, type Token } from './lexicon.js';

/**
 * Walks the words of a query, letting each extraction phase claim the words it understood so later
 * phases see only what is left. Phrases are written as small patterns rather than regular expressions:
 *
 *   `in|within the? <ns> namespace|ns`
 *
 * Words separated by `|` are alternatives, a trailing `?` makes an element optional, and `<slot>`
 * captures one word that satisfies the predicate of that name in {@link SLOTS}.
 */
export type Captures = Record<string, Token>;

export interface Match {
  readonly tokens: Token[];
  readonly caps: Captures;
}

/** What a `<slot>` accepts. */
export const SLOTS: Record<string, (tok: Token) => boolean> = {
  name: (tok) => isNameLike(tok.t),
  ns: (tok) => isNameLike(tok.t) && !NOT_NAMESPACE.has(tok.t),
  /** Any DNS label, even one that is also a kind word: "namespace ingress" names a namespace. */
  dns: (tok) => /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(tok.t) && !FILLER.has(tok.t),
  num: (tok) => numberOf(tok.t) !== null,
  kv: (tok) => isKeyValue(tok.raw),
  word: (tok) => /^[a-z0-9][a-z0-9_.-]*$/.test(tok.t),
  any: () => true,
};

interface Element {
  readonly words: ReadonlySet<string> | null;
  readonly slot: string | null;
  readonly optional: boolean;
}

const compiled = new Map<string, Element[]>();

function compile(pattern: string): Element[] {
  let elements = compiled.get(pattern);
  if (!elements) {
    elements = pattern.split(' ').map((part) => {
      const optional = part.endsWith('?') && part.length > 1;
      const body = optional ? part.slice(0, -1) : part;
      const slot = /^<(\w+)>$/.exec(body)?.[1] ?? null;
      if (slot && !SLOTS[slot]) throw new Error(`unknown slot <${slot}> in pattern "${pattern}"`);
      return { words: slot ? null : new Set(body.split('|')), slot, optional };
    });
    compiled.set(pattern, elements);
  }
  return elements;
}

function matchAt(
  rest: readonly Token[],
  i: number,
  els: readonly Element[],
  k: number,
  caps: Captures,
  acc: Token[],
): Match | null {
  if (k === els.length) return { tokens: acc, caps };
  const el = els[k]!;
  const tok = rest[i];
  if (tok && (el.slot ? SLOTS[el.slot]!(tok) : el.words!.has(tok.t))) {
    const next = matchAt(rest, i + 1, els, k + 1, el.slot ? { ...caps, [el.slot]: tok } : caps, [
      ...acc,
      tok,
    ]);
    if (next) return next;
  }
  return el.optional ? matchAt(rest, i, els, k + 1, caps, acc) : null;
}

export class Scanner {
  readonly #used = new Set<number>();

  constructor(readonly tokens: readonly Token[]) {}

  /** The words no phase has claimed yet, in query order. */
  rest(): Token[] {
    return this.tokens.filter((tok) => !this.#used.has(tok.index));
  }

  take(...tokens: Token[]): void {
    for (const tok of tokens) this.#used.add(tok.index);
  }

  isTaken(tok: Token): boolean {
    return this.#used.has(tok.index);
  }

  /**
   * Finds every non-overlapping occurrence of `pattern` among the remaining words, left to right, and
   * hands each to `onMatch`. The words of a match are claimed when `onMatch` returns true.
   */
  scan(pattern: string, onMatch: (m: Match) => boolean | void): number {
    const els = compile(pattern);
    let found = 0;
    let i = 0;
    for (;;) {
      const rest = this.rest();
      if (i >= rest.length) return found;
      const m = matchAt(rest, i, els, 0, {}, []);
      if (m && m.tokens.length > 0) {
        found++;
        if (onMatch(m) !== false) {
          this.take(...m.tokens);
          continue;
        }
      }
      i++;
    }
  }
}
