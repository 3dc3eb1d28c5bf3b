import type { FastifyInstance, RouteOptions } from 'fastify';

interface CollectedRoute {
  method: string;
  url: string;
  schema: Record<string, unknown>;
  config: {
    public?: boolean;
    responses?: Record<number, object>;
    content?: Record<number, Record<string, object>>;
  };
}

/**
 * Builds the OpenAPI 3.1 document from the same schemas the routes validate with, so the document and
 * the server cannot drift. Call `collect` before routes are registered.
 */
export class OpenApiBuilder {
  readonly #routes: CollectedRoute[] = [];

  collect(app: FastifyInstance): void {
    app.addHook('onRoute', (route: RouteOptions) => {
      if (
        !route.url.startsWith('/api/') ||
        route.method === 'HEAD' ||
        (Array.isArray(route.method) && route.method.includes('HEAD'))
      )
        return;
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        this.#routes.push({
          method: method.toLowerCase(),
          url: route.url,
          schema: (route.schema ?? {}) as Record<string, unknown>,
          config: (route.config ?? {}) as CollectedRoute['config'],
        });
      }
    });
  }

  document(version: string): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const route of this.#routes) {
      const path = route.url.replace(/:([A-Za-z_]+)/g, '{$1}');
      const { body, querystring, params, headers, summary, tags } = route.schema as Record<
        string,
        Record<string, unknown> | undefined
      >;
      const parameters = [
        ...toParameters(params, 'path'),
        ...toParameters(querystring, 'query'),
        ...toParameters(headers, 'header'),
      ];
      const responses: Record<string, unknown> = {};
      for (const [status, schema] of Object.entries(route.config.responses ?? { 200: {} })) {
        const media = route.config.content?.[Number(status)] ?? { 'application/json': schema };
        responses[status] = {
          description: STATUS_TEXT[Number(status)] ?? `HTTP ${status}`,
          content: Object.fromEntries(Object.entries(media).map(([type, s]) => [type, { schema: clean(s) }])),
        };
      }
      paths[path] ??= {};
      paths[path][route.method] = {
        ...(summary ? { summary } : {}),
        ...(tags ? { tags } : {}),
        operationId: `${route.method}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
        ...(route.config.public ? { security: [] } : {}),
        ...(parameters.length ? { parameters } : {}),
        ...(body
          ? {
              requestBody: {
                required: !isOptional(body),
                content: { 'application/json': { schema: clean(body) } },
              },
            }
          : {}),
        responses,
      };
    }
    return {
      openapi: '3.1.0',
      info: {
        title: 'KubeChat API',
        version,
        description:
          'The KubeChat API as the k8s-chat reference server implements it. Errors are always `{error, code, details?}`; chat routes also carry `success`. WebSocket: GET /api/v1/ws, subprotocol `kubechat-ws`, first frame `{"type":"auth","payload":{"token"}}`.',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
      security: [{ bearerAuth: [] }],
      paths,
    };
  }
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted: waiting for approval',
  400: 'Invalid request: see details for each field',
  401: 'Not signed in, or the token expired',
  403: 'Not allowed for your role',
  404: 'Not found (or not yours)',
  409: 'Conflicts with the current state',
  413: 'Request body too large',
  429: 'Too many requests: see Retry-After',
  503: 'Unavailable',
};

function isOptional(schema: Record<string, unknown>): boolean {
  return Object.getOwnPropertySymbols(schema).some(
    (s) => String(s).includes('Optional') && (schema as Record<symbol, unknown>)[s] === 'Optional',
  );
}

/** TypeBox schemas carry symbol keys and `$id`s; JSON round-tripping keeps only the JSON Schema. */
function clean(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema ?? {}), (key, value) => (key === '$id' ? undefined : value));
}

function toParameters(schema: Record<string, unknown> | undefined, where: 'path' | 'query' | 'header') {
  if (!schema) return [];
  const object = clean(schema) as {
    properties?: Record<string, unknown>;
    required?: string[];
    allOf?: { properties?: Record<string, unknown>; required?: string[] }[];
  };
  const parts = object.allOf ?? [object];
  return parts.flatMap((part) =>
    Object.entries(part.properties ?? {}).map(([name, property]) => ({
      name,
      in: where,
      required: where === 'path' || (part.required ?? []).includes(name),
      schema: property,
      ...(typeof (property as { description?: unknown }).description === 'string'
        ? { description: (property as { description: string }).description }
        : {}),
    })),
  );
}
