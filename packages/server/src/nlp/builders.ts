import { resolveResource, type ResourceKind } from '../kubectl/index.js';
import type { Intent } from './intents.js';
import {
  ask,
  findTarget,
  isTarget,
  namespaceArgs,
  namespaceFor,
  ref,
  selectorOf,
  whereWords,
  type Built,
  type Request,
  type Target,
} from './request.js';

/**
 * One builder per intent: each turns an analysed request into a canonical argv and a plain-English
 * explanation, or asks for what is missing. The layout of every command follows the canonical form
 * documented in `translator.ts`.
 */
type Builder = (req: Request) => Built;

const kind = (plural: string): ResourceKind => resolveResource(plural)!;
const POD = kind('pods');
const NODE = kind('nodes');

const SORT_FIELDS: Record<string, string> = {
  restarts: '.status.containerStatuses[0].restartCount',
  age: '.metadata.creationTimestamp',
};

/** How long `--follow` streams when the request does not say: the chat shows a bounded snapshot. */
export const DEFAULT_FOLLOW_FOR = '60s';
/** Log lines shown when the request gives neither a line count nor a time window. */
export const DEFAULT_TAIL = 100;

/** Kinds whose pods `kubectl logs TYPE/NAME` can pick. */
const LOGGABLE = ['pods', 'deployments', 'statefulsets', 'daemonsets', 'jobs', 'replicasets', 'services'];
const SCALABLE = ['deployments', 'statefulsets', 'replicasets'];
const RESTARTABLE = ['deployments', 'statefulsets', 'daemonsets'];

const nameList = (names: string[]) => names.join(' and ');
const a = (k: ResourceKind) => (/^[aeiou]/.test(k.singular) ? `an ${k.singular}` : `a ${k.singular}`);

/** Field selectors that narrow a pod or event list. */
function fieldSelectors(req: Request, kinds: ResourceKind[]): string[] {
  const out: string[] = [];
  const pods = kinds.length === 1 && kinds[0] === POD;
  const { phase, nodeName, eventType } = req.slots;
  if (pods && phase)
    out.push(phase.startsWith('!') ? `status.phase!=${phase.slice(1)}` : `status.phase=${phase}`);
  if (pods && nodeName) out.push(`spec.nodeName=${nodeName}`);
  if (kinds.length === 1 && kinds[0]!.plural === 'events' && eventType) out.push(`type=${eventType}`);
  return out;
}

function listKinds(req: Request): ResourceKind[] {
  const seen: ResourceKind[] = [];
  for (const m of req.mentions.kinds) if (!seen.includes(m.kind)) seen.push(m.kind);
  return seen;
}

const get: Builder = (req) => {
  let kinds = listKinds(req);
  if (kinds.length === 1 && kinds[0]!.plural === 'events') return events(req);
  // "what's running on node x", "what is running in monitoring": pods.
  if (kinds.length === 0 && (req.slots.nodeName || req.slots.running) && !req.slots.pronoun) kinds = [POD];
  const target = kinds.length <= 1 ? findTarget(req) : null;
  if (target && !isTarget(target)) return target;
  if (isTarget(target) && (target.names.length > 0 || kinds.length === 0)) return getObject(req, target);
  if (kinds.length === 0) {
    if (!req.slots.everything) return ask('What should I list: pods, deployments, services, nodes…?');
  }
  const ns = namespaceFor(req);
  const allNs = req.slots.allNamespaces || (Boolean(req.slots.nodeName) && !req.namespace);
  const single = kinds.length === 1 ? kinds[0]! : null;
  const clusterScoped = kinds.length > 0 && kinds.every((k) => !k.namespaced);
  const argv = ['kubectl', 'get', kinds.length > 0 ? kinds.map((k) => k.plural).join(',') : 'all'];
  argv.push(...(clusterScoped ? [] : namespaceArgs(null, ns, allNs)));
  const selector = selectorOf(req, true);
  if (selector) argv.push('-l', selector);
  const fields = fieldSelectors(req, kinds);
  if (fields.length > 0) argv.push(`--field-selector=${fields.join(',')}`);
  const sort = SORT_FIELDS[req.slots.sort ?? ''];
  if (sort && single?.plural === 'pods') argv.push(`--sort-by=${sort}`);
  if (req.slots.showLabels) argv.push('--show-labels');
  const output =
    req.slots.output ?? (single?.plural === 'secrets' && req.slots.secretData ? 'yaml' : undefined);
  if (output) argv.push('-o', output);
  const what = kinds.length > 0 ? kinds.map((k) => k.plural).join(' and ') : 'all workload objects';
  const where = clusterScoped ? '' : allNs ? ' across all namespaces' : whereWords(null, ns);
  const filters = [
    selector ? ` with labels ${selector}` : '',
    fields.length > 0 ? ` where ${fields.join(' and ')}` : '',
    sort ? `, sorted by ${req.slots.sort}` : '',
    output ? ` as ${output}` : '',
  ].join('');
  return {
    argv,
    explanation: `Lists ${what}${where}${filters}.`,
    resource: single?.plural,
    namespace: clusterScoped ? undefined : ns,
  };
};

