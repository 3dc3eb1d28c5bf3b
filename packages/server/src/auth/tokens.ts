import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import type { Role } from '@k8s-chat/contract';
import type { Db } from '../db/database.js';
import { ApiError } from '../http/errors.js';

export interface AccessClaims {
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
  /** The refresh family (signed-in device) this token belongs to; logout revokes it at once. */
  readonly familyId: string;
  /** When the person last typed their password, for step-up checks. */
  readonly authTime: Date;
  readonly expiresAt: Date;
}

export interface IssuedAccessToken {
  readonly token: string;
  readonly expiresAt: Date;
  readonly expiresIn: number;
}

export interface RotatedRefresh {
  readonly familyId: string;
  readonly userId: string;
  readonly authTime: Date;
  readonly refreshToken: string;
}

/** A rotated refresh token came back: someone holds a copy. The whole family is revoked. */
export class RefreshReuseError extends Error {
  constructor(
    readonly familyId: string,
    readonly userId: string,
  ) {
    super('refresh token reuse');
  }
}

const ISSUER = 'kubechat';
/** How long a rotated refresh token may come back as a retry of a lost response. */
const REUSE_GRACE_MS = 10_000;
const hash = (token: string) => createHash('sha256').update(token).digest('base64url');

interface FamilyRow {
  id: string;
  user_id: string;
  user_agent: string;
  ip: string;
  auth_time: string;
  created_at: string;
  last_used_at: string;
  revoked_at: string | null;
}

/** Access JWTs (HS256, short-lived, memory only on the client) and rotating refresh tokens. */
export class TokenService {
  constructor(
    private readonly db: Db,
    private readonly secret: Uint8Array,
    private readonly accessTtlSeconds: number,
    private readonly refreshTtlSeconds: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async issueAccess(
    user: { id: string; username: string; role: Role },
    familyId: string,
    authTime: Date,
  ): Promise<IssuedAccessToken> {
    const nowMs = this.now().getTime();
    const issuedAt = Math.floor(nowMs / 1000);
    // JWT times are whole seconds. Rounding the expiry up keeps the real lifetime at least `expires_in`;
    // rounding down would cut up to a second off it, and a client renewing a short token just before its
    // announced expiry would find it already dead.
    const exp = Math.ceil(nowMs / 1000) + this.accessTtlSeconds;
    const token = await new SignJWT({
      username: user.username,
      role: user.role,
      sid: familyId,
      auth_time: Math.floor(authTime.getTime() / 1000),
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.id)
      .setIssuer(ISSUER)
      .setIssuedAt(issuedAt)
      .setExpirationTime(exp)
      .setJti(randomUUID())
      .sign(this.secret);
    return { token, expiresAt: new Date(exp * 1000), expiresIn: this.accessTtlSeconds };
  }

  /** Verifies signature, expiry and that the device was not signed out; throws a 401 ApiError. */
  async verifyAccess(token: string): Promise<AccessClaims> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.secret, {
        issuer: ISSUER,
        algorithms: ['HS256'],
        currentDate: this.now(),
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) {
        throw ApiError.unauthorized(
          'TOKEN_EXPIRED',
          'Your session token expired. Refresh it or sign in again.',
        );
      }
      throw ApiError.unauthorized('INVALID_TOKEN', 'Invalid or expired token. Sign in again.');
    }
    const familyId = String(payload.sid ?? '');
    const family = this.family(familyId);
    if (!family || family.revoked_at) {
      throw ApiError.unauthorized('SESSION_REVOKED', 'You were signed out on this device. Sign in again.');
    }
    return {
      userId: String(payload.sub),
      username: String(payload.username),
      role: payload.role as Role,
      familyId,
      authTime: new Date(Number(payload.auth_time) * 1000),
      expiresAt: new Date(Number(payload.exp) * 1000),
    };
  }

