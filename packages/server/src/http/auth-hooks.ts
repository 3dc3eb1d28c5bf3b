import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '@k8s-chat/contract';
import { ROLES } from '@k8s-chat/contract';
import type { TokenService } from '../auth/tokens.js';
import { ApiError } from './errors.js';
import type { RateLimiter } from './rate-limit.js';

const rank = (role: Role) => ROLES.indexOf(role);
export const hasRole = (actual: Role, required: Role) => rank(actual) >= rank(required);

/** Reads the bearer token on every non-public /api route and enforces the route's minimum role and rate limit. */
export function installAuthHooks(app: FastifyInstance, tokens: TokenService, limiter: RateLimiter): void {
  app.decorateRequest('auth', null);
  app.addHook('preHandler', async (request) => {
    const config = request.routeOptions.config;
    // Only API routes need a token; unknown URLs (even under /api/) fall through to the 404 handler.
    if (!request.routeOptions.url?.startsWith('/api/') || request.is404) return;
    if (config.public) {
      limiter.check(`ip:${request.ip}`);
      return;
    }
    request.auth = await authenticate(request, tokens);
    limiter.check(`user:${request.auth.userId}`);
    const required = config.role ?? 'viewer';
    if (!hasRole(request.auth.role, required)) {
      throw ApiError.forbidden(
        required === 'user' ? 'WRITE_PERMISSION_REQUIRED' : 'INSUFFICIENT_PERMISSIONS',
        required === 'user'
          ? 'Your role can only read. Ask an administrator for the user role to run commands.'
          : 'This needs the administrator role.',
        { required_role: required, user_role: request.auth.role },
      );
    }
  });
}

async function authenticate(request: FastifyRequest, tokens: TokenService) {
  const header = request.headers.authorization;
  if (!header)
    throw ApiError.unauthorized('AUTH_HEADER_MISSING', 'Sign in to continue (no Authorization header).');
  const [scheme, token] = header.split(' ');
  if (scheme !== 'Bearer' || !token) {
    throw ApiError.unauthorized(
      'INVALID_AUTH_FORMAT',
      'Invalid authorization header format. Use: Bearer <token>',
    );
  }
  return tokens.verifyAccess(token);
}

/** The authenticated caller; only for routes that are not public. */
export function caller(request: FastifyRequest) {
  if (!request.auth) throw ApiError.unauthorized();
  return request.auth;
}