function getObject(req: Request, target: Target): Built {
  const ns = namespaceFor(req, target.fromContext);
  const argv = [
    'kubectl',
    'get',
    ...target.names.map((n) => ref(target.kind, n)),
    ...namespaceArgs(target.kind, ns),
  ];
  const output =
    req.slots.output ?? (target.kind.plural === 'secrets' && req.slots.secretData ? 'yaml' : undefined);
  if (req.slots.showLabels) argv.push('--show-labels');
  if (output) argv.push('-o', output);
  const secretNote =
    target.kind.plural === 'secrets' && output && output !== 'name' ? ', including its secret values' : '';
  return {
    argv,
    explanation: `Shows ${target.kind.singular} ${nameList(target.names)}${whereWords(target.kind, ns)}${output ? ` as ${output}` : ''}${secretNote}.`,
    resource: target.kind.plural,
    name: target.names[0],
    namespace: ns,
  };
}

const describe: Builder = (req) => {
  const target = findTarget(req, { many: true });
  if (target && !isTarget(target)) return target;
  if (isTarget(target)) {
    const ns = namespaceFor(req, target.fromContext);
    return {
      argv: [
        'kubectl',
        'describe',
        ...target.names.map((n) => ref(target.kind, n)),
        ...namespaceArgs(target.kind, ns),
      ],
      explanation: `Describes ${target.kind.singular} ${nameList(target.names)}${whereWords(target.kind, ns)}: its status, conditions and recent events.`,
      resource: target.kind.plural,
      name: target.names[0],
      namespace: ns,
    };
  }
  const mention = req.mentions.kinds[0];
  if (!mention)
    return ask('What should I describe? Name the object, e.g. "describe deployment api in prod".');
  if (mention.plural === false && !req.slots.selector.length) {
    return ask(`Which ${mention.kind.singular} should I describe?`);
  }
  const ns = namespaceFor(req);
  const argv = [
    'kubectl',
    'describe',
    mention.kind.plural,
    ...namespaceArgs(mention.kind, ns, req.slots.allNamespaces),
  ];
  const selector = selectorOf(req, true);
  if (selector) argv.push('-l', selector);
  return {
    argv,
    explanation: `Describes every one of the ${mention.kind.plural}${selector ? ` with labels ${selector}` : ''}${whereWords(mention.kind, ns, req.slots.allNamespaces)}.`,
    resource: mention.kind.plural,
    namespace: ns,
  };
};

