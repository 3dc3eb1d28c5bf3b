import { Type, type Static } from '@sinclair/typebox';

/** A Kubernetes object or namespace name (DNS subdomain): what completion may offer. */
const KubeName = Type.String({ minLength: 1, maxLength: 253, pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$' });

/** Most names one answer carries; completion needs a short list, not an inventory. */
export const MAX_CLUSTER_NAMES = 500;

/**
 * Which names to list for kubectl completion: a resource kind (any spelling kubectl accepts, e.g.
 * `deploy`), and for namespaced kinds the namespace (default `default`). `kind=namespaces` lists namespaces.
 */
export const ClusterNamesQuery = Type.Object(
  {
    kind: Type.String({ minLength: 1, maxLength: 80, pattern: '^[A-Za-z0-9.-]+$' }),
    namespace: Type.Optional(
      Type.String({ minLength: 1, maxLength: 63, pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' }),
    ),
  },
  { additionalProperties: false },
);
export type ClusterNamesQuery = Static<typeof ClusterNamesQuery>;

export const ClusterNames = Type.Object({
  /** The canonical plural the kind resolved to. */
  kind: Type.String(),
  /** The namespace listed, or null for cluster-scoped kinds. */
  namespace: Type.Union([Type.String(), Type.Null()]),
  names: Type.Array(KubeName, { maxItems: MAX_CLUSTER_NAMES }),
  /** True when there were more names than the cap. */
  truncated: Type.Boolean(),
});
export type ClusterNames = Static<typeof ClusterNames>;

export const ClusterNamesResponse = Type.Object({ data: ClusterNames });
export type ClusterNamesResponse = Static<typeof ClusterNamesResponse>;
