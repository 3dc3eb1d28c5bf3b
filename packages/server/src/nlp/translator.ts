/**
 * The deterministic translator: natural language in, one kubectl command (or one question) out. No
 * network, no randomness: the same query and context always give the same answer, which is what lets
 * the labelled set in `test/fixtures/nlp-labelled-set.json` pin its behaviour down.
 *
 * Canonical form. Every command the translator writes is laid out the same way, so equal requests give
 * equal strings (and equal approval digests):
 *
 *   kubectl <verb> [<subverb>] <target…> [<key=value>…] [-n <ns> | -A] [-l <selector>]
 *           [--field-selector=<f>] [<verb flags>] [--sort-by=<f>] [--show-labels] [-o <format>]
 *
 * - Collections use the plural kind (`kubectl get pods`, `kubectl get pods,services`); named objects use
 *   `<singular>/<name>` (`kubectl scale deployment/api`), except where kubectl wants a bare name:
 *   `kubectl logs <pod>`, `kubectl cordon|uncordon|drain <node>`, `kubectl top pod|node <name>`,
 *   `kubectl create namespace <name>`.
 * - Short flags take their value as the next word (`-n prod`, `-l app=web`, `-o yaml`, `-c sidecar`);
 *   long flags use `=` (`--replicas=3`, `--tail=100`, `--since=1h`).
 * - `-n` appears only for namespaced kinds, and only when the query, the conversation (for follow-ups)
 *   or `options.defaultNamespace` names one; otherwise kubectl's own default applies.
 * - Logs: `--tail=100` unless the query gives a line count or a time window (`--since`). "Follow" adds
 *   `--follow --request-timeout=60s` (or the duration asked for): a chat shows a bounded snapshot, and
 *   kubectl ends the stream when the request timeout expires instead of holding an execution slot open.
 * - Events are always sorted by `.lastTimestamp`; drains always pass `--ignore-daemonsets`.
 * - A kubectl command typed by the user (`kubectl get pods -n prod`, or one in backticks) is kept as
 *   typed (re-quoted only by `formatCommandLine`), so people see exactly what they wrote.
 *
 * Follow-ups. The conversation context remembers the last object (`resource`, `name`, `namespace`) and
 * the last request (`lastQuery`, `lastIntent`). "it"/"its"/"that one", or a request that names a kind
 * without a name ("describe the deployment"), uses the remembered object; "there" or "the same
 * namespace" uses the remembered namespace. A request with no verb of its own ("and in staging?",
 * "what about services?", "make it 5") re-runs the last request with what changed. After a question
 * back, `lastIntent` is `pending:<intent>` and the answer ("to 4") is read together with the question's
 * request. A fresh request does not inherit the conversation's namespace: only follow-ups do.
 */
import { formatCommandLine, parseCommandLine, parseKubectl } from '../kubectl/index.js';
import { BUILDERS } from './builders.js';
import { classifyCommand } from './safety.js';
import { detectIntent, type Intent, type IntentHit, type IntentResult } from './intents.js';
import { tokenize } from './lexicon.js';
import { extractMentions, extractNamespace, type Mentions } from './mentions.js';
import type { Request } from './request.js';
import { Scanner } from './scanner.js';
import { extractSlots, type Slots } from './slots.js';
import type { ConversationContext, Translation } from './types.js';
import { verbRule } from './verbs.js';

export interface TranslateOptions {
  /** Namespace for requests that name none (the UI's namespace picker); omitted from commands when unset. */
  readonly defaultNamespace?: string;
  readonly context?: ConversationContext;
}

/** Queries longer than this are refused: nobody types a paragraph to get one command. */
export const MAX_QUERY_LENGTH = 2000;

