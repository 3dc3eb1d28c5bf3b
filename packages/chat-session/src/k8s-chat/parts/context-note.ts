import type { CommandProposal } from '@k8s-chat/core';

/** "deployments" → "deployment", "ingresses" → "ingress", "networkpolicies" → "networkpolicy". */
function singular(plural: string): string {
  if (plural.endsWith('ies')) return `${plural.slice(0, -3)}y`;
  if (plural.endsWith('sses')) return plural.slice(0, -2);
  return plural.endsWith('s') ? plural.slice(0, -1) : plural;
}

/**
 * What the conversation filled in for this answer, for people: "deployment api in prod". The server lists
 * the parts it took from the session (`contextApplied`: resource, name, namespace, intent); the values
 * come from the command's impact. Null when nothing came from the context.
 */
export function describeContext(proposal: CommandProposal | undefined): string | null {
  const applied = new Set(proposal?.contextApplied ?? []);
  if (!proposal || !applied.size) return null;
  const impact = proposal.impact as {
    resources?: string[];
    names?: string[];
    namespace?: string | null;
    verb?: string | null;
  } | null;
  const resource = impact?.resources?.[0];
  const name = impact?.names?.[0];
  const namespace = impact?.namespace ?? proposal.target.namespace;
  const words: string[] = [];
  if (applied.has('intent') && impact?.verb) words.push(`the last request (${impact.verb})`);
  if ((applied.has('resource') || applied.has('name')) && resource) {
    words.push(name && applied.has('name') ? `${singular(resource)} ${name}` : singular(resource));
  }
  if (applied.has('namespace') && namespace) {
    words.push(words.length ? `in ${namespace}` : `namespace ${namespace}`);
  }
  return words.length ? words.join(' ') : 'the earlier conversation';
}
