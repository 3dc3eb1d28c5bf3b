/** kubectl's error messages, word for word, so people and the translator recognise them. */
import type { ResourceKind } from '../../../kubectl/index.js';

/** `deployments.apps`, `pods`, `ingresses.networking.k8s.io`: how the API server names a resource. */
export function qualifiedPlural(kind: Pick<ResourceKind, 'plural' | 'group'>): string {
  return kind.group ? `${kind.plural}.${kind.group}` : kind.plural;
}

/** `deployment.apps/api`, `pod/web-1`: how kubectl names one object in its output. */
export function objectRef(kind: Pick<ResourceKind, 'singular' | 'group'>, name: string): string {
  return `${kind.group ? `${kind.singular}.${kind.group}` : kind.singular}/${name}`;
}

/** `deployment.apps "api"`: the object as `kubectl delete` names it. */
export function quotedRef(kind: Pick<ResourceKind, 'singular' | 'group'>, name: string): string {
  return `${kind.group ? `${kind.singular}.${kind.group}` : kind.singular} "${name}"`;
}

export function notFound(kind: Pick<ResourceKind, 'plural' | 'group'>, name: string): string {
  return `Error from server (NotFound): ${qualifiedPlural(kind)} "${name}" not found`;
}

export function unknownResourceType(type: string): string {
  return `error: the server doesn't have a resource type "${type}"`;
}

export function noResourcesFound(namespace: string | null): string {
  return namespace === null ? 'No resources found' : `No resources found in ${namespace} namespace.`;
}
