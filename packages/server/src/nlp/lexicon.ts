import { RESOURCE_KINDS, resolveResource, type ResourceKind } from '../kubectl/index.js';

/**
 * Words and how they are read: the tokenizer, resource-kind vocabulary, numbers, durations and the
 * filler words the translator may skip. Everything here is data, so teaching the translator a new
 * synonym means adding a table entry, not a regular expression.
 */

export interface Token {
  /** Lower-cased, surrounding punctuation removed: what the tables match. */
  readonly t: string;
  /** Same word with its original case, for label values. */
  readonly raw: string;
  /** Clause number: increases after `.`, `?`, `!`, `:`, `;` or `,`, and at "then"/"also". */
  readonly clause: number;
  /** Position in the query, so phases can restore word order. */
  readonly index: number;
}

const LEADING = /^["'`([{<]+/;
const TRAILING = /["'`)\]}>.,!?;:]+$/;

/** Splits a query into words, keeping `app=web`, `deploy/api`, `-n` and `ip-10-0-1-2.ec2.internal` whole. */
export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let clause = 0;
  for (const word of query.replace(/[\u2018\u2019]/g, "'").split(/\s+/)) {
    let raw = word.replace(LEADING, '');
    let trailing = TRAILING.exec(raw)?.[0] ?? '';
    // Keep a closing bracket that closes one inside the word: `jsonpath={.items}`.
    while (trailing && unbalanced(raw.slice(0, raw.length - trailing.length) + trailing[0]))
      trailing = trailing.slice(1);
    raw = raw.slice(0, raw.length - trailing.length);
    const extra: string[] = [];
    if (/n't$/i.test(raw)) {
      raw = raw.slice(0, -3);
      extra.push('not');
    } else if (/'s$/i.test(raw)) raw = raw.slice(0, -2);
    for (const part of [raw, ...extra]) {
      if (!part) continue;
      const t = part.toLowerCase();
      if (t === 'then' || t === 'also') clause++;
      tokens.push({ t, raw: part, clause, index: tokens.length });
    }
    if (/[.!?;:,]/.test(trailing)) clause++;
  }
  return tokens;
}

const PAIRS: Record<string, string> = { ')': '(', ']': '[', '}': '{', '>': '<' };

/** True when `text` ends with a closing bracket whose opener is inside `text`. */
function unbalanced(text: string): boolean {
  const close = text[text.length - 1]!;
  const open = PAIRS[close];
  if (!open) return false;
  const count = (ch: string) => text.split(ch).length - 1;
  return count(open) >= count(close);
}

/** A resource kind as it was mentioned: `pods` is plural, `pod` singular, `po` either. */
export interface KindWord {
  readonly kind: ResourceKind;
  readonly plural: boolean | null;
}

/** Extra ways people name kinds, beyond the names kubectl itself accepts. */
const KIND_SYNONYMS: Record<string, [string, boolean | null]> = {
  deploys: ['deployments', true],
  svcs: ['services', true],
  ingress: ['ingresses', null],
  pvcs: ['persistentvolumeclaims', true],
  pvs: ['persistentvolumes', true],
  'stateful sets': ['statefulsets', true],
  'stateful set': ['statefulsets', false],
  'daemon sets': ['daemonsets', true],
  'daemon set': ['daemonsets', false],
  'replica sets': ['replicasets', true],
  'replica set': ['replicasets', false],
  'cron jobs': ['cronjobs', true],
  'cron job': ['cronjobs', false],
  'config maps': ['configmaps', true],
  'config map': ['configmaps', false],
  'service accounts': ['serviceaccounts', true],
  'service account': ['serviceaccounts', false],
  'persistent volume claims': ['persistentvolumeclaims', true],
  'persistent volume claim': ['persistentvolumeclaims', false],
  'volume claims': ['persistentvolumeclaims', true],
  'persistent volumes': ['persistentvolumes', true],
  'persistent volume': ['persistentvolumes', false],
  'role bindings': ['rolebindings', true],
  'role binding': ['rolebindings', false],
  'cluster roles': ['clusterroles', true],
  'cluster role': ['clusterroles', false],
  'cluster role bindings': ['clusterrolebindings', true],
  'cluster role binding': ['clusterrolebindings', false],
  'worker nodes': ['nodes', true],
  'worker node': ['nodes', false],
};

const KIND_WORDS = new Map<string, KindWord>();
for (const kind of RESOURCE_KINDS) {
  KIND_WORDS.set(kind.plural, { kind, plural: true });
  KIND_WORDS.set(kind.singular, { kind, plural: false });
  for (const short of kind.shortNames) KIND_WORDS.set(short, { kind, plural: null });
}
for (const [word, [plural, isPlural]] of Object.entries(KIND_SYNONYMS)) {
  KIND_WORDS.set(word, { kind: resolveResource(plural)!, plural: isPlural });
}

/** Longest multi-word kind first, so "cluster role bindings" wins over "cluster roles". */
const MAX_KIND_WORDS = Math.max(...[...KIND_WORDS.keys()].map((k) => k.split(' ').length));

/** Reads a kind starting at `tokens[i]`; returns it with the number of words it spans. */
export function kindAt(tokens: readonly Token[], i: number): { word: KindWord; length: number } | null {
  for (let n = Math.min(MAX_KIND_WORDS, tokens.length - i); n >= 1; n--) {
    const phrase = tokens
      .slice(i, i + n)
      .map((tok) => tok.t)
      .join(' ');
    const word = KIND_WORDS.get(phrase);
    if (word) return { word, length: n };
  }
  return null;
}

export const isKindWord = (t: string): boolean => KIND_WORDS.has(t);

const NUMBER_WORDS: Record<string, number> = {
  zero: 0,
  none: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  fifty: 50,
  hundred: 100,
};

/** `5`, `five` → 5; anything else → null. */
export function numberOf(t: string | undefined): number | null {
  if (t === undefined) return null;
  if (/^\d{1,6}$/.test(t)) return Number(t);
  return NUMBER_WORDS[t] ?? null;
}

const UNITS: Record<string, 's' | 'm' | 'h' | 'd'> = {
  s: 's',
  sec: 's',
  secs: 's',
  second: 's',
  seconds: 's',
  m: 'm',
  min: 'm',
  mins: 'm',
  minute: 'm',
  minutes: 'm',
  h: 'h',
  hr: 'h',
  hrs: 'h',
  hour: 'h',
  hours: 'h',
  d: 'd',
  day: 'd',
  days: 'd',
};

/** A duration in kubectl's form (`10m`, `1h`, `48h`; days become hours because kubectl has no `d`). */
function durationString(n: number, unit: 's' | 'm' | 'h' | 'd'): string {
  return unit === 'd' ? `${n * 24}h` : `${n}${unit}`;
}

/**
 * Reads a duration at `tokens[i]`: `10m`, `10 minutes`, `an hour`, or a bare unit after "last"/"past"
 * ("the last hour"). Returns the kubectl duration and how many words it spans.
 */
export function durationAt(
  tokens: readonly Token[],
  i: number,
  allowBareUnit: boolean,
): { value: string; length: number } | null {
  const t = tokens[i]?.t;
  if (t === undefined) return null;
  const compact = /^(\d{1,5})\s*([a-z]+)$/.exec(t);
  if (compact && UNITS[compact[2]!])
    return { value: durationString(Number(compact[1]), UNITS[compact[2]!]!), length: 1 };
  const n = t === 'a' || t === 'an' ? 1 : numberOf(t);
  const unit = UNITS[tokens[i + 1]?.t ?? ''];
  if (n !== null && n > 0 && unit && (tokens[i + 1]!.t.length > 1 || /^\d/.test(t))) {
    return { value: durationString(n, unit), length: 2 };
  }
  if (allowBareUnit && UNITS[t] && t.length > 1) return { value: durationString(1, UNITS[t]), length: 1 };
  return null;
}

/** A Kubernetes object name (DNS subdomain), as typed in a sentence. */
export function isNameLike(t: string): boolean {
  return /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(t) && /[a-z]/.test(t) && !FILLER.has(t) && !isKindWord(t);
}

/** `key=value` as in a label or selector. */
export const isKeyValue = (t: string): boolean =>
  /^[A-Za-z0-9]([A-Za-z0-9_./-]*[A-Za-z0-9])?!?=[A-Za-z0-9_.-]*$/.test(t);

/**
 * Words that carry no request of their own. They are skipped when looking for names, and leftover
 * words that are not here lower the confidence of a translation.
 */
export const FILLER: ReadonlySet<string> = new Set(
  (
    'a an the please pls plz kindly can could would will you me us i we my our your of for to from in on at ' +
    'with about and or but then now also just only quickly quick real right currently current there here is ' +
    'are be been being was were am do does did done have has had what which who how where when give let lets ' +
    'need want wanna like hey hi hello ok okay some any all every each exist exists existing available running ' +
    'objects object resource resources stuff things thing info information too well sure thanks thank ' +
    'cluster k8s kubernetes kube currently namespace namespaces ns our them these those this that it its ' +
    'they their one ones more most much many up down out over into by as so if not no new old latest ' +
    'recent recently again already yet still whole entire get show list see view display find look tell ' +
    'run execute go should must may might got getting using use uses used status state happening going ' +
    'crashing crashed failing broken stuck unhealthy healthy ready wrong whats why else other others same ' +
    'able allowed possible doing happen happened work working across around between via per within inside ' +
    'under their there they let go check checks quickly asap immediately actually basically finished ' +
    'complete progress progressing last latest first make mark support supports back'
  ).split(' '),
);

/** Words that end a name hunt after "in": `in yaml` is a format, not a namespace. */
export const NOT_NAMESPACE: ReadonlySet<string> = new Set([
  'yaml',
  'json',
  'wide',
  'table',
  'format',
  'detail',
  'details',
  'order',
  'total',
  'there',
  'last',
  'past',
  'use',
  'cluster',
  'container',
  'containers',
]);
