/** Objects as the API serves them to `-o json|yaml|jsonpath`, one or wrapped in a List. */
import type { KubeObject } from '../model.js';
import { sortKeys } from './yaml.js';

export function toManifest(obj: KubeObject): Record<string, unknown> {
  return sortKeys(structuredClone(obj)) as Record<string, unknown>;
}

export function toList(objects: readonly KubeObject[]): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    items: objects.map(toManifest),
    kind: 'List',
    metadata: { resourceVersion: '' },
  };
}
