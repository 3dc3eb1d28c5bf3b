import { resolveResource, type ResourceKind } from '../kubectl/index.js';
import {
  isKeyValue,
  isKindWord,
  isNameLike,
  kindAt,
  NOT_NAMESPACE,
  numberOf,
  FILLER,
  type Token,
} from './lexicon.js';
import type { Intent } from './intents.js';
import { SLOTS, type Scanner } from './scanner.js';

const SLOTS_NS = (tok: Token) => SLOTS.ns!(tok);

/**
 * The objects a request names: the namespace it runs in, the resource kinds, and object names, read from
 * the words left after slots and intent cues were claimed.
 */

/** Intents for which "namespace prod" can name the namespace object itself. */
const NAMESPACE_OBJECT_INTENTS = new Set<Intent>([
  'create-namespace',
  'delete',
  'describe',
  'get',
  'label',
  'annotate',
]);

const NAMESPACE_WORDS = 'namespace|ns';
const PREPOSITIONS = 'in|within|inside|from|of|for|on|under|at';

export interface NamespaceMention {
  readonly namespace: string;
  readonly token: Token;
  /** Other namespaces named alongside ("in prod and staging"): one command cannot cover them. */
  readonly also: string[];
}

/**
 * Finds the namespace: "in the prod namespace", "in namespace prod", "namespace: prod", "in prod". When
 * several "in X" phrases compete ("you are in maintenance mode, delete pods in kube-system"), the one in
 * the same clause as the request's verb wins.
 */
export function extractNamespace(
  s: Scanner,
  intent: Intent | null,
  cueClause: number | null,
): NamespaceMention | null {
  const found: NamespaceMention[] = [];
  const record = (tok: Token, claimed: Token[]) => {
    found.push({ namespace: tok.t, token: tok, also: [] });
    s.take(...claimed);
  };
  let also: string[] = [];
  s.scan(`in|from|across <ns> and|or <ns> ${NAMESPACE_WORDS}?`, (m) => {
    const [first, second] = m.tokens.filter((t) => SLOTS_NS(t));
    if (!first || !second || first.t === second.t) return false;
    also = [second.t];
    record(first, m.tokens);
  });
  const otherKinds = s
    .rest()
    .some((tok) => isKindWord(tok.t) && tok.t !== 'namespace' && tok.t !== 'ns' && tok.t !== 'namespaces');
  const namespaceIsObject = intent !== null && NAMESPACE_OBJECT_INTENTS.has(intent) && !otherKinds;

  for (const tok of s.rest()) {
    const m = /^(?:namespace|ns)=([a-z0-9-]+)$/.exec(tok.t);
    if (m) {
      found.push({ namespace: m[1]!, token: tok, also: [] });
      s.take(tok);
    }
  }
  s.scan(`${PREPOSITIONS} the? <ns> ${NAMESPACE_WORDS}`, (m) => record(m.caps.ns!, m.tokens));
  s.scan(`${PREPOSITIONS} the? ${NAMESPACE_WORDS} <dns>`, (m) => record(m.caps.dns!, m.tokens));
  if (!namespaceIsObject) {
    s.scan(`${NAMESPACE_WORDS} <dns>`, (m) => record(m.caps.dns!, m.tokens));
    s.scan(`the? <ns> ${NAMESPACE_WORDS}`, (m) => {
      // In "pod edge-6b9d namespace ingress", edge-6b9d belongs to the pod.
      const rest = s.rest();
      const before = rest[rest.indexOf(m.tokens[0]!) - 1];
      if (before && isKindWord(before.t)) return false;
      record(m.caps.ns!, m.tokens);
    });
  }
  const prepositions = intent === 'delete' ? 'in|from' : 'in';
  const rest = s.rest();
  rest.forEach((tok, i) => {
    const candidate = rest[i + 1];
    if (!prepositions.split('|').includes(tok.t) || !candidate || s.isTaken(tok) || s.isTaken(candidate))
      return;
    if (!isNameLike(candidate.t) || NOT_NAMESPACE.has(candidate.t)) return;
    // "in the api pod": the word after the candidate is a kind, so the candidate is an object name.
    const after = rest[i + 2];
    if (after && isKindWord(after.t)) return;
    record(candidate, [tok, candidate]);
  });
  if (found.length === 0) return null;
  const chosen = (cueClause !== null && found.find((f) => f.token.clause === cueClause)) || found[0]!;
  return also.length > 0 ? { ...chosen, also } : chosen;
}

