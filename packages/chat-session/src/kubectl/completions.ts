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

/** Completions for the last word of a kubectl command, or null when nothing fits. */
export function complete(text: string, namespaces: Iterable<string> = DEFAULT_NAMESPACES): Completion | null {
  if (!isKubectl(text)) return null;
  const words = text.trimStart().split(/\s+/);
  if (words.length < 2) return null;
  const word = words[words.length - 1]!;
  const previous = words[words.length - 2]!;
  let pool: readonly string[];
  if (previous === '-n' || previous === '--namespace') pool = [...new Set(namespaces)];
  else if (word.startsWith('-')) pool = KUBECTL_FLAGS;
  else if (words.length === 2) pool = KUBECTL_VERBS;
  else if (words.length === 3 && (KUBECTL_VERBS as readonly string[]).includes(previous))
    pool = KUBECTL_KINDS;
  else return null;
  const options = pool.filter((o) => o.startsWith(word) && o !== word).slice(0, 8);
  return options.length ? { word, options } : null;
}
