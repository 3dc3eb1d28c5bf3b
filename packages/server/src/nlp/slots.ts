import { durationAt, isKeyValue, numberOf, type Token } from './lexicon.js';
import type { Scanner } from './scanner.js';

/**
 * Everything a request can say besides what to do and to which object: namespace, selectors, output,
 * log options, counts. Each extractor below recognises one family of phrases, claims the words, and
 * fills in its fields. They run in the order listed, before intent detection, so that "sorted by
 * restarts" is read as sorting before "restart" can be mistaken for a verb.
 */
export interface Slots {
  namespace?: string;
  /** "there", "the same namespace": the namespace of the conversation. */
  namespaceFromContext?: boolean;
  allNamespaces?: boolean;
  selector: string[];
  /** "what is running": without a kind, that means pods. */
  running?: boolean;
  /** Pod phase filter: `Pending`, `Failed`, `Succeeded`, or `!Running`. */
  phase?: string;
  /** Words that narrow a set without a selector for them ("broken pods"): bulk changes must not ignore them. */
  qualifiers: string[];
  nodeName?: string;
  eventType?: string;
  output?: string;
  showLabels?: boolean;
  /** `restarts`, `age`, `cpu`, `memory`. */
  sort?: string;
  secretData?: boolean;
  tail?: number;
  since?: string;
  container?: string;
  previous?: boolean;
  follow?: boolean;
  followFor?: string;
  revision?: number;
  count?: number;
  force?: boolean;
  all?: boolean;
  everything?: boolean;
  deleteEmptyDir?: boolean;
  overwrite?: boolean;
  /** The verb of "can I delete pods?". */
  canI?: string;
  /** Starts with "and", "now", "what about", … or ends with "too": it continues the conversation. */
  followUp?: boolean;
  /** "it", "its", "that one": the object of the conversation. */
  pronoun?: boolean;
  /** Intents implied by a slot phrase ("use the most memory" implies `top`). */
  impliedIntents: string[];
}

export const emptySlots = (): Slots => ({
  selector: [],
  qualifiers: [],
  impliedIntents: [],
});

type Extractor = (s: Scanner, slots: Slots) => void;

const valueAfter = (rest: Token[], i: number): Token | undefined => rest[i + 1];

/** `-n prod`, `--namespace=prod`, `-A`, `-l app=web`, `-o yaml` typed inside a sentence. */
const rawFlags: Extractor = (s, slots) => {
  const rest = s.rest();
  for (let i = 0; i < rest.length; i++) {
    const tok = rest[i]!;
    if (s.isTaken(tok) || !tok.t.startsWith('-')) continue;
    const [flag, inline] = tok.t.includes('=')
      ? [tok.t.slice(0, tok.t.indexOf('=')), tok.raw.slice(tok.t.indexOf('=') + 1)]
      : [tok.t, undefined];
    const next = valueAfter(rest, i);
    const value = (): string | undefined => {
      if (inline !== undefined) return inline;
      if (next && !s.isTaken(next)) {
        s.take(next);
        return next.raw;
      }
      return undefined;
    };
    let known = true;
    if (tok.raw === '-A' || flag === '--all-namespaces') slots.allNamespaces = true;
    else if (flag === '-n' || flag === '--namespace') slots.namespace = value()?.toLowerCase();
    else if (flag === '-l' || flag === '--selector') {
      const v = value();
      if (v) slots.selector.push(v);
    } else if (flag === '-o' || flag === '--output') slots.output = value()?.toLowerCase();
    else if (flag === '-c' || flag === '--container') slots.container = value()?.toLowerCase();
    else if (flag === '--tail') slots.tail = numberOf(value()) ?? undefined;
    else if (flag === '--since') slots.since = value();
    else if (flag === '--replicas') slots.count = numberOf(value()) ?? undefined;
    else if (flag === '--to-revision') slots.revision = numberOf(value()) ?? undefined;
    else if (flag === '-p' || flag === '--previous') slots.previous = true;
    else if (flag === '-f' || flag === '--follow') slots.follow = true;
    else if (flag === '--force' || flag === '--grace-period') {
      if (flag === '--grace-period') value();
      slots.force = true;
    } else if (flag === '--all') slots.all = true;
    else if (flag === '--overwrite') slots.overwrite = true;
    else if (/^-n[a-z0-9]/.test(flag) && flag.length > 2) slots.namespace = flag.slice(2);
    else if (/^-o(yaml|json|wide|name)$/.test(flag)) slots.output = flag.slice(2);
    else known = false;
    if (known) s.take(tok);
  }
};