const logs: Builder = (req) => {
  const selector = selectorOf(req, true);
  const target = selector ? null : findTarget(req, { kinds: LOGGABLE, defaultKind: 'pods' });
  if (target && !isTarget(target)) return target;
  if (!target && !selector) return ask('Which pod (or deployment) should I show the logs of?');
  if (isTarget(target) && !LOGGABLE.includes(target.kind.plural)) {
    return ask(
      `${target.kind.plural} have no logs of their own. Which pod or deployment should I show the logs of?`,
    );
  }
  const ns = namespaceFor(req, isTarget(target) && target.fromContext);
  const argv = ['kubectl', 'logs'];
  let subject: string;
  if (isTarget(target)) {
    const name = target.names[0]!;
    argv.push(target.kind === POD ? name : ref(target.kind, name));
    subject = `${target.kind.singular} ${name}`;
  } else subject = `the pods with labels ${selector}`;
  argv.push(...namespaceArgs(POD, ns));
  if (selector) argv.push('-l', selector);
  const { container, previous, since, follow } = req.slots;
  if (container) argv.push('-c', container);
  if (previous) argv.push('--previous');
  if (since) argv.push(`--since=${since}`);
  const tail = req.slots.tail ?? (since ? undefined : DEFAULT_TAIL);
  if (tail !== undefined) argv.push(`--tail=${tail}`);
  const followFor = req.slots.followFor ?? DEFAULT_FOLLOW_FOR;
  if (follow) argv.push('--follow', `--request-timeout=${followFor}`);
  const parts = [
    tail !== undefined ? `the last ${tail} log lines` : 'the logs',
    since ? ` from the last ${since}` : '',
    ` of ${subject}`,
    container ? ` (container ${container})` : '',
    whereWords(POD, ns),
    previous ? ', from the container instance before its last restart' : '',
    follow ? `, then follows new lines for up to ${followFor}` : '',
  ];
  return {
    argv,
    explanation: `Shows ${parts.join('')}.`,
    resource: isTarget(target) ? target.kind.plural : 'pods',
    name: isTarget(target) ? target.names[0] : undefined,
    namespace: ns,
  };
};

function events(req: Request): Built {
  const explicitObject = req.mentions.objects.length > 0 || req.mentions.looseNames.length > 0;
  const target = explicitObject || req.slots.pronoun ? findTarget(req, { defaultKind: 'pods' }) : null;
  if (target && !isTarget(target)) return target;
  const ns = namespaceFor(req, isTarget(target) && target.fromContext);
  const EVENT = kind('events');
  const argv = ['kubectl', 'get', 'events', ...namespaceArgs(EVENT, ns, req.slots.allNamespaces)];
  const fields: string[] = [];
  if (isTarget(target)) {
    if (!target.assumedKind) fields.push(`involvedObject.kind=${target.kind.kind}`);
    fields.push(`involvedObject.name=${target.names[0]}`);
  }
  if (req.slots.eventType) fields.push(`type=${req.slots.eventType}`);
  if (fields.length > 0) argv.push(`--field-selector=${fields.join(',')}`);
  argv.push('--sort-by=.lastTimestamp');
  const about = isTarget(target) ? ` about ${target.kind.singular} ${target.names[0]}` : '';
  return {
    argv,
    explanation: `Lists ${req.slots.eventType ? 'warning ' : ''}events${about}${whereWords(EVENT, ns, req.slots.allNamespaces)}, oldest first.`,
    resource: isTarget(target) ? target.kind.plural : 'events',
    name: isTarget(target) ? target.names[0] : undefined,
    namespace: ns,
  };
}

const top: Builder = (req) => {
  const mention = req.mentions.kinds.find((k) => k.kind === POD || k.kind === NODE);
  const target = findTarget(req, { kinds: ['pods', 'nodes'], defaultKind: mention?.kind.plural ?? 'pods' });
  if (target && !isTarget(target)) return target;
  const k = isTarget(target) ? target.kind : (mention?.kind ?? POD);
  if (k !== POD && k !== NODE) return ask('Usage is available for pods and nodes. Which do you mean?');
  const ns = namespaceFor(req, isTarget(target) && target.fromContext);
  const argv = ['kubectl', 'top', ...(isTarget(target) ? [k.singular, target.names[0]!] : [k.plural])];
  argv.push(...namespaceArgs(k, ns, req.slots.allNamespaces));
  const sort = req.slots.sort === 'cpu' || req.slots.sort === 'memory' ? req.slots.sort : undefined;
  if (sort && !isTarget(target)) argv.push(`--sort-by=${sort}`);
  const subject = isTarget(target) ? `${k.singular} ${target.names[0]}` : k.plural;
  return {
    argv,
    explanation: `Shows the CPU and memory usage of ${subject}${whereWords(k, ns, req.slots.allNamespaces)}${sort ? `, highest ${sort} first` : ''}.`,
    resource: k.plural,
    name: isTarget(target) ? target.names[0] : undefined,
    namespace: k.namespaced ? ns : undefined,
  };
};

