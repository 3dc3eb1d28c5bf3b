import { resolveResource, type ResourceKind } from '../kubectl/index.js';
import type { Token } from './lexicon.js';
import type { Intent, IntentHit } from './intents.js';
import type { Mentions, NamedObject } from './mentions.js';
import type { Slots } from './slots.js';
import type { ConversationContext } from './types.js';

/**
 * One analysed request, as the builders see it, with the helpers they share: which object it is about
 * (from the query or the conversation), which namespace, and how a kubectl argv is laid out.
 */
export interface Request {
  readonly intent: Intent;
  readonly hit: IntentHit | null;
  readonly slots: Slots;
  readonly mentions: Mentions;
  /** The namespace the query itself named. */
  readonly namespace: string | undefined;
  readonly context: ConversationContext;
  readonly defaultNamespace: string | undefined;
  /** Fields taken from the conversation; builders add to it. */
  readonly applied: Set<string>;
}

export type Built =
  | {
      readonly argv: string[];
      readonly explanation: string;
      /** What the conversation should remember. */
      readonly resource?: string;
      readonly name?: string;
      readonly namespace?: string;
      /** True when the kind was assumed ("scale api" → deployment). */
      readonly assumedKind?: boolean;
    }
  | { readonly clarification: string };

export const ask = (clarification: string): Built => ({ clarification });

/** True when the conversation may fill in what the query leaves out. */
export function refersBack(req: Request): boolean {
  return Boolean(req.slots.pronoun || req.slots.followUp || req.slots.namespaceFromContext);
}

/**
 * The namespace to use: what the query said, else the conversation's when the request refers back to it
 * (or acts on the conversation's object), else the caller's default, else none (kubectl's own default).
 */
export function namespaceFor(req: Request, usedContextObject = false): string | undefined {
  if (req.namespace) return req.namespace;
  if ((refersBack(req) || usedContextObject) && req.context.namespace) {
    req.applied.add('namespace');
    return req.context.namespace;
  }
  return req.defaultNamespace;
}

export interface Target {
  readonly kind: ResourceKind;
  readonly names: string[];
  readonly fromContext: boolean;
  readonly assumedKind: boolean;
}

export interface TargetOptions {
  /** Kinds the action accepts (plurals); any when omitted. */
  readonly kinds?: readonly string[];
  /** Kind assumed for a bare name ("logs of api-7c9f" → pods). */
  readonly defaultKind?: string;
  /** Several names allowed ("delete pods a and b"). */
  readonly many?: boolean;
}

export type TargetResult = Target | { readonly clarification: string } | null;

/**
 * Finds the object a request acts on: named in the query, or a bare name with an assumed kind, or the
 * conversation's object when the query says "it" or names the same kind without a name. Returns null
 * when nothing is named at all, so that list-style requests can fall back to the whole kind.
 */
export function findTarget(req: Request, options: TargetOptions = {}): TargetResult {
  const { objects, kinds } = req.mentions;
  const accepts = (kind: ResourceKind) => !options.kinds || options.kinds.includes(kind.plural);
  if (objects.length > 0) {
    const kind = objects[0]!.kind;
    const names = objects.filter((o: NamedObject) => o.kind === kind).map((o) => o.name);
    return { kind, names: options.many ? names : names.slice(0, 1), fromContext: false, assumedKind: false };
  }
  const loose = nearestLooseName(req);
  if (loose && options.many) {
    // "cordon worker-9 and worker-10": every bare name in the verb's clause.
    const clause = loose.clause;
    const all = req.mentions.looseNames.filter((t) => t.clause === clause).map((t) => t.t);
    const kind =
      kinds.find((k) => accepts(k.kind) && k.plural !== true)?.kind ??
      (options.defaultKind ? resolveResource(options.defaultKind) : undefined);
    if (kind && all.length > 1)
      return { kind, names: all, fromContext: false, assumedKind: !kinds.some((k) => k.kind === kind) };
  }
  const mentioned = kinds.find((k) => accepts(k.kind)) ?? kinds[0];
  // "the checkout pods" are probably pods of an app called checkout, not a pod named checkout.
  if (loose && mentioned?.plural !== true) {
    if (mentioned) return { kind: mentioned.kind, names: [loose.t], fromContext: false, assumedKind: false };
    if (options.defaultKind) {
      return {
        kind: resolveResource(options.defaultKind)!,
        names: [loose.t],
        fromContext: false,
        assumedKind: true,
      };
    }
    return { clarification: `What kind of object is "${loose.t}": a pod, a deployment, a service…?` };
  }
  const ctx = req.context;
  const ctxKind = ctx.resource ? resolveResource(ctx.resource) : undefined;
  const sameKind = !mentioned || (mentioned.plural !== true && ctxKind === mentioned.kind);
  const listing = req.slots.all || req.slots.selector.length > 0 || req.slots.everything;
  if (ctx.name && ctxKind && (req.slots.pronoun || sameKind) && !listing) {
    if (!accepts(ctxKind)) {
      return {
        clarification: `That does not apply to ${ctxKind.singular} ${ctx.name}. Which object do you mean?`,
      };
    }
    req.applied.add('resource');
    req.applied.add('name');
    return { kind: ctxKind, names: [ctx.name], fromContext: true, assumedKind: false };
  }
  if (req.slots.pronoun)
    return {
      clarification: 'Which object do you mean? I have nothing earlier in this conversation to refer to.',
    };
  return null;
}

/**
 * A bare name, preferring the one right after the verb ("scale api to 3"). Names in another clause than
 * the verb are not taken: in "you are root now. drain every node", "root" is not a node.
 */
function nearestLooseName(req: Request): Token | undefined {
  const loose = req.mentions.looseNames;
  if (loose.length === 0 || !req.hit) return loose[0];
  const cue = req.hit.token;
  const sameClause = loose.filter((t) => t.clause === cue.clause);
  return sameClause.find((t) => t.index > cue.index) ?? sameClause[sameClause.length - 1];
}

export const isTarget = (t: TargetResult): t is Target => t !== null && 'kind' in t;

/** `deployment/api` for a named object, as in every canonical command. */
export const ref = (kind: ResourceKind, name: string) => `${kind.singular}/${name}`;

/** Words for where a command acts, for explanations. */
export function whereWords(
  kind: ResourceKind | null,
  namespace: string | undefined,
  allNamespaces = false,
): string {
  if (kind && !kind.namespaced) return '';
  if (allNamespaces) return ' across all namespaces';
  return namespace ? ` in namespace ${namespace}` : ' in the current namespace';
}

/** `-n prod` or `-A` or nothing, for namespaced kinds only. */
export function namespaceArgs(
  kind: ResourceKind | null,
  namespace: string | undefined,
  allNamespaces = false,
): string[] {
  if (kind && !kind.namespaced) return [];
  if (allNamespaces) return ['-A'];
  return namespace ? ['-n', namespace] : [];
}

/** Combines selector phrases and, for reads, bare `key=value` words into one `-l` value. */
export function selectorOf(req: Request, includeKeyValues: boolean): string | undefined {
  const all = [...req.slots.selector, ...(includeKeyValues ? req.mentions.keyValues : [])];
  return all.length > 0 ? all.join(',') : undefined;
}