/** "can I delete pods in prod?" asks about permissions, not for the deletion. */
const CAN_I_VERBS: Record<string, string> = {
  delete: 'delete',
  create: 'create',
  update: 'update',
  patch: 'patch',
  list: 'list',
  get: 'get',
  see: 'get',
  view: 'get',
  read: 'get',
  watch: 'watch',
};
const canI: Extractor = (s, slots) => {
  const onVerb =
    (mutatingOnly: boolean) =>
    ({ caps }: { caps: Record<string, Token> }) => {
      const verb = CAN_I_VERBS[caps.word!.t];
      if (!verb || (mutatingOnly && ['get', 'list', 'watch'].includes(verb))) return false;
      slots.canI = verb;
      return true;
    };
  s.scan('am i allowed to <word>', onVerb(false));
  s.scan('do i have the? permission|permissions|rights to <word>', onVerb(false));
  s.scan('is it possible for me to <word>', onVerb(false));
  // "can I get the pods" is usually a polite request; "can I delete pods" is a permission question.
  s.scan('can i <word>', onVerb(true));
};

/** "previous logs", "from before it restarted", "the crashed container". */
const previous: Extractor = (s, slots) => {
  const patterns = [
    'from? before it|the restarted|crashed|died|restart|crash|restarting|crashing',
    'previous|prior container|instance|run|one|logs?',
    'crashed|dead|terminated|last-terminated container|instance',
  ];
  for (const p of patterns) {
    s.scan(p, (m) => {
      slots.previous = true;
      // Keep "logs" in "previous logs" for intent detection.
      const logs = m.tokens.find((tok) => tok.t === 'logs');
      if (logs) s.take(...m.tokens.filter((tok) => tok !== logs));
      else s.take(...m.tokens);
      return false;
    });
  }
};

/** "and …", "now …", "what about …", "… too": the request builds on the last one. */
const followUp: Extractor = (s, slots) => {
  for (;;) {
    const first = s.rest()[0];
    if (
      !first ||
      !['and', 'now', 'also', 'then', 'so', 'ok', 'okay', 'alright', 'next', 'same'].includes(first.t)
    )
      break;
    s.take(first);
    slots.followUp = true;
  }
  for (const p of ['what|how about', 'do the? same thing?', 'the same thing', 'same thing']) {
    s.scan(p, () => {
      slots.followUp = true;
    });
  }
  const rest = s.rest();
  const last = rest[rest.length - 1];
  if (last && (last.t === 'too' || (last.t === 'well' && rest[rest.length - 2]?.t === 'as'))) {
    s.take(...(last.t === 'well' ? rest.slice(-2) : [last]));
    slots.followUp = true;
  }
};

/** "it", "its", "that one", and "there" for the namespace. */
const pronouns: Extractor = (s, slots) => {
  const rest = s.rest();
  rest.forEach((tok, i) => {
    const next = rest[i + 1]?.t;
    const prev = rest[i - 1]?.t;
    if (['it', 'its', 'itself', 'them'].includes(tok.t)) {
      slots.pronoun = true;
      s.take(tok);
    } else if (
      (tok.t === 'that' || tok.t === 'this') &&
      (next === undefined || ['one', 'too', 'again', 'please', 'now'].includes(next))
    ) {
      slots.pronoun = true;
      s.take(tok);
      if (next === 'one') s.take(rest[i + 1]!);
    } else if (tok.t === 'there' && !['is', 'are', 'were', 'was'].includes(prev ?? '')) {
      slots.namespaceFromContext = true;
      s.take(tok);
    }
  });
};

const sameNamespace: Extractor = (s, slots) => {
  s.scan('in|from|for|of? the? same|that|this namespace|ns', () => {
    slots.namespaceFromContext = true;
  });
};

const allNamespaces: Extractor = (s, slots) => {
  const patterns = [
    'in|across|from|for|over|throughout? all|every|each|any the? namespaces|namespace',
    'in|across|throughout the whole|entire? cluster',
    'across|throughout the? whole|entire? cluster',
    'cluster wide',
    'cluster-wide|clusterwide|everywhere|all-namespaces',
  ];
  for (const p of patterns) s.scan(p, () => void (slots.allNamespaces = true));
};

/** Collects `k=v` words that follow a selector phrase, joined by "and" or commas. */
function takeKeyValues(s: Scanner, after: Token, into: string[]): void {
  const rest = s.rest();
  let i = rest.findIndex((tok) => tok.index > after.index);
  while (i >= 0 && i < rest.length) {
    const tok = rest[i]!;
    if (isKeyValue(tok.raw)) {
      into.push(tok.raw);
      s.take(tok);
      i++;
    } else if (tok.t === 'and' && rest[i + 1] && isKeyValue(rest[i + 1]!.raw)) {
      s.take(tok);
      i++;
    } else break;
  }
}