/** The one workload an action needs, with a question when it is missing or of the wrong kind. */
function workload(req: Request, kinds: string[], verb: string, many = false): Target | Built {
  const target = findTarget(req, { kinds, defaultKind: 'deployments', many });
  if (target && !isTarget(target)) return target;
  if (!target) {
    const k = req.mentions.kinds[0]?.kind;
    return ask(`Which ${k && kinds.includes(k.plural) ? k.singular : 'deployment'} should I ${verb}?`);
  }
  if (!kinds.includes(target.kind.plural)) {
    if (target.kind === POD)
      return ask(`Pods are run by a deployment or statefulset: which one should I ${verb}?`);
    return ask(`That works on ${kinds.join(', ')} only. Which one should I ${verb}?`);
  }
  return target;
}

const scale: Builder = (req) => {
  const target = workload(req, SCALABLE, 'scale');
  if (!('kind' in target)) return target;
  const replicas = req.slots.count ?? req.mentions.numbers[0];
  const name = target.names[0]!;
  if (replicas === undefined) return ask(`How many replicas should ${target.kind.singular} ${name} have?`);
  const ns = namespaceFor(req, target.fromContext);
  return {
    argv: [
      'kubectl',
      'scale',
      ref(target.kind, name),
      ...namespaceArgs(target.kind, ns),
      `--replicas=${replicas}`,
    ],
    explanation: `Scales the ${target.kind.singular} ${name}${whereWords(target.kind, ns)} to ${replicas} replica${replicas === 1 ? '' : 's'}.`,
    resource: target.kind.plural,
    name,
    namespace: ns,
    assumedKind: target.assumedKind,
  };
};

const restart: Builder = (req) => {
  const mention = req.mentions.kinds[0];
  const bulk =
    mention &&
    mention.plural !== false &&
    RESTARTABLE.includes(mention.kind.plural) &&
    req.mentions.objects.length === 0 &&
    req.mentions.looseNames.length === 0;
  if (req.slots.everything && !mention)
    return ask(
      'Which deployment should I restart? Restarting everything at once would take every workload through a rollout.',
    );
  if (bulk && (req.slots.all || mention.plural === true)) {
    if (req.slots.qualifiers.length > 0) {
      return ask(
        `Which ${mention.kind.plural} exactly? I cannot tell which ones are "${req.slots.qualifiers.join(' ')}"; name them.`,
      );
    }
    const ns = namespaceFor(req);
    return {
      argv: ['kubectl', 'rollout', 'restart', mention.kind.plural, ...namespaceArgs(mention.kind, ns)],
      explanation: `Restarts every one of the ${mention.kind.plural}${whereWords(mention.kind, ns)} with rolling updates.`,
      resource: mention.kind.plural,
      namespace: ns,
    };
  }
  return rollout(
    req,
    'restart',
    RESTARTABLE,
    'restart',
    (t, n, where) => `Restarts the pods of ${t} ${n}${where} with a rolling update.`,
    [],
    true,
  );
};

function rollout(
  req: Request,
  sub: string,
  kinds: string[],
  verb: string,
  explain: (kind: string, name: string, where: string) => string,
  extra: string[] = [],
  many = false,
): Built {
  const target = workload(req, kinds, verb, many);
  if (!('kind' in target)) return target;
  const name = target.names[0]!;
  const ns = namespaceFor(req, target.fromContext);
  return {
    argv: [
      'kubectl',
      'rollout',
      sub,
      ...target.names.map((n) => ref(target.kind, n)),
      ...namespaceArgs(target.kind, ns),
      ...extra,
    ],
    explanation: explain(target.kind.singular, nameList(target.names), whereWords(target.kind, ns)),
    resource: target.kind.plural,
    name,
    namespace: ns,
    assumedKind: target.assumedKind,
  };
}

