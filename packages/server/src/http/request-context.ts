import type { AccessClaims } from '../auth/tokens.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth hook on every authenticated route. */
    auth: AccessClaims | null;
  }
  interface FastifyContextConfig {
    /** Routes anyone may call without a token (login, refresh, health, the OpenAPI document). */
    public?: boolean;
    /** Adds `success: false` to errors, as chat routes do upstream. */
    chatEnvelope?: boolean;
    /** Response schemas for the OpenAPI document, by status (JSON unless `content` says otherwise). */
    responses?: Record<number, object>;
    /** Non-JSON or several media types for a status: `{200: {'text/csv': schema, …}}`. */
    content?: Record<number, Record<string, object>>;
    /** Minimum role for the route. */
    role?: 'viewer' | 'user' | 'admin';
  }
}

export {};

declare module 'fastify' {
  interface FastifySchema {
    /** OpenAPI tags and summary, read by the OpenAPI builder. */
    tags?: readonly string[];
    summary?: string;
  }
}