const selectors: Extractor = (s, slots) => {
  const heads = [
    'with|having the? label|labels',
    'that|which have|has the? label|labels',
    'labelled|labeled|tagged|selector|matching',
  ];
  for (const p of heads) {
    s.scan(p, (m) => {
      const before = slots.selector.length;
      takeKeyValues(s, m.tokens[m.tokens.length - 1]!, slots.selector);
      return slots.selector.length > before;
    });
  }
  const glue = new Set(['where', 'whose', 'the', 'label', 'is', 'equals', '=']);
  s.scan('where|whose the? <word> label? is|equals|= <word>', (m) => {
    const [key, value] = m.tokens.filter((tok) => !glue.has(tok.t));
    if (!key || !value) return false;
    slots.selector.push(`${key.raw}=${value.raw}`);
    return true;
  });
  s.scan('where <kv>', (m) => void slots.selector.push(m.caps.kv!.raw));
};

const SORT_KEYS: Record<string, string> = {
  restarts: 'restarts',
  restart: 'restarts',
  age: 'age',
  creation: 'age',
  created: 'age',
  cpu: 'cpu',
  memory: 'memory',
  mem: 'memory',
};
const sorting: Extractor = (s, slots) => {
  const key = (m: { tokens: Token[] }) => SORT_KEYS[m.tokens.find((tok) => SORT_KEYS[tok.t])!.t]!;
  s.scan(
    'sorted|sort|ordered|order? by the? number|count? of? restarts|restart|age|creation|created|cpu|memory|mem count|time|date|timestamp|usage?',
    (m) => {
      slots.sort = key(m);
    },
  );
  s.scan('use|using|uses|consume|consuming|consumes|with? the? most|highest|heaviest cpu|memory|mem', (m) => {
    slots.sort = key(m);
    slots.impliedIntents.push('top');
  });
  s.scan('sorted|sort|ordered', () => undefined);
};

/** A word right after "in" or "namespace" names a namespace ("in streaming"), whatever else it means. */
const namesNamespace = (s: Scanner, tok: Token) =>
  ['in', 'namespace', 'ns', '-n'].includes(s.tokens[tok.index - 1]?.t ?? '');

const follow: Extractor = (s, slots) => {
  s.scan('follow|following|stream|streaming|live|watch|watching|tail-f', (m) => {
    if (namesNamespace(s, m.tokens[0]!)) return false;
    slots.follow = true;
  });
};

const tail: Extractor = (s, slots) => {
  const take = (m: { caps: Record<string, Token> }) => {
    slots.tail = numberOf(m.caps.num!.t) ?? undefined;
  };
  s.scan('the? last|latest|first? <num> log? lines|line|entries', take);
  s.scan('tail <num> lines?', take);
};

/** "since 10m", "from the last hour", "in the past 2 hours"; "for 5 minutes" bounds a follow. */
const since: Extractor = (s, slots) => {
  let rest = s.rest();
  for (let i = 0; i < rest.length; i++) {
    const tok = rest[i]!;
    const prev = rest[i - 1];
    const prevPrev = rest[i - 2];
    let d: { value: string; length: number } | null = null;
    let claim: Token[] = [];
    if (tok.t === 'last' || tok.t === 'past') {
      d = durationAt(rest, i + 1, true);
      claim = [tok];
      if (prev?.t === 'the') claim.push(prev);
      const prep = prev?.t === 'the' ? prevPrev : prev;
      if (prep && ['since', 'from', 'in', 'over', 'during', 'for', 'of', 'within'].includes(prep.t))
        claim.push(prep);
    } else if (tok.t === 'since') {
      d = durationAt(rest, i + 1, false);
      claim = [tok];
    } else if (tok.t === 'for') {
      d = durationAt(rest, i + 1, false);
      if (d) {
        s.take(tok, ...rest.slice(i + 1, i + 1 + d.length));
        if (slots.follow) slots.followFor = d.value;
        else slots.since = d.value;
        rest = s.rest();
        i = -1;
      }
      continue;
    }
    if (d) {
      s.take(...claim, ...rest.slice(i + 1, i + 1 + d.length));
      slots.since = d.value;
      rest = s.rest();
      i = -1;
    }
  }
};

const NOT_CONTAINER = new Set([
  ...['the', 'a', 'crashed', 'previous', 'same', 'first', 'that', 'this', 'which', 'each', 'all', 'every'],
  ...['its', 'dead', 'logs', 'log', 'output', 'init'],
]);
const container: Extractor = (s, slots) => {
  const ok = (tok: Token | undefined) => tok !== undefined && !NOT_CONTAINER.has(tok.t);
  s.scan('container <name>', (m) => {
    if (!ok(m.caps.name)) return false;
    slots.container = m.caps.name!.t;
  });
  s.scan('in|from|of? the? <name> container', (m) => {
    if (!ok(m.caps.name)) return false;
    slots.container = m.caps.name!.t;
  });
};

const revision: Extractor = (s, slots) => {
  s.scan(
    'to? revision|rev|version <num>',
    (m) => void (slots.revision = numberOf(m.caps.num!.t) ?? undefined),
  );
};