const rolloutStatus: Builder = (req) =>
  rollout(
    req,
    'status',
    RESTARTABLE,
    'check',
    (k, n, w) => `Shows whether the rollout of ${k} ${n}${w} has finished, waiting until it does.`,
  );
const rolloutHistory: Builder = (req) =>
  rollout(
    req,
    'history',
    RESTARTABLE,
    'show the history of',
    (k, n, w) => `Lists the revisions of ${k} ${n}${w}.`,
  );
const undo: Builder = (req) => {
  const revision = req.slots.revision;
  return rollout(
    req,
    'undo',
    RESTARTABLE,
    'roll back',
    (k, n, w) =>
      `Rolls ${k} ${n}${w} back to ${revision ? `revision ${revision}` : 'its previous revision'}.`,
    revision ? [`--to-revision=${revision}`] : [],
  );
};
const pause: Builder = (req) =>
  rollout(
    req,
    'pause',
    ['deployments'],
    'pause',
    (k, n, w) => `Pauses the rollout of ${k} ${n}${w}: changes to it are not rolled out until resumed.`,
  );
const resume: Builder = (req) =>
  rollout(
    req,
    'resume',
    ['deployments'],
    'resume',
    (k, n, w) => `Resumes the paused rollout of ${k} ${n}${w}.`,
  );

const del: Builder = (req) => {
  if (req.slots.everything) {
    return ask(
      'Deleting everything at once is too broad to do from one sentence. Which objects should I delete?',
    );
  }
  const target = findTarget(req, { many: true });
  if (target && !isTarget(target)) return target;
  const force = req.slots.force ? ['--force', '--grace-period=0'] : [];
  if (isTarget(target)) {
    const ns = namespaceFor(req, target.fromContext);
    return {
      argv: [
        'kubectl',
        'delete',
        ...target.names.map((n) => ref(target.kind, n)),
        ...namespaceArgs(target.kind, ns),
        ...force,
      ],
      explanation: `Deletes ${target.kind.singular} ${nameList(target.names)}${whereWords(target.kind, ns)}${force.length ? ' immediately, without waiting for a graceful shutdown' : ''}. This cannot be undone.`,
      resource: target.kind.plural,
      name: target.names[0],
      namespace: ns,
    };
  }
  const mention = req.mentions.kinds[0];
  if (!mention) return ask('What should I delete? Name the object, e.g. "delete pod api-7c9f in prod".');
  const selector = selectorOf(req, true);
  const fields = fieldSelectors(req, [mention.kind]);
  const all = req.slots.all && !selector && fields.length === 0;
  const unclear = [...req.mentions.unused, ...req.mentions.looseNames].filter(
    (t) => !req.hit || t.clause === req.hit.token.clause,
  );
  if (all && (req.slots.qualifiers.length > 0 || unclear.length > 0)) {
    const which = [...req.slots.qualifiers, ...unclear.map((t) => t.t)].join(' ');
    return ask(
      `I cannot select "${which}" ${mention.kind.plural} precisely. Give a label selector, or name them, so I do not delete every one of them.`,
    );
  }
  if (mention.plural === false || (!selector && fields.length === 0 && !all)) {
    return ask(
      mention.plural === false
        ? `Which ${mention.kind.singular} should I delete?`
        : `Which ${mention.kind.plural} should I delete? Name them, give a label selector, or say "all ${mention.kind.plural}".`,
    );
  }
  const ns = namespaceFor(req);
  const argv = [
    'kubectl',
    'delete',
    mention.kind.plural,
    ...namespaceArgs(mention.kind, ns, req.slots.allNamespaces),
  ];
  if (selector) argv.push('-l', selector);
  if (fields.length > 0) argv.push(`--field-selector=${fields.join(',')}`);
  if (all) argv.push('--all');
  argv.push(...force);
  const which = selector
    ? ` with labels ${selector}`
    : fields.length > 0
      ? ` where ${fields.join(' and ')}`
      : '';
  return {
    argv,
    explanation: `Deletes ${all ? 'every one of the' : 'the'} ${mention.kind.plural}${which}${whereWords(mention.kind, ns, req.slots.allNamespaces)}. This cannot be undone.`,
    resource: mention.kind.plural,
    namespace: ns,
  };
};

