import type { Token } from './lexicon.js';
import type { Scanner } from './scanner.js';
import type { Slots } from './slots.js';

/**
 * What the request asks for, found from cue phrases. Strong cues name an action outright ("delete",
 * "scale", "logs"); weak cues ("show", "what", "replicas") only count when nothing stronger is there.
 * Longer phrases are matched first, so "remove the label" is a label change, not a deletion, and
 * "rollout status" is not read as "rollout" plus "status".
 */
export const INTENTS = [
  'get',
  'describe',
  'logs',
  'events',
  'top',
  'scale',
  'restart',
  'rollout-status',
  'rollout-history',
  'undo',
  'pause',
  'resume',
  'delete',
  'cordon',
  'uncordon',
  'drain',
  'label',
  'annotate',
  'create-namespace',
  'version',
  'cluster-info',
  'api-resources',
  'explain',
  'can-i',
  'unsupported',
] as const;
export type Intent = (typeof INTENTS)[number];

interface Cue {
  readonly intent: Intent;
  readonly phrases: readonly string[];
  readonly strong: boolean;
  /** Removes instead of adds (`remove the label x`). */
  readonly remove?: boolean;
}

const strong = (intent: Intent, phrases: string[], remove?: boolean): Cue => ({
  intent,
  phrases,
  strong: true,
  remove,
});
const weak = (intent: Intent, phrases: string[]): Cue => ({ intent, phrases, strong: false });

/** Weak cues are listed in priority order: the first weak intent found wins. */
export const CUES: readonly Cue[] = [
  strong('restart', [
    'rollout restart',
    'roll out restart',
    'rolling restart',
    'restart',
    'bounce',
    'redeploy',
    'recycle',
  ]),
  strong('rollout-status', ['rollout status', 'roll out status', 'rolling out', 'rolled out']),
  strong('rollout-history', ['rollout history', 'revision history', 'history', 'revisions']),
  strong('undo', ['roll back', 'roll-back', 'rollback', 'rollout undo', 'undo', 'revert']),
  strong('pause', ['pause']),
  strong('resume', ['resume', 'unpause']),
  strong('label', [
    'add label',
    'add labels',
    'add the label',
    'add a label',
    'set label',
    'set the label',
    'label',
    'relabel',
  ]),
  strong(
    'label',
    ['remove label', 'remove the label', 'delete label', 'delete the label', 'unlabel', 'drop the label'],
    true,
  ),
  strong('annotate', ['add annotation', 'add an annotation', 'add the annotation', 'annotate']),
  strong('annotate', ['remove annotation', 'remove the annotation', 'delete the annotation'], true),
  strong('delete', [
    'delete',
    'remove',
    'rm',
    'kill',
    'destroy',
    'get rid of',
    'nuke',
    'terminate',
    'clean up',
    'cleanup',
    'purge',
    'erase',
    'wipe',
  ]),
  strong('drain', ['drain', 'evacuate']),
  strong('cordon', ['cordon', 'unschedulable', 'stop scheduling', 'disable scheduling']),
  strong('uncordon', [
    'uncordon',
    'schedulable',
    'enable scheduling',
    'allow scheduling',
    'resume scheduling',
  ]),
  strong('scale', [
    'scale',
    'scale up',
    'scale down',
    'scale out',
    'resize',
    'set replicas',
    'set the replicas',
    'change replicas',
    'change the replicas',
  ]),
  strong('logs', ['logs', 'log', 'tail']),
  strong('top', [
    'top',
    'cpu',
    'memory',
    'mem',
    'usage',
    'utilization',
    'utilisation',
    'consumption',
    'resource usage',
  ]),
  strong('events', ['events', 'event']),
  strong('describe', [
    'describe',
    'inspect',
    'investigate',
    'tell me about',
    'tell me more about',
    'details',
    'detail',
    'wrong',
    'why',
  ]),
  strong('create-namespace', [
    'create',
    'make a new',
    'make new',
    'add a new',
    'add new',
    'set up a new',
    'provision',
  ]),
  strong('version', ['version', 'versions']),
  strong('cluster-info', ['cluster info', 'cluster-info', 'control plane address']),
  strong('api-resources', [
    'api resources',
    'api-resources',
    'resource types',
    'resource kinds',
    'kinds of resources',
  ]),
  strong('explain', ['explain']),
  strong('get', ['how many']),
  // Interactive or tunnelling commands are never proposed from chat (see the unsupported builder).
  strong('unsupported', [
    'exec',
    'exec into',
    'shell into',
    'ssh',
    'ssh into',
    'port forward',
    'port-forward',
    'attach',
    'copy files',
    'cp',
    'edit',
    'who can',
    'proxy',
  ]),
  weak('rollout-status', ['rollout', 'rollouts']),
  weak('events', ['what happened']),
  weak('get', [
    'get',
    'show',
    'list',
    'display',
    'see',
    'view',
    'fetch',
    'find',
    'print',
    'give me',
    'what',
    'which',
    'ls',
    'look at',
    'check',
    // Questions about an object's state ("is it healthy?", "how is it doing?") are answered by reading it.
    'healthy',
    'unhealthy',
    'health',
    'status',
    'ready',
    'doing',
    'working',
  ]),
];