export interface KindMention {
  readonly kind: ResourceKind;
  /** True for "pods", false for "pod", null for short names like "po" that can be either. */
  readonly plural: boolean | null;
  readonly token: Token;
}

export interface NamedObject {
  readonly kind: ResourceKind;
  readonly name: string;
  readonly token: Token;
}

export interface Mentions {
  readonly kinds: KindMention[];
  /** Names tied to a kind: "deployment api", "the api deployment", "pod/api-7c9f". */
  readonly objects: NamedObject[];
  /** Names with no kind next to them: "scale api to 3". */
  readonly looseNames: Token[];
  /** `key=value` words (label values to set, or selectors for reads). */
  readonly keyValues: string[];
  /** `key-` words: labels to remove. */
  readonly removals: string[];
  readonly numbers: number[];
  /** Words nobody understood; they lower the confidence. */
  readonly unused: Token[];
}

/** Reads kinds, names, `key=value` pairs and leftovers from the remaining words. */
export function extractMentions(s: Scanner): Mentions {
  const kinds: KindMention[] = [];
  const objects: NamedObject[] = [];
  const keyValues: string[] = [];
  const removals: string[] = [];
  const numbers: number[] = [];
  const rest = s.rest();
  const attached = new Set<number>();

  for (let i = 0; i < rest.length; i++) {
    const tok = rest[i]!;
    const slash = /^([a-z][a-z.]*)\/([a-z0-9]([a-z0-9.-]*[a-z0-9])?)$/.exec(tok.t);
    const slashKind = slash ? resolveResource(slash[1]!) : undefined;
    if (slash && slashKind) {
      kinds.push({ kind: slashKind, plural: false, token: tok });
      objects.push({ kind: slashKind, name: slash[2]!, token: tok });
      attached.add(tok.index);
      continue;
    }
    const found = kindAt(rest, i);
    if (!found) continue;
    const mention: KindMention = { kind: found.word.kind, plural: found.word.plural, token: tok };
    kinds.push(mention);
    for (let k = 0; k < found.length; k++) attached.add(rest[i + k]!.index);
    let j = i + found.length;
    // Names must really follow the kind in the query, not just come after words other phases claimed:
    // in "pods in prod frobnicated", "frobnicated" is not a pod.
    const follows = (k: number) => rest[k] !== undefined && rest[k]!.index === rest[k - 1]!.index + 1;
    if ((rest[j]?.t === 'named' || rest[j]?.t === 'called') && follows(j)) {
      attached.add(rest[j]!.index);
      j++;
    }
    // "pods api-1 and api-2": a plural kind may be followed by several names.
    let named = false;
    while (rest[j] && follows(j) && isObjectName(rest[j]!)) {
      objects.push({ kind: mention.kind, name: rest[j]!.t, token: rest[j]! });
      attached.add(rest[j]!.index);
      named = true;
      j++;
      const more = rest[j]?.t === 'and' && follows(j) && follows(j + 1) && isObjectName(rest[j + 1]!);
      if (mention.plural === false || !more) break;
      j++;
    }
    // "the api deployment": a name right before a singular kind.
    const prev = rest[i - 1];
    const adjacent = prev !== undefined && prev.index === tok.index - 1;
    if (!named && mention.plural !== true && adjacent && !attached.has(prev.index) && isObjectName(prev)) {
      objects.push({ kind: mention.kind, name: prev.t, token: prev });
      attached.add(prev.index);
    }
    i = j - 1;
  }

  const looseNames: Token[] = [];
  const unused: Token[] = [];
  for (const tok of rest) {
    if (attached.has(tok.index)) continue;
    if (isKeyValue(tok.raw)) keyValues.push(tok.raw);
    else if (/^[a-z0-9]([a-z0-9_./-]*[a-z0-9])?-$/i.test(tok.raw)) removals.push(tok.raw);
    else if (numberOf(tok.t) !== null && /^\d+$/.test(tok.t)) numbers.push(numberOf(tok.t)!);
    else if (isObjectName(tok)) looseNames.push(tok);
    else if (!FILLER.has(tok.t) && tok.t !== 'named' && tok.t !== 'called') unused.push(tok);
  }
  return { kinds, objects, looseNames, keyValues, removals, numbers, unused };
}

function isObjectName(tok: Token): boolean {
  return isNameLike(tok.t) && numberOf(tok.t) === null;
}