const count: Extractor = (s, slots) => {
  const set = (m: { caps: Record<string, Token> }) =>
    void (slots.count = numberOf(m.caps.num!.t) ?? undefined);
  s.scan('<num> replicas|replica|instances|instance|copies', set);
  s.scan('replicas|replica =|to? <num>', set);
  s.scan('to <num>', set);
};

const OUTPUTS: Record<string, string> = { yaml: 'yaml', yml: 'yaml', json: 'json', wide: 'wide' };
const output: Extractor = (s, slots) => {
  s.scan('as|in|to? yaml|yml|json|wide format|output?', (m) => {
    slots.output = OUTPUTS[m.tokens.find((tok) => OUTPUTS[tok.t])!.t];
  });
  s.scan('names|name only', () => void (slots.output = 'name'));
  s.scan('only|just the? names', () => void (slots.output = 'name'));
  s.scan('with|show|and the? their? labels', () => void (slots.showLabels = true));
  s.scan('value|values|contents|content|decoded|decode', () => void (slots.secretData = true));
  s.scan('the? data of|in', () => void (slots.secretData = true));
  // "what is in secret x": keep the kind word for the mention phase.
  s.scan('what|whats is? in|inside the? secret', (m) => {
    slots.secretData = true;
    s.take(...m.tokens.slice(0, -1));
    return false;
  });
};

const PHASES: Record<string, string> = {
  pending: 'Pending',
  failed: 'Failed',
  // Evicted pods are Failed pods with reason Evicted; the phase is what a field selector can match.
  evicted: 'Failed',
  succeeded: 'Succeeded',
  completed: 'Succeeded',
};
const QUALIFIERS =
  'crashing|crashlooping|crashed|failing|broken|stuck|unhealthy|stale|orphaned|old|terminating|dead|zombie|bad|unused|idle';
const status: Extractor = (s, slots) => {
  s.scan('not|non running', () => void (slots.phase = '!Running'));
  s.scan('non-running', () => void (slots.phase = '!Running'));
  s.scan('running|runs', (m) => {
    // "running on node x" is read by the node extractor.
    if (s.rest()[s.rest().indexOf(m.tokens[0]!) + 1]?.t === 'on') return false;
    slots.running = true;
  });
  s.scan('pending|failed|evicted|succeeded|completed', (m) => {
    if (namesNamespace(s, m.tokens[0]!)) return false;
    slots.phase = PHASES[m.tokens[0]!.t];
  });
  s.scan(QUALIFIERS, (m) => void slots.qualifiers.push(m.tokens[0]!.t));
  s.scan('warning|warnings', () => void (slots.eventType = 'Warning'));
};

const node: Extractor = (s, slots) => {
  s.scan('running|scheduled? on the? node <name>', (m) => void (slots.nodeName = m.caps.name!.t));
  s.scan('running|scheduled? on the? <name> node', (m) => void (slots.nodeName = m.caps.name!.t));
  // "what pods are on worker-5": pods are on nodes, so a bare name after "on" is a node.
  if (s.tokens.some((tok) => tok.t === 'pods' || tok.t === 'pod' || tok.t === 'running')) {
    s.scan('running|scheduled? on <name>', (m) => {
      if (s.tokens[m.caps.name!.index + 1]?.t === 'namespace') return false;
      slots.nodeName = m.caps.name!.t;
    });
  }
};

const scope: Extractor = (s, slots) => {
  for (const p of ['everything', 'all resources|objects', 'all the things'])
    s.scan(p, () => void (slots.everything = true));
  s.scan('all|every|each', () => void (slots.all = true));
};

const modifiers: Extractor = (s, slots) => {
  s.scan('force|forced|forcefully|forcibly', () => void (slots.force = true));
  s.scan('and? delete|deleting|remove|wipe the? emptydir|empty-dir|local data|volumes?', () => {
    slots.deleteEmptyDir = true;
  });
  s.scan('ignore|ignoring daemonsets|daemon-sets', () => undefined);
  s.scan('ignore|ignoring daemon sets', () => undefined);
  s.scan('overwrite|overwriting', () => void (slots.overwrite = true));
  s.scan('replace|replacing existing', () => void (slots.overwrite = true));
};

/** Run in this order: raw flags first, then phrases that contain words intents also use. */
export const SLOT_EXTRACTORS: readonly Extractor[] = [
  rawFlags,
  modifiers,
  canI,
  previous,
  followUp,
  pronouns,
  sameNamespace,
  allNamespaces,
  selectors,
  sorting,
  follow,
  tail,
  since,
  container,
  revision,
  count,
  output,
  status,
  node,
  scope,
];

export function extractSlots(s: Scanner): Slots {
  const slots = emptySlots();
  for (const extract of SLOT_EXTRACTORS) extract(s, slots);
  return slots;
}