export interface IntentHit {
  readonly intent: Intent;
  readonly strong: boolean;
  readonly remove: boolean;
  /** The first word of the cue, for finding the object named next to it. */
  readonly token: Token;
}

export type IntentResult =
  | { readonly kind: 'none'; readonly hits: IntentHit[] }
  | { readonly kind: 'conflict'; readonly intents: Intent[]; readonly hits: IntentHit[] }
  | {
      readonly kind: 'found';
      readonly intent: Intent;
      readonly hit: IntentHit | null;
      readonly hits: IntentHit[];
    };

const SEQUENCE_WORDS = new Set(['then', 'also', 'afterwards', 'after', 'next']);

/** Every cue phrase, longest first so "rollout restart" is claimed before "restart"; built once. */
const CUE_PHRASES = CUES.flatMap((cue) =>
  cue.phrases.map((phrase) => ({ cue, phrase, words: phrase.split(' ').length })),
).sort((a, b) => b.words - a.words);

/** Finds the cue phrases of every intent and decides which one the request means. */
export function detectIntent(s: Scanner, slots: Slots): IntentResult {
  const sequenced = s.tokens.some((tok) => SEQUENCE_WORDS.has(tok.t));
  const hits: IntentHit[] = [];
  for (const { cue, phrase } of CUE_PHRASES) {
    s.scan(phrase, (m) => {
      hits.push({ intent: cue.intent, strong: cue.strong, remove: cue.remove ?? false, token: m.tokens[0]! });
    });
  }
  if (slots.canI) return { kind: 'found', intent: 'can-i', hit: null, hits };

  const strongIntents = unique(hits.filter((h) => h.strong).map((h) => h.intent));
  for (const implied of slots.impliedIntents as Intent[])
    if (!strongIntents.includes(implied)) strongIntents.push(implied);
  // An interactive command anywhere in the request decides the answer: it is never proposed.
  const unsupported = hits.find((h) => h.intent === 'unsupported');
  if (unsupported) return { kind: 'found', intent: 'unsupported', hit: unsupported, hits };
  if (strongIntents.length > 1) return { kind: 'conflict', intents: strongIntents, hits };

  const weakIntents = unique(
    CUES.filter((c) => !c.strong && hits.some((h) => !h.strong && h.intent === c.intent)).map(
      (c) => c.intent,
    ),
  );
  if (strongIntents.length === 1) {
    const intent = strongIntents[0]!;
    // "show pods in prod, then delete namespace prod" asks for two things in sequence.
    const strongClauses = new Set(hits.filter((h) => h.intent === intent).map((h) => h.token.clause));
    const otherSequenced = hits.some(
      (h) => !h.strong && h.intent !== intent && !strongClauses.has(h.token.clause),
    );
    if (sequenced && otherSequenced) {
      return { kind: 'conflict', intents: [intent, ...weakIntents.filter((w) => w !== intent)], hits };
    }
    return { kind: 'found', intent, hit: hits.find((h) => h.intent === intent) ?? null, hits };
  }
  if (weakIntents.length > 0) {
    const intent = weakIntents[0]!;
    return { kind: 'found', intent, hit: hits.find((h) => h.intent === intent) ?? null, hits };
  }
  return { kind: 'none', hits };
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
