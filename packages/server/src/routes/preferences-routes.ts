import type { FastifyInstance } from 'fastify';
import { PreferencesResponse, PreferencesUpdate, ErrorBody } from '@k8s-chat/contract';
import type { AppServices } from '../services.js';
import { caller } from '../http/auth-hooks.js';

/**
 * The signed-in person's preferences. A change is published on the person's own `user:<id>` topic as a
 * `preferences` event (replayed after a reconnect like any topic event), so other tabs and devices apply it.
 */
export function preferencesRoutes(app: FastifyInstance, s: AppServices): void {
  app.get(
    '/api/v1/auth/me/preferences',
    {
      schema: { tags: ['auth'], summary: 'Your preferences (theme, default namespace, compact, sound)' },
      config: { responses: { 200: PreferencesResponse, 401: ErrorBody } },
    },
    async (request) => ({ data: s.preferences.get(caller(request).userId) }),
  );

  app.patch<{ Body: PreferencesUpdate }>(
    '/api/v1/auth/me/preferences',
    {
      schema: { body: PreferencesUpdate, tags: ['auth'], summary: 'Change some of your preferences' },
      config: { responses: { 200: PreferencesResponse, 400: ErrorBody, 401: ErrorBody } },
    },
    async (request) => {
      const me = caller(request);
      const data = s.preferences.update(me.userId, request.body);
      s.gateway?.publish(`user:${me.userId}`, 'preferences', data);
      return { data };
    },
  );
}
