import { resolveResource, type ResourceKind } from './resources.js';

/**
 * A kubectl argument vector read the way kubectl reads it: verb, resource, names, namespace and flags.
 * Safety classification, the sandbox cluster and the rollback planner all work on this, never on
 * substrings of the command text.
 */
export interface ParsedKubectl {
  readonly argv: readonly string[];
  /** `get`, `scale`, `rollout`, … or null when there is no verb. */
  readonly verb: string | null;
  /** Second word of two-word verbs: `rollout restart`, `config view`, `auth can-i`. */
  readonly subcommand: string | null;
  /** Every resource kind named (`get pods,svc` names two); empty when none. */
  readonly resources: readonly ResourceKind[];
  /** Resource words that are not kinds this project knows (plugins, CRDs, typos). */
  readonly unknownResources: readonly string[];
  /** `all` as in `kubectl get all`. */
  readonly allResources: boolean;
  /** Object names, from `TYPE NAME…` or `TYPE/NAME`. */
  readonly names: readonly string[];
  /** Positional words after the names: `key=value` for label/annotate, anything else verbatim. */
  readonly extraArgs: readonly string[];
  /** Arguments after `--` (the command of `exec`). */
  readonly afterDoubleDash: readonly string[];
  /** `-n` / `--namespace`, or null when not given. */
  readonly namespace: string | null;
  readonly allNamespaces: boolean;
  readonly selector: string | null;
  readonly output: string | null;
  /** Every flag by its long name without dashes (`replicas` → `3`, `force` → true). */
  readonly flags: ReadonlyMap<string, string | true>;
}

/** Short flags and their long names. */
const SHORT_FLAGS: Record<string, string> = {
  n: 'namespace',
  A: 'all-namespaces',
  l: 'selector',
  o: 'output',
  c: 'container',
  p: 'previous',
  f: 'follow',
  w: 'watch',
  i: 'stdin',
  t: 'tty',
  R: 'recursive',
  k: 'kustomize',
  L: 'label-columns',
};

/** Flags that take a value as the next word when not written `--flag=value`. */
const VALUE_FLAGS = new Set([
  'namespace',
  'selector',
  'output',
  'container',
  'replicas',
  'tail',
  'since',
  'since-time',
  'field-selector',
  'grace-period',
  'timeout',
  'to-revision',
  'revision',
  'context',
  'cluster',
  'user',
  'kubeconfig',
  'server',
  'token',
  'as',
  'as-group',
  'as-uid',
  'filename',
  'kustomize',
  'sort-by',
  'label-columns',
  'current-replicas',
  'resource-version',
  'limit-bytes',
  'max-log-requests',
  'cascade',
  'dry-run',
  'type',
  'image',
  'port',
  'chunk-size',
  'pod-running-timeout',
  'template',
  'field-manager',
]);

/** Flags that are booleans even though a value could follow them. */
const BOOLEAN_FLAGS = new Set([
  'all-namespaces',
  'previous',
  'follow',
  'watch',
  'stdin',
  'tty',
  'recursive',
  'all',
  'force',
  'overwrite',
  'ignore-daemonsets',
  'delete-emptydir-data',
  'delete-local-data',
  'disable-eviction',
  'show-labels',
  'no-headers',
  'wide',
  'timestamps',
  'prefix',
  'ignore-not-found',
  'now',
  'wait',
  'containers',
  'sum',
  'local',
  'record',
]);

/** Verbs whose first positional is a second verb word. */
const TWO_WORD_VERBS = new Set([
  'rollout',
  'config',
  'auth',
  'certificate',
  'plugin',
  'top',
  'set',
  'create',
]);

/** Verbs whose object is implied (no resource word): `logs POD`, `cordon NODE`. */
const IMPLIED_RESOURCE: Record<string, string> = {
  logs: 'pods',
  exec: 'pods',
  attach: 'pods',
  'port-forward': 'pods',
  cp: 'pods',
  cordon: 'nodes',
  uncordon: 'nodes',
  drain: 'nodes',
  taint: 'nodes',
};

/** Verbs that take no resource word at all. */
const NO_RESOURCE_VERBS = new Set([
  'version',
  'cluster-info',
  'api-resources',
  'api-versions',
  'help',
  'completion',
]);

function longName(flag: string): string {
  return SHORT_FLAGS[flag] ?? flag;
}