  /** A new signed-in device, with its first refresh token. */
  startFamily(userId: string, userAgent: string, ip: string): { familyId: string; refreshToken: string } {
    const familyId = randomUUID();
    const at = this.now().toISOString();
    this.db
      .prepare(
        'INSERT INTO refresh_families (id, user_id, user_agent, ip, auth_time, created_at, last_used_at) VALUES (?,?,?,?,?,?,?)',
      )
      .run(familyId, userId, userAgent.slice(0, 512), ip, at, at, at);
    return { familyId, refreshToken: this.#mint(familyId) };
  }

  /** Exchanges a refresh token for a new one in the same family; reuse revokes the family. */
  rotate(refreshToken: string, userAgent: string, ip: string): RotatedRefresh {
    // The revocation must commit, so reuse is reported after the transaction instead of thrown inside it.
    const result = this.db.transaction((): RotatedRefresh | RefreshReuseError => {
      const row = this.db
        .prepare(
          `SELECT t.token_hash, t.expires_at, t.used_at, t.retired_at, f.id AS family_id, f.user_id, f.auth_time, f.revoked_at
             FROM refresh_tokens t JOIN refresh_families f ON f.id = t.family_id WHERE t.token_hash = ?`,
        )
        .get(hash(refreshToken)) as
        | {
            token_hash: string;
            expires_at: string;
            used_at: string | null;
            retired_at: string | null;
            family_id: string;
            user_id: string;
            auth_time: string;
            revoked_at: string | null;
          }
        | undefined;
      if (!row) throw ApiError.unauthorized('INVALID_REFRESH_TOKEN', 'Your session ended. Sign in again.');
      if (row.revoked_at)
        throw ApiError.unauthorized('SESSION_REVOKED', 'You were signed out on this device. Sign in again.');
      const now = this.now();
      if (new Date(row.expires_at) <= now)
        throw ApiError.unauthorized('SESSION_EXPIRED', 'Your session expired. Sign in again.');
      const reused =
        row.retired_at !== null ||
        (row.used_at !== null && !this.#isLostResponseRetry(row.family_id, row.used_at, now));
      if (reused) {
        this.revokeFamily(row.family_id, 'refresh token reuse detected');
        return new RefreshReuseError(row.family_id, row.user_id);
      }
      // Any successor nobody used yet is retired, so only the token minted below works.
      this.db
        .prepare(
          'UPDATE refresh_tokens SET retired_at = ? WHERE family_id = ? AND used_at IS NULL AND retired_at IS NULL AND token_hash != ?',
        )
        .run(now.toISOString(), row.family_id, row.token_hash);
      if (!row.used_at) {
        this.db
          .prepare('UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ?')
          .run(now.toISOString(), row.token_hash);
      }
      this.db
        .prepare('UPDATE refresh_families SET last_used_at = ?, user_agent = ?, ip = ? WHERE id = ?')
        .run(now.toISOString(), userAgent.slice(0, 512), ip, row.family_id);
      return {
        familyId: row.family_id,
        userId: row.user_id,
        authTime: new Date(row.auth_time),
        refreshToken: this.#mint(row.family_id),
      };
    })();
    if (result instanceof RefreshReuseError) throw result;
    return result;
  }

  revokeFamily(familyId: string, reason: string): void {
    this.db
      .prepare(
        'UPDATE refresh_families SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL',
      )
      .run(this.now().toISOString(), reason, familyId);
  }

  family(familyId: string): FamilyRow | undefined {
    return this.db.prepare('SELECT * FROM refresh_families WHERE id = ?').get(familyId) as
      FamilyRow | undefined;
  }

  /** Signed-in devices of a user: live families, most recently used first. */
  devices(userId: string): FamilyRow[] {
    return this.db
      .prepare(
        'SELECT * FROM refresh_families WHERE user_id = ? AND revoked_at IS NULL ORDER BY last_used_at DESC',
      )
      .all(userId) as FamilyRow[];
  }

  /**
   * A refresh whose response was lost on the network comes back with the same cookie a moment later. Within
   * a short grace, and only while its successor was never used, that is a retry rather than theft: answer it
   * with a new token and retire the unused successor. Any later reuse still revokes the family.
   */
  #isLostResponseRetry(familyId: string, usedAt: string, now: Date): boolean {
    if (now.getTime() - new Date(usedAt).getTime() > REUSE_GRACE_MS) return false;
    const successorUsed = this.db
      .prepare(
        'SELECT 1 FROM refresh_tokens WHERE family_id = ? AND created_at >= ? AND used_at IS NOT NULL AND used_at > ? LIMIT 1',
      )
      .get(familyId, usedAt, usedAt);
    return !successorUsed;
  }

  #mint(familyId: string): string {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    this.db
      .prepare('INSERT INTO refresh_tokens (token_hash, family_id, created_at, expires_at) VALUES (?,?,?,?)')
      .run(
        hash(token),
        familyId,
        now.toISOString(),
        new Date(now.getTime() + this.refreshTtlSeconds * 1000).toISOString(),
      );
    return token;
  }
}
