import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import {
  Device,
  ErrorBody,
  LoginRequest,
  LoginResponse,
  MeResponse,
  MessageResponse,
  RefreshRequest,
} from '@k8s-chat/contract';
import type { AppServices } from '../services.js';
import { ApiError } from '../http/errors.js';
import { caller } from '../http/auth-hooks.js';
import { readCookie, serializeCookie } from '../http/cookies.js';
import { dummyHash, verifyPassword } from '../auth/passwords.js';
import { RefreshReuseError } from '../auth/tokens.js';
import { toUser, type UserRow } from '../auth/users.js';

export const REFRESH_COOKIE = 'kubechat_refresh';
const COOKIE_PATH = '/api/v1/auth';
const errors = { 400: ErrorBody, 401: ErrorBody, 429: ErrorBody };

export function authRoutes(app: FastifyInstance, s: AppServices): void {
  const { config, users, tokens, audit } = s;
  const userAgent = (r: FastifyRequest) => String(r.headers['user-agent'] ?? '');

  const setRefreshCookie = (reply: FastifyReply, token: string) =>
    reply.header(
      'set-cookie',
      serializeCookie(REFRESH_COOKIE, token, {
        path: COOKIE_PATH,
        maxAgeSeconds: config.refreshTokenTtlSeconds,
        secure: config.secureCookies,
      }),
    );
  const clearRefreshCookie = (reply: FastifyReply) =>
    reply.header(
      'set-cookie',
      serializeCookie(REFRESH_COOKIE, '', {
        path: COOKIE_PATH,
        maxAgeSeconds: 0,
        secure: config.secureCookies,
      }),
    );

  const grant = async (user: UserRow, familyId: string, authTime: Date, message: string) => {
    const access = await tokens.issueAccess(user, familyId, authTime);
    return {
      message,
      data: {
        user: toUser(user),
        token: access.token,
        expires_at: access.expiresAt.toISOString(),
        expires_in: access.expiresIn,
      },
    };
  };

  app.post<{ Body: LoginRequest }>(
    '/api/v1/auth/login',
    {
      schema: { body: LoginRequest, tags: ['auth'], summary: 'Sign in with a username and password' },
      config: { public: true, responses: { 200: LoginResponse, ...errors } },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      // A slower bucket per address and name blunts password guessing.
      s.loginLimiter.check(`${request.ip}:${username.toLowerCase()}`);
      const user = users.byUsername(username);
      const ok = await verifyPassword(password, user?.password_hash ?? (await dummyHash()));
      if (!user || !ok) {
        audit.write({
          actorUsername: username,
          action: 'auth.login',
          outcome: 'failure',
          requestId: request.id,
          ip: request.ip,
        });
        throw ApiError.unauthorized(
          'INVALID_CREDENTIALS',
          'Invalid username or password. Check both and try again.',
        );
      }
      const { familyId, refreshToken } = tokens.startFamily(user.id, userAgent(request), request.ip);
      setRefreshCookie(reply, refreshToken);
      audit.write({
        actorId: user.id,
        actorUsername: user.username,
        action: 'auth.login',
        outcome: 'success',
        targetType: 'device',
        targetId: familyId,
        requestId: request.id,
        ip: request.ip,
      });
      return grant(user, familyId, new Date(), 'Login successful');
    },
  );

  app.post<{ Body: RefreshRequest | undefined }>(
    '/api/v1/auth/refresh',
    {
      schema: { body: Type.Optional(RefreshRequest), tags: ['auth'], summary: 'Get a new access token' },
      config: { public: true, responses: { 200: LoginResponse, ...errors } },
    },
    async (request, reply) => {
      const cookie = readCookie(request.headers.cookie, REFRESH_COOKIE);
      if (cookie) {
        try {
          const rotated = tokens.rotate(cookie, userAgent(request), request.ip);
          const user = users.byId(rotated.userId);
          if (!user)
            throw ApiError.unauthorized('INVALID_REFRESH_TOKEN', 'Your session ended. Sign in again.');
          setRefreshCookie(reply, rotated.refreshToken);
          audit.write({
            actorId: user.id,
            actorUsername: user.username,
            action: 'auth.refresh',
            outcome: 'success',
            targetType: 'device',
            targetId: rotated.familyId,
            requestId: request.id,
            ip: request.ip,
          });
          return grant(user, rotated.familyId, rotated.authTime, 'Session refreshed successfully');
        } catch (error) {
          clearRefreshCookie(reply);
          if (error instanceof RefreshReuseError) {
            s.securityNotice(error.userId, error.familyId, request);
            throw ApiError.unauthorized(
              'REFRESH_TOKEN_REUSED',
              'This sign-in was used from somewhere else, so it was ended for your safety. Sign in again.',
            );
          }
          throw error;
        }
      }
      const bodyToken = request.body?.token;
      if (!bodyToken)
        throw ApiError.unauthorized('REFRESH_TOKEN_MISSING', 'Your session ended. Sign in again.');
      // Upstream compatibility: a still-valid access token buys a fresh one in the same family.
      const claims = await tokens.verifyAccess(bodyToken);
      const user = users.byId(claims.userId);
      if (!user) throw ApiError.unauthorized('INVALID_TOKEN', 'Invalid or expired token. Sign in again.');
      return grant(user, claims.familyId, claims.authTime, 'Session refreshed successfully');
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      schema: { tags: ['auth'], summary: 'Sign out this device' },
      config: { responses: { 200: MessageResponse, 401: ErrorBody } },
    },
    async (request, reply) => {
      const me = caller(request);
      tokens.revokeFamily(me.familyId, 'logout');
      clearRefreshCookie(reply);
      audit.write({
        actorId: me.userId,
        actorUsername: me.username,
        action: 'auth.logout',
        outcome: 'success',
        targetType: 'device',
        targetId: me.familyId,
        requestId: request.id,
        ip: request.ip,
      });
      return { message: 'Logout successful' };
    },
  );

  const me = async (request: FastifyRequest) => {
    const user = users.byId(caller(request).userId);
    if (!user) throw ApiError.unauthorized('INVALID_TOKEN', 'Your account no longer exists.');
    return { data: toUser(user) };
  };
  app.get(
    '/api/v1/auth/me',
    {
      schema: { tags: ['auth'], summary: 'The signed-in user' },
      config: { responses: { 200: MeResponse, 401: ErrorBody } },
    },
    me,
  );
  app.get(
    '/api/v1/auth/profile',
    {
      schema: { tags: ['auth'], summary: 'The signed-in user (upstream name)' },
      config: { responses: { 200: MeResponse, 401: ErrorBody } },
    },
    me,
  );

  app.get(
    '/api/v1/auth/devices',
    {
      schema: { tags: ['auth'], summary: 'Where you are signed in' },
      config: { responses: { 200: Type.Object({ data: Type.Array(Device) }), 401: ErrorBody } },
    },
    async (request) => {
      const me = caller(request);
      return {
        data: tokens.devices(me.userId).map((f) => ({
          id: f.id,
          user_agent: f.user_agent,
          ip: f.ip,
          created_at: f.created_at,
          last_used_at: f.last_used_at,
          current: f.id === me.familyId,
        })),
      };
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/v1/auth/devices/:id',
    {
      schema: {
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        tags: ['auth'],
        summary: 'Sign out a device',
      },
      config: { responses: { 200: MessageResponse, 401: ErrorBody, 404: ErrorBody } },
    },
    async (request) => {
      const me = caller(request);
      const family = tokens.family(request.params.id);
      if (!family || family.user_id !== me.userId || family.revoked_at)
        throw ApiError.notFound('That device');
      tokens.revokeFamily(family.id, 'signed out from another device');
      audit.write({
        actorId: me.userId,
        actorUsername: me.username,
        action: 'auth.device.revoke',
        outcome: 'success',
        targetType: 'device',
        targetId: family.id,
        requestId: request.id,
        ip: request.ip,
      });
      return { message: 'Device signed out' };
    },
  );
}