/** Turns one request into one canonical kubectl command, or into a question asking for what is missing. */
export function translate(query: string, options: TranslateOptions = {}): Translation {
  const context = clean(options.context ?? {});
  const text = query.trim();
  if (!text) return unknown(context, 'What would you like to do? For example: "list pods in prod".');
  if (text.length > MAX_QUERY_LENGTH)
    return unknown(context, `Please keep requests under ${MAX_QUERY_LENGTH} characters.`);

  const raw = findRawCommand(text);
  const shell = shellSyntax(raw?.outside ?? text);
  if (shell) {
    return refuse(
      context,
      `That contains shell syntax (${shell}). I run exactly one kubectl command per request: no pipes, command chains, redirections or substitutions.`,
    );
  }
  if (raw) {
    const typed = fromRawCommand(raw.segment, raw.embedded, context);
    if (typed) return typed;
  }

  const analysis = analyze(text);
  const pending = context.lastIntent?.startsWith('pending:') && context.lastQuery ? context.lastQuery : null;
  if (analysis.intent.kind === 'none' && pending) {
    const resumed = analyze(`${pending} ${text}`);
    const result = build(resumed, context, options, resumed.query, ['intent']);
    if (result.command !== null || !isActionable(analysis)) return result;
  }
  if (analysis.intent.kind === 'none' && context.lastQuery && !pending && continuesLastRequest(analysis)) {
    const base = analyze(context.lastQuery);
    const merged = withOverrides(base, analysis, context);
    return build(merged, context, options, context.lastQuery, merged.applied);
  }
  return build(analysis, context, options, text, []);
}

/** Intents that only read; everything else changes the cluster. */
const READ_INTENTS: ReadonlySet<Intent> = new Set<Intent>([
  'get',
  'describe',
  'logs',
  'events',
  'top',
  'rollout-status',
  'rollout-history',
  'version',
  'cluster-info',
  'api-resources',
  'explain',
  'can-i',
  'unsupported',
]);
const isChange = (intent: Intent) => !READ_INTENTS.has(intent);

/**
 * "restart it if it is not healthy", "delete the pod unless it is running": kubectl has no conditions, so
 * proposing the change alone would drop the part that made the person comfortable asking for it. A read
 * with a condition ("show its logs if it crashed") is harmless and answered as a read.
 */
const CONDITION = /\b(?:if|unless|only when|only once|whenever|in case|as long as|provided that)\b/i;

interface Analysis {
  readonly query: string;
  readonly intent: IntentResult;
  readonly slots: Slots;
  readonly mentions: Mentions;
  readonly namespace: string | undefined;
  /** More namespaces than one command can cover ("in prod and staging"). */
  readonly extraNamespaces: string[];
  readonly applied: string[];
}

/** Runs the phases in order: slots, intent cues, namespace, then kinds and names. */
function analyze(query: string): Analysis {
  const scanner = new Scanner(tokenize(query));
  const slots = extractSlots(scanner);
  const intent = detectIntent(scanner, slots);
  const found = intent.kind === 'found' ? intent : null;
  const ns = extractNamespace(scanner, found?.intent ?? null, found?.hit?.token.clause ?? null);
  const mentions = extractMentions(scanner);
  return {
    query,
    intent,
    slots,
    mentions,
    namespace: slots.namespace ?? ns?.namespace,
    extraNamespaces: ns?.also ?? [],
    applied: [],
  };
}

const LOG_SLOTS = ['tail', 'since', 'previous', 'follow', 'container'] as const;

/** The intent to act on: a strong cue, else what the slots imply, else a weak cue, else a bare kind means "get". */
function resolveIntent(a: Analysis): { intent: Intent; hit: IntentHit | null; inferred: boolean } | null {
  const found = a.intent.kind === 'found' ? a.intent : null;
  if (found?.hit?.strong || found?.intent === 'can-i' || (found && !found.hit)) {
    return { intent: found.intent, hit: found.hit, inferred: false };
  }
  if (LOG_SLOTS.some((k) => a.slots[k] !== undefined)) return { intent: 'logs', hit: null, inferred: true };
  if (!found && a.slots.count !== undefined) return { intent: 'scale', hit: null, inferred: true };
  if (found) return { intent: found.intent, hit: found.hit, inferred: false };
  if (a.mentions.kinds.length > 0 || a.slots.nodeName || a.slots.everything)
    return { intent: 'get', hit: null, inferred: true };
  return null;
}

function isActionable(a: Analysis): boolean {
  return resolveIntent(a) !== null;
}

/** True when a verb-less request only changes something about the last one ("and in staging?"). */
function continuesLastRequest(a: Analysis): boolean {
  const s = a.slots;
  const changes =
    a.namespace !== undefined ||
    s.allNamespaces ||
    s.namespaceFromContext ||
    a.mentions.kinds.length > 0 ||
    a.mentions.looseNames.length > 0 ||
    a.mentions.numbers.length > 0 ||
    s.selector.length > 0 ||
    OVERRIDABLE.some((k) => s[k] !== undefined);
  return Boolean(changes && (s.followUp || s.pronoun || a.mentions.kinds.length === 0));
}

