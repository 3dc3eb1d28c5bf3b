/** kubectl verbs offered as completions. */
export const KUBECTL_VERBS = [
  'get',
  'describe',
  'logs',
  'top',
  'explain',
  'apply',
  'create',
  'delete',
  'edit',
  'scale',
  'rollout',
  'exec',
  'port-forward',
  'label',
  'annotate',
  'patch',
  'cordon',
  'uncordon',
  'drain',
  'events',
] as const;

/** Resource kinds offered after a verb. */
export const KUBECTL_KINDS = [
  'pods',
  'deployments',
  'services',
  'nodes',
  'namespaces',
  'configmaps',
  'secrets',
  'statefulsets',
  'daemonsets',
  'jobs',
  'cronjobs',
  'ingresses',
  'replicasets',
  'events',
  'persistentvolumeclaims',
] as const;

/** Flags offered when a word starts with `-`. */
export const KUBECTL_FLAGS = [
  '--namespace',
  '--all-namespaces',
  '--output',
  '--selector',
  '--replicas',
  '--follow',
  '--tail',
  '--container',
  '--dry-run=client',
  '--watch',
  '-n',
  '-o',
  '-l',
  '-A',
] as const;

/** Namespaces always offered after `-n` / `--namespace`. */
export const DEFAULT_NAMESPACES = ['default', 'prod', 'staging', 'kube-system'] as const;

/** True when the text is a kubectl command rather than a natural-language request. */
export const isKubectl = (text: string) => /^\s*kubectl(\s|$)/.test(text);

/** Namespaces mentioned in `text` with `-n x`, `--namespace x` or `--namespace=x`. */
export function namespacesIn(text: string): string[] {
  return [...text.matchAll(/(?:-n|--namespace)[=\s]+([a-z0-9][a-z0-9-]*)/g)].map((m) => m[1]!);
}

export interface Completion {
  /** The word being completed (replaced on accept). */
  readonly word: string;
  readonly options: readonly string[];
}

const SHORT_KINDS: Readonly<Record<string, string>> = {
  po: 'pod',
  svc: 'service',
  deploy: 'deployment',
  ns: 'namespace',
  cm: 'configmap',
  sts: 'statefulset',
  ds: 'daemonset',
  rs: 'replicaset',
  ing: 'ingress',
  pvc: 'persistentvolumeclaim',
  cj: 'cronjob',
};

/** One key per kind however it is written (`pods`, `pod`, `po` → `pod`); `kind/name` forms are split before. */
export function kindKey(kind: string): string {
  const lower = kind.toLowerCase();
  if (SHORT_KINDS[lower]) return SHORT_KINDS[lower];
  if (lower.endsWith('sses')) return lower.slice(0, -2); // ingresses → ingress
  return lower.endsWith('s') ? lower.slice(0, -1) : lower;
}

/**
 * Object names in kubectl commands, by kind key: `kubectl scale deployment api` and
 * `kubectl logs pod/web-1` give `deployment → api`, `pod → web-1`. The element feeds it the commands of the
 * conversation, so it offers only names the person has already been shown.
 */
export function namesIn(commands: Iterable<string>): Map<string, Set<string>> {
  const names = new Map<string, Set<string>>();
  const add = (kind: string, name: string) => {
    if (!/^[a-z0-9][a-z0-9.-]*$/.test(name)) return;
    const key = kindKey(kind);
    let set = names.get(key);
    if (!set) names.set(key, (set = new Set()));
    set.add(name);
  };
  for (const command of commands) {
    if (!isKubectl(command)) continue;
    const words = command
      .replace(/\s(?:-n|--namespace|-o|--output|-l|--selector|-c|--container)\s+\S+/g, ' ')
      .trim()
      .split(/\s+/)
      .filter((w) => !w.startsWith('-'));
    const [, , target, name] = words;
    if (!target) continue;
    const slash = target.indexOf('/');
    if (slash > 0) add(target.slice(0, slash), target.slice(slash + 1));
    else if (name && !name.includes('=')) add(target, name);
  }
  return names;
}

/**
 * The words of a command without its namespace flag (`-n prod`, `--namespace prod`, `--namespace=prod`)
 * before the last word, so `kubectl get pods -n prod w` completes `w` like `kubectl get pods w`.
 */
export function positionalWords(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length - 1; i++) {
    const w = words[i]!;
    if (w === '-n' || w === '--namespace') i++;
    else if (!w.startsWith('--namespace=')) out.push(w);
  }
  if (words.length) out.push(words[words.length - 1]!);
  return out;
}

/**
 * Completions for the last word of a kubectl command, or null when nothing fits. `names` (from
 * {@link namesIn}) is offered after `<verb> <kind>`.
 */
export function complete(
  text: string,
  namespaces: Iterable<string> = DEFAULT_NAMESPACES,
  names: ReadonlyMap<string, Iterable<string>> = new Map(),
): Completion | null {
  if (!isKubectl(text)) return null;
  const words = text.trimStart().split(/\s+/);
  if (words.length < 2) return null;
  const word = words[words.length - 1]!;
  const previous = words[words.length - 2]!;
  const pos = positionalWords(words);
  let pool: readonly string[];
  if (previous === '-n' || previous === '--namespace') pool = [...new Set(namespaces)];
  else if (word.startsWith('-')) pool = KUBECTL_FLAGS;
  else if (pos.length === 2) pool = KUBECTL_VERBS;
  else if (pos.length === 3 && (KUBECTL_VERBS as readonly string[]).includes(pos[1]!) && word.includes('/')) {
    // `deployment/ap`: the kind as typed, then the names of that kind.
    const kind = word.slice(0, word.indexOf('/'));
    pool = [...(names.get(kindKey(kind)) ?? [])].map((name) => `${kind}/${name}`);
  } else if (pos.length === 3 && (KUBECTL_VERBS as readonly string[]).includes(pos[1]!)) pool = KUBECTL_KINDS;
  else if (pos.length === 4 && (KUBECTL_VERBS as readonly string[]).includes(pos[1]!))
    pool = [...(names.get(kindKey(pos[2]!)) ?? [])];
  else return null;
  const options = pool.filter((o) => o.startsWith(word) && o !== word).slice(0, 8);
  return options.length ? { word, options } : null;
}