/** Reads a kubectl argv (argv[0] is `kubectl`). Never throws; unknown words end up in the fields above. */
export function parseKubectl(argv: readonly string[]): ParsedKubectl {
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  const afterDoubleDash: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      afterDoubleDash.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--') && arg.length > 2) {
      const eq = arg.indexOf('=');
      if (eq > 0) {
        flags.set(arg.slice(2, eq), arg.slice(eq + 1));
        continue;
      }
      const name = arg.slice(2);
      if (VALUE_FLAGS.has(name) && i + 1 < argv.length) flags.set(name, argv[++i]!);
      else flags.set(name, true);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1 && !/^-\d/.test(arg)) {
      const body = arg.slice(1);
      // `-f` is --follow for logs and --filename everywhere else.
      if (body[0] === 'f' && positionals[0] !== 'logs') {
        const value = body.length > 1 ? body.slice(1).replace(/^=/, '') : argv[++i];
        flags.set('filename', value ?? true);
        continue;
      }
      const eq = body.indexOf('=');
      if (eq > 0) {
        flags.set(longName(body.slice(0, eq)), body.slice(eq + 1));
        continue;
      }
      const first = longName(body[0]!);
      if (VALUE_FLAGS.has(first)) {
        // `-nprod` and `-n prod` both work in kubectl.
        if (body.length > 1) flags.set(first, body.slice(1));
        else if (i + 1 < argv.length) flags.set(first, argv[++i]!);
        else flags.set(first, true);
        continue;
      }
      for (const ch of body) flags.set(longName(ch), true);
      continue;
    }
    positionals.push(arg);
  }

  const verb = positionals.shift() ?? null;
  let subcommand: string | null = null;
  if (verb && TWO_WORD_VERBS.has(verb) && positionals.length > 0) {
    // `create namespace x` and `top pods` name a resource, not a sub-verb.
    if ((verb === 'create' || verb === 'top') && resolveResource(positionals[0]!)) subcommand = null;
    else subcommand = positionals.shift()!;
  }

  const resources: ResourceKind[] = [];
  const unknownResources: string[] = [];
  const names: string[] = [];
  let allResources = false;
  let rest = positionals;

  if (verb && !NO_RESOURCE_VERBS.has(verb) && !(verb in IMPLIED_RESOURCE)) {
    const first = rest[0];
    if (first !== undefined) {
      if (first.includes('/') && !isKeyValue(verb, first)) {
        // TYPE/NAME [TYPE/NAME…]; an annotation key like prometheus.io/scrape=true is not one.
        while (rest[0]?.includes('/') && !isKeyValue(verb, rest[0])) {
          const [type, ...nameParts] = rest.shift()!.split('/');
          const kind = resolveResource(type!);
          if (kind) {
            if (!resources.includes(kind)) resources.push(kind);
          } else unknownResources.push(type!);
          names.push(nameParts.join('/'));
        }
      } else if (!(verb === 'label' || verb === 'annotate') || !first.includes('=')) {
        rest = rest.slice(1);
        for (const type of first.split(',')) {
          if (type === 'all') {
            allResources = true;
            continue;
          }
          const kind = resolveResource(type);
          if (kind) resources.push(kind);
          else unknownResources.push(type);
        }
        while (rest.length && !isKeyValue(verb, rest[0]!)) names.push(rest.shift()!);
      }
    }
  } else if (verb && verb in IMPLIED_RESOURCE) {
    const first = rest[0];
    if (first?.includes('/')) {
      const [type, ...nameParts] = rest.shift()!.split('/');
      const kind = resolveResource(type!);
      if (kind) resources.push(kind);
      else unknownResources.push(type!);
      names.push(nameParts.join('/'));
    } else {
      resources.push(resolveResource(IMPLIED_RESOURCE[verb]!)!);
      // logs and exec take one object; cordon and drain may take several nodes.
      const many = verb === 'cordon' || verb === 'uncordon' || verb === 'drain' || verb === 'taint';
      if (first !== undefined) names.push(rest.shift()!);
      while (many && rest.length && !isKeyValue(verb, rest[0]!)) names.push(rest.shift()!);
    }
  }

  const output = flags.get('output');
  const namespace = flags.get('namespace');
  const selector = flags.get('selector');
  return {
    argv,
    verb,
    subcommand,
    resources,
    unknownResources,
    allResources,
    names,
    extraArgs: rest,
    afterDoubleDash,
    namespace: typeof namespace === 'string' ? namespace : null,
    allNamespaces: flags.has('all-namespaces') && flags.get('all-namespaces') !== 'false',
    selector: typeof selector === 'string' ? selector : null,
    output: typeof output === 'string' ? output : null,
    flags,
  };
}

// label/annotate/taint take `key=value` or `key-` after the names.
function isKeyValue(verb: string, word: string): boolean {
  if (verb !== 'label' && verb !== 'annotate' && verb !== 'taint') return false;
  return word.includes('=') || word.endsWith('-');
}

/** Flags that are not booleans and were given without a value are reported by callers as errors. */
export function isKnownFlag(name: string): boolean {
  return VALUE_FLAGS.has(name) || BOOLEAN_FLAGS.has(name);
}