const OVERRIDABLE = [
  'output',
  'showLabels',
  'sort',
  'since',
  'tail',
  'container',
  'previous',
  'follow',
  'followFor',
  'count',
  'revision',
  'phase',
  'eventType',
  'secretData',
  'force',
] as const satisfies readonly (keyof Slots)[];

/** The last request with whatever the follow-up changed. */
function withOverrides(base: Analysis, change: Analysis, context: ConversationContext): Analysis {
  const slots: Slots = { ...base.slots, selector: [...base.slots.selector] };
  const set = <K extends keyof Slots>(key: K, value: Slots[K]) => {
    slots[key] = value;
  };
  for (const key of OVERRIDABLE) if (change.slots[key] !== undefined) set(key, change.slots[key]);
  if (change.slots.selector.length > 0) slots.selector = [...change.slots.selector];
  if (slots.count === undefined || change.mentions.numbers.length > 0)
    slots.count = change.slots.count ?? change.mentions.numbers[0] ?? slots.count;
  const applied = ['intent'];
  let namespace = change.namespace;
  if (change.slots.allNamespaces) {
    slots.allNamespaces = true;
    namespace = undefined;
  } else if (namespace !== undefined) {
    slots.allNamespaces = false;
  } else if (context.namespace) {
    namespace = context.namespace;
    applied.push('namespace');
  } else namespace = base.namespace;

  let mentions = base.mentions;
  if (change.mentions.kinds.length > 0) {
    mentions = {
      ...base.mentions,
      kinds: change.mentions.kinds,
      objects: change.mentions.objects,
      looseNames: change.mentions.looseNames,
    };
    slots.pronoun = false;
  } else if (change.mentions.looseNames.length > 0) {
    // "same for web": the same kind, another name.
    const kind = base.mentions.objects[0]?.kind ?? base.mentions.kinds[0]?.kind;
    mentions = kind
      ? {
          ...base.mentions,
          objects: change.mentions.looseNames.map((token) => ({ kind, name: token.t, token })),
          looseNames: [],
        }
      : { ...base.mentions, looseNames: change.mentions.looseNames };
    slots.pronoun = false;
  }
  return { ...base, slots, mentions, namespace, applied };
}

function build(
  a: Analysis,
  context: ConversationContext,
  options: TranslateOptions,
  baseQuery: string,
  applied: readonly string[],
): Translation {
  if (a.intent.kind === 'conflict') {
    const list = a.intent.intents.join(' and ');
    return clarify(
      context,
      'conflict',
      `That asks for more than one thing (${list}). I run one command at a time: which should I do first?`,
      applied,
    );
  }
  if (a.extraNamespaces.length > 0 && a.namespace) {
    const names = [a.namespace, ...a.extraNamespaces].join(' or ');
    return clarify(
      context,
      'conflict',
      `One command runs in one namespace: ${names}? Or say "in all namespaces".`,
      applied,
    );
  }
  const resolved = resolveIntent(a);
  if (!resolved) {
    const where = a.namespace ? ` in namespace ${a.namespace}` : '';
    return unknown(
      context,
      `I could not tell what to do${where}. Try something like "list pods in prod", "show logs of pod api-7c9f" or "scale deployment api to 3".`,
    );
  }
  const condition = isChange(resolved.intent) ? CONDITION.exec(a.query) : null;
  if (condition) {
    return refuse(
      context,
      `I cannot make a change depend on a condition ("${condition[0].toLowerCase()}"): a request runs one command, exactly as proposed. Check first (for example "is it healthy?"), then ask for the change itself.`,
    );
  }
  const req: Request = {
    intent: resolved.intent,
    hit: resolved.hit,
    slots: a.slots,
    mentions: a.mentions,
    namespace: a.namespace,
    context,
    defaultNamespace: options.defaultNamespace,
    applied: new Set(applied),
  };
  const built = BUILDERS[resolved.intent](req);
  const contextApplied = [...req.applied];
  if ('clarification' in built) {
    return {
      ...clarify(context, resolved.intent, built.clarification, contextApplied),
      context: clean({ ...context, lastQuery: baseQuery, lastIntent: `pending:${resolved.intent}` }),
    };
  }
  const unusedNames = a.mentions.looseNames.filter(
    (t) => t.t !== built.name && t.t !== built.namespace,
  ).length;
  let confidence = 0.95;
  if (resolved.inferred) confidence -= 0.1;
  else if (!resolved.hit?.strong) confidence -= 0.05;
  confidence -= 0.08 * Math.min(a.mentions.unused.length + unusedNames, 5);
  if (built.assumedKind) confidence -= 0.05;
  if (contextApplied.length > 0) confidence -= 0.05;
  const nextResource = built.resource ?? context.resource;
  return {
    command: formatCommandLine(built.argv),
    argv: built.argv,
    explanation: built.explanation,
    clarification: null,
    confidence: round(Math.max(0.3, Math.min(1, confidence))),
    intent: resolved.intent,
    context: clean({
      resource: nextResource,
      name: built.resource ? built.name : context.name,
      namespace: built.namespace ?? context.namespace,
      lastQuery: baseQuery,
      lastIntent: resolved.intent,
    }),
    context_applied: contextApplied,
  };
}