function nodeAction(req: Request, verb: 'cordon' | 'uncordon' | 'drain'): Built {
  if (req.slots.all || req.slots.everything) {
    return ask(`Which node should I ${verb}? Doing it to every node at once could take down every workload.`);
  }
  // In "stop scheduling pods on worker-2" the pods are context: only nodes can be the target.
  if (req.mentions.objects.some((o) => o.kind !== NODE))
    return ask(`Only nodes can be ${verb}ed. Which node do you mean?`);
  const nodesOnly = {
    ...req,
    mentions: { ...req.mentions, kinds: req.mentions.kinds.filter((k) => k.kind === NODE) },
  };
  const onNode = req.slots.nodeName && req.mentions.looseNames.length === 0 && !req.mentions.objects.length;
  const target = onNode
    ? { kind: NODE, names: [req.slots.nodeName!], fromContext: false, assumedKind: false }
    : findTarget(nodesOnly, { kinds: ['nodes'], defaultKind: 'nodes', many: true });
  if (target && !isTarget(target)) return target;
  if (!target) return ask(`Which node should I ${verb}?`);
  if (target.kind !== NODE) return ask(`Only nodes can be ${verb}ed. Which node do you mean?`);
  const argv = ['kubectl', verb, ...target.names];
  if (verb === 'drain') {
    argv.push('--ignore-daemonsets');
    if (req.slots.deleteEmptyDir) argv.push('--delete-emptydir-data');
    if (req.slots.force) argv.push('--force');
  }
  const nodes = `node${target.names.length > 1 ? 's' : ''} ${nameList(target.names)}`;
  const explanation = {
    cordon: `Marks ${nodes} unschedulable: running pods stay, new pods go elsewhere.`,
    uncordon: `Marks ${nodes} schedulable again.`,
    drain: `Cordons ${nodes} and evicts its pods (DaemonSet pods stay)${req.slots.deleteEmptyDir ? ', deleting emptyDir data' : ''}.`,
  }[verb];
  return { argv, explanation, resource: 'nodes', name: target.names[0] };
}

function labelOrAnnotate(req: Request, verb: 'label' | 'annotate'): Built {
  const remove = req.hit?.remove ?? false;
  const pairs = [...req.mentions.keyValues, ...req.mentions.removals];
  // "remove the label canary from deployment web": the bare word is the key.
  const looseKeys = remove ? req.mentions.looseNames : [];
  const target = findTarget(remove ? { ...req, mentions: { ...req.mentions, looseNames: [] } } : req, {
    many: true,
  });
  if (target && !isTarget(target)) return target;
  const noun = verb === 'label' ? 'label' : 'annotation';
  if (!target) return ask(`Which object should I ${verb}?`);
  if (remove) pairs.push(...looseKeys.map((t) => `${t.raw}-`));
  if (pairs.length === 0) {
    return ask(
      `Which ${noun} should I ${remove ? 'remove from' : 'set on'} ${target.kind.singular} ${target.names[0]}? Say it as key=value.`,
    );
  }
  const ns = namespaceFor(req, target.fromContext);
  const argv = [
    'kubectl',
    verb,
    ...target.names.map((n) => ref(target.kind, n)),
    ...pairs,
    ...namespaceArgs(target.kind, ns),
  ];
  if (req.slots.overwrite) argv.push('--overwrite');
  const sets = pairs.filter((p) => !p.endsWith('-'));
  const removes = pairs.filter((p) => p.endsWith('-')).map((p) => p.slice(0, -1));
  const changes = [
    sets.length ? `sets the ${noun}${sets.length > 1 ? 's' : ''} ${sets.join(', ')}` : '',
    removes.length ? `removes the ${noun}${removes.length > 1 ? 's' : ''} ${removes.join(', ')}` : '',
  ].filter(Boolean);
  const text = changes.join(' and ');
  return {
    argv,
    explanation: `${text[0]!.toUpperCase()}${text.slice(1)} on ${target.kind.singular} ${nameList(target.names)}${whereWords(target.kind, ns)}${req.slots.overwrite ? ', replacing existing values' : ''}.`,
    resource: target.kind.plural,
    name: target.names[0],
    namespace: ns,
  };
}

