import type { FastifyInstance } from 'fastify';
import { ClusterNamesQuery, ClusterNamesResponse, ErrorBody, MAX_CLUSTER_NAMES } from '@k8s-chat/contract';
import type { AppServices } from '../services.js';
import { ApiError } from '../http/errors.js';
import { resolveResource } from '../kubectl/resources.js';
import { classifyCommand } from '../nlp/index.js';

const DEFAULT_NAMESPACE = 'default';

/**
 * Names the signed-in person may see, for kubectl completion in the composer. Every role may call it
 * (viewers read); it runs no recorded command and writes no execution or history row. It lists names
 * only — never an object's contents, so Secrets' data cannot leak through it — and refuses what the
 * safety classifier calls a dangerous read (kube-system, RBAC), judging the same `kubectl get` line a
 * person would type, so completion never reveals more than a safe read would.
 */
export function clusterRoutes(app: FastifyInstance, s: AppServices): void {
  app.get<{ Querystring: ClusterNamesQuery }>(
    '/api/v1/cluster/names',
    {
      schema: {
        querystring: ClusterNamesQuery,
        tags: ['commands'],
        summary: 'Names of one kind in a namespace (or the namespaces), for completion',
      },
      config: {
        responses: {
          200: ClusterNamesResponse,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          429: ErrorBody,
          502: ErrorBody,
          503: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const kind = resolveResource(request.query.kind);
      if (!kind) {
        throw ApiError.badRequest(
          'UNKNOWN_KIND',
          `"${request.query.kind}" is not a resource kind this server knows. Use a built-in kind such as pods or deployments.`,
          [{ field: 'kind', message: 'unknown resource kind' }],
        );
      }
      const namespace = kind.namespaced ? (request.query.namespace ?? DEFAULT_NAMESPACE) : null;
      const line = `kubectl get ${kind.plural}${namespace ? ` -n ${namespace}` : ''} -o name`;
      const decision = classifyCommand(line);
      if (decision.level === 'dangerous' || decision.blocked) {
        throw ApiError.forbidden(
          'DANGEROUS_READ',
          `Listing ${kind.plural}${namespace ? ` in ${namespace}` : ''} is a dangerous read here (${decision.reasons[0] ?? 'refused'}), so completion does not offer these names. Type the name yourself.`,
          { kind: kind.plural, namespace },
        );
      }
      if (!s.executor.listNames) {
        throw new ApiError(
          503,
          'NAMES_UNAVAILABLE',
          'This server cannot list names from its cluster. Type the name yourself.',
        );
      }
      let names: string[];
      try {
        names = await s.executor.listNames(kind.plural, namespace);
      } catch (error) {
        throw new ApiError(
          502,
          'CLUSTER_UNAVAILABLE',
          `The cluster did not list ${kind.plural}: ${(error as Error).message}. Try again in a moment.`,
        );
      }
      reply.header('cache-control', 'private, max-age=10');
      return {
        data: {
          kind: kind.plural,
          namespace,
          names: names.slice(0, MAX_CLUSTER_NAMES),
          truncated: names.length > MAX_CLUSTER_NAMES,
        },
      };
    },
  );
}