/** A kubectl command typed as such, whole or in backticks: `run kubectl get pods -n prod`. */
function findRawCommand(text: string): { segment: string; embedded: boolean; outside: string } | null {
  // Backticks are markdown quoting here, so they are not shell syntax; anything else around them still is.
  const quoted = /`(kubectl\s[^`]*)`/i.exec(text);
  if (quoted) {
    const segment = quoted[1]!.trim();
    return { segment, embedded: text !== quoted[0], outside: text.replace(quoted[0], segment) };
  }
  const inline = /(?:^|[\s"'(])(kubectl\s.*)$/is.exec(text);
  if (!inline) return null;
  const segment = inline[1]!.replace(/(?<=\S)[.!?]+$/, '').trim();
  return { segment, embedded: segment !== text, outside: text };
}

const SHELL = /[|;<>`]|&&|\$[({A-Za-z_]/;
function shellSyntax(text: string): string | null {
  const m = SHELL.exec(text);
  return m ? `"${m[0]}"` : null;
}

function fromRawCommand(
  segment: string,
  embedded: boolean,
  context: ConversationContext,
): Translation | null {
  const line = parseCommandLine(segment);
  if (!line.ok) return refuse(context, `That command cannot run: ${line.message}`);
  const parsed = parseKubectl(line.argv);
  // "how do I use kubectl to list pods" mentions kubectl but is not a command: translate the words instead.
  if (!parsed.verb || !verbRule(parsed.verb, parsed.subcommand)) return null;
  const verdict = classifyCommand(segment);
  if (!verdict.is_valid) return refuse(context, `That command cannot run: ${verdict.errors.join(' ')}`);
  const argv = [...line.argv];
  const kind = parsed.resources[0];
  return {
    command: formatCommandLine(argv),
    argv,
    explanation: 'Runs the kubectl command exactly as you typed it.',
    clarification: null,
    confidence: embedded ? 0.9 : 1,
    intent: 'raw',
    context: clean({
      resource: kind?.plural ?? context.resource,
      name: kind ? parsed.names[0] : context.name,
      namespace: parsed.namespace ?? context.namespace,
      lastQuery: formatCommandLine(argv),
      lastIntent: 'raw',
    }),
    context_applied: [],
  };
}

function clarify(
  context: ConversationContext,
  intent: string,
  question: string,
  applied: readonly string[] = [],
): Translation {
  return {
    command: null,
    argv: null,
    explanation: question,
    clarification: question,
    confidence: 0,
    intent,
    context,
    context_applied: [...applied],
  };
}

const unknown = (context: ConversationContext, question: string) => clarify(context, 'unknown', question);
const refuse = (context: ConversationContext, question: string) => clarify(context, 'refused', question);

/** Drops undefined fields so the context serialises the same way it compares. */
function clean(context: ConversationContext): ConversationContext {
  return Object.fromEntries(
    Object.entries(context).filter(([, v]) => v !== undefined && v !== ''),
  ) as ConversationContext;
}

const round = (n: number) => Math.round(n * 100) / 100;