const createNamespace: Builder = (req) => {
  const other = req.mentions.kinds.find((k) => k.kind.plural !== 'namespaces');
  if (other) {
    return ask(
      `From chat I can only create namespaces; ${a(other.kind)} is better created with "kubectl apply" from a reviewed manifest. What should I do instead?`,
    );
  }
  const named = req.mentions.objects[0]?.name ?? req.mentions.looseNames[0]?.t;
  if (!named) return ask('What should the new namespace be called?');
  return {
    argv: ['kubectl', 'create', 'namespace', named],
    explanation: `Creates the namespace ${named}.`,
    resource: 'namespaces',
    name: named,
  };
};

const explain: Builder = (req) => {
  const k = req.mentions.kinds[0]?.kind;
  if (!k) return ask('Which resource kind should I explain, e.g. deployments or services?');
  return {
    argv: ['kubectl', 'explain', k.plural],
    explanation: `Shows the documentation of the ${k.kind} resource and its fields.`,
  };
};

const canI: Builder = (req) => {
  const k = req.mentions.kinds[0]?.kind;
  if (!k) return ask(`${req.slots.canI} what? Name the kind, e.g. "can I ${req.slots.canI} pods in prod?"`);
  const ns = req.namespace ?? req.defaultNamespace;
  return {
    argv: [
      'kubectl',
      'auth',
      'can-i',
      req.slots.canI!,
      k.plural,
      ...namespaceArgs(k, ns, req.slots.allNamespaces),
    ],
    explanation: `Checks whether you are allowed to ${req.slots.canI} ${k.plural}${whereWords(k, ns, req.slots.allNamespaces)}. Nothing is changed.`,
  };
};

const fixed =
  (argv: string[], explanation: string): Builder =>
  () => ({ argv, explanation });

export const BUILDERS: Record<Intent, Builder> = {
  get,
  describe,
  logs,
  events,
  top,
  scale,
  restart,
  'rollout-status': rolloutStatus,
  'rollout-history': rolloutHistory,
  undo,
  pause,
  resume,
  delete: del,
  cordon: (req) => nodeAction(req, 'cordon'),
  uncordon: (req) => nodeAction(req, 'uncordon'),
  drain: (req) => nodeAction(req, 'drain'),
  label: (req) => labelOrAnnotate(req, 'label'),
  annotate: (req) => labelOrAnnotate(req, 'annotate'),
  'create-namespace': createNamespace,
  version: fixed(
    ['kubectl', 'version'],
    'Shows the kubectl client version and the Kubernetes version of the cluster.',
  ),
  'cluster-info': fixed(
    ['kubectl', 'cluster-info'],
    'Shows the addresses of the control plane and the core cluster services.',
  ),
  'api-resources': fixed(
    ['kubectl', 'api-resources'],
    'Lists every resource kind the cluster serves, with short names and API groups.',
  ),
  explain,
  'can-i': canI,
  unsupported: (req) =>
    ask(
      req.hit?.token.t === 'who'
        ? 'kubectl cannot list who may do something. I can check what you may do, e.g. "can I delete pods in prod?"'
        : 'Interactive commands (exec, port-forward, attach, cp, edit) are not proposed from chat. If you really need one, type the exact kubectl command: it will be shown as dangerous and need an approver.',
    ),
};
