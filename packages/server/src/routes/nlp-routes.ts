import type { FastifyInstance } from 'fastify';
import { Type, type TSchema } from '@sinclair/typebox';
import {
  Classification,
  CommandRequest,
  ErrorBody,
  NlpMetrics,
  NlpProcessRequest,
  NlpResult,
  Provider,
  ValidationResult,
} from '@k8s-chat/contract';
import type { AppServices } from '../services.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };
const data = <T extends TSchema>(schema: T) =>
  Type.Object({ data: schema, message: Type.Optional(Type.String()) });

export function nlpRoutes(app: FastifyInstance, s: AppServices): void {
  app.post<{ Body: NlpProcessRequest }>(
    '/api/v1/nlp/process',
    {
      schema: {
        body: NlpProcessRequest,
        tags: ['nlp'],
        summary: 'Translate a request into one kubectl command with its safety level',
      },
      config: { responses: { 200: data(NlpResult), ...errors } },
    },
    async (request) => {
      const body = request.body;
      const context = typeof body.context === 'object' ? body.context : undefined;
      const result = await s.nlp.process({ query: body.query, namespace: body.namespace, context });
      return { data: result, message: 'Query processed successfully' };
    },
  );

  app.post<{ Body: CommandRequest }>(
    '/api/v1/nlp/validate',
    {
      schema: {
        body: CommandRequest,
        tags: ['nlp'],
        summary: 'Is this a command that may run, and how risky is it?',
      },
      config: { responses: { 200: data(ValidationResult), ...errors } },
    },
    async (request) => ({
      data: s.nlp.validate(request.body.command),
      message: 'Command validated successfully',
    }),
  );

  app.post<{ Body: CommandRequest }>(
    '/api/v1/nlp/classify',
    {
      schema: {
        body: CommandRequest,
        tags: ['nlp'],
        summary: 'The safety classification of a command, with reasons',
      },
      config: { responses: { 200: data(Classification), ...errors } },
    },
    async (request) => ({
      data: s.nlp.classify(request.body.command),
      message: 'Command classified successfully',
    }),
  );

  app.get(
    '/api/v1/nlp/providers',
    {
      schema: { tags: ['nlp'], summary: 'Translation providers' },
      config: {
        responses: { 200: Type.Object({ data: Type.Array(Provider), count: Type.Integer() }), ...errors },
      },
    },
    async () => {
      const providers = s.nlp.providers();
      return { data: providers, count: providers.length };
    },
  );

  app.get(
    '/api/v1/nlp/health',
    {
      schema: { tags: ['nlp'], summary: 'NLP health' },
      config: {
        responses: { 200: Type.Object({ status: Type.String(), message: Type.String() }), 503: ErrorBody },
      },
    },
    async (_request, reply) => {
      const health = await s.nlp.health();
      if (health.status !== 'healthy') {
        reply.status(503);
        return { error: 'NLP service health check failed', code: 'NLP_HEALTH_FAILED' };
      }
      return { status: 'healthy', message: 'NLP service is operational' };
    },
  );

  app.get(
    '/api/v1/nlp/metrics',
    {
      schema: { tags: ['nlp'], summary: 'Request counters since the server started' },
      config: { responses: { 200: data(NlpMetrics), ...errors } },
    },
    async () => ({ data: s.nlp.metrics() }),
  );
}
