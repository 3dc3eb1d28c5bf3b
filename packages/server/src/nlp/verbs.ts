import type { SafetyLevel } from './types.js';

/**
 * What each kubectl verb does on its own, before flags, kinds and namespaces are looked at. Keys are
 * `verb` or `verb subcommand`; a `verb *` entry covers every subcommand of that verb. A verb that is not
 * here (a plugin, a typo, a verb from a newer kubectl) is dangerous: we cannot say what it does.
 */
export interface VerbRule {
  readonly level: SafetyLevel;
  readonly reason: string;
  /** True when the verb only reads: flags like `-A` or selectors then widen a read, not a change. */
  readonly readOnly?: boolean;
  /** True when the verb names no resource kinds (`auth can-i delete pods` names a verb, not a kind). */
  readonly noResources?: boolean;
}

const read = (reason: string, extra: Partial<VerbRule> = {}): VerbRule => ({
  level: 'safe',
  reason,
  readOnly: true,
  ...extra,
});
const change = (reason: string): VerbRule => ({ level: 'warning', reason });
const danger = (reason: string): VerbRule => ({ level: 'dangerous', reason });

export const VERB_RULES: ReadonlyMap<string, VerbRule> = new Map([
  ['get', read('Reads objects without changing them.')],
  ['describe', read('Describes objects without changing them.')],
  ['logs', read('Reads container logs.')],
  ['top', read('Reads CPU and memory usage.')],
  ['explain', read('Shows the documentation of a resource kind.', { noResources: true })],
  ['api-resources', read('Lists the resource kinds the cluster serves.')],
  ['api-versions', read('Lists the API versions the cluster serves.')],
  ['version', read('Shows the client and server versions.')],
  ['cluster-info', read('Shows the addresses of the control plane and cluster services.')],
  ['events', read('Reads cluster events.')],
  ['wait', read('Waits for a condition without changing anything.')],
  ['help', read('Shows kubectl help.')],
  ['rollout status', read('Watches the progress of a rollout.')],
  ['rollout history', read('Shows the revisions of a rollout.')],
  ['auth can-i', read('Checks what the current identity is allowed to do.', { noResources: true })],
  ['auth whoami', read('Shows the current identity.', { noResources: true })],
  ['config view', read('Shows the kubeconfig with credentials redacted.', { noResources: true })],
  ['config current-context', read('Shows the current kubeconfig context.', { noResources: true })],
  ['config get-contexts', read('Lists the kubeconfig contexts.', { noResources: true })],

  ['scale', change('Changes the number of replicas, which starts or stops pods.')],
  ['rollout restart', change('Restarts pods through a rolling update.')],
  ['rollout undo', change('Rolls back to an earlier revision, which replaces the running pods.')],
  ['rollout pause', change('Pauses a rollout: later changes to the object are not rolled out.')],
  ['rollout resume', change('Resumes a paused rollout, which may start replacing pods.')],
  ['label', change('Changes labels, which can change what services and controllers select.')],
  ['annotate', change('Changes annotations, which some controllers act on.')],
  ['create', change('Creates objects.')],
  ['cordon', change('Stops new pods from being scheduled on the node.')],
  ['uncordon', change('Lets pods be scheduled on the node again.')],
  ['apply', change('Creates or changes objects from a manifest.')],
  ['patch', change('Changes objects in place.')],
  ['set *', change("Changes an object's spec, which rolls out new pods.")],
  ['expose', change('Creates a service that exposes workloads on the network.')],
  ['autoscale', change('Creates an autoscaler that will change replica counts on its own.')],

  ['delete', danger('Deletes objects: deletions cannot be undone.')],
  ['drain', danger('Evicts every pod from the node and cordons it.')],
  ['taint', danger('Changes node taints, which can evict running pods.')],
  ['exec', danger('Runs a command inside a container.')],
  ['cp', danger('Copies files into or out of a container.')],
  ['attach', danger("Attaches to a running container's input and output.")],
  ['port-forward', danger('Opens a network tunnel into the cluster.')],
  ['proxy', danger('Opens a proxy to the Kubernetes API.')],
  ['edit', danger('Opens an editor and writes back whatever is changed, unreviewed.')],
  ['replace', danger('Replaces whole objects, dropping fields the manifest leaves out.')],
  ['run', danger('Starts a pod running an arbitrary image and command.')],
  ['debug', danger('Starts a debugging container with access to a pod or node.')],
  ['create token', danger('Creates a service account token: a new credential.')],
  ['auth reconcile', danger('Changes RBAC roles and bindings.')],
  ['certificate *', danger('Approves or denies certificate requests, which grant credentials.')],
  ['config *', danger('Changes the kubeconfig: which cluster and credentials kubectl uses.')],
]);

/** Subcommands that must be present for these verbs to mean anything. */
const NEEDS_SUBCOMMAND = new Set(['rollout', 'auth', 'certificate', 'config', 'set']);

/** Finds the rule for a verb and its subcommand; undefined means unknown, hence dangerous. */
export function verbRule(verb: string, subcommand: string | null): VerbRule | undefined {
  if (subcommand !== null) {
    const exact = VERB_RULES.get(`${verb} ${subcommand}`) ?? VERB_RULES.get(`${verb} *`);
    if (exact) return exact;
    // `create deployment web` parses `deployment` as a kind, but `create quota x` as a subcommand.
    if (verb === 'create' || verb === 'top') return VERB_RULES.get(verb);
    return NEEDS_SUBCOMMAND.has(verb) ? undefined : VERB_RULES.get(verb);
  }
  if (NEEDS_SUBCOMMAND.has(verb)) return undefined;
  return VERB_RULES.get(verb);
}
