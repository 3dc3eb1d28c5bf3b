import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Id, StringEnum } from './common.js';
import { ROLES } from './enums.js';

export const RoleSchema = StringEnum(ROLES);

export const User = Type.Object({
  id: Id,
  username: Type.String(),
  email: Type.Optional(Type.String()),
  role: RoleSchema,
});
export type User = Static<typeof User>;

export const LoginRequest = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 128 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type LoginRequest = Static<typeof LoginRequest>;

/** Upstream-style refresh: a still-valid access token in the body. Without it, the refresh cookie is used. */
export const RefreshRequest = Type.Object(
  { token: Type.Optional(Type.String({ minLength: 1, maxLength: 4096 })) },
  { additionalProperties: false },
);
export type RefreshRequest = Static<typeof RefreshRequest>;

export const TokenGrant = Type.Object({
  user: User,
  token: Type.String({ description: 'Short-lived access JWT. Keep it in memory only.' }),
  expires_at: DateTime,
  expires_in: Type.Integer({ description: 'Lifetime in seconds: compute expiry from local receipt time.' }),
});
export type TokenGrant = Static<typeof TokenGrant>;

export const LoginResponse = Type.Object({ message: Type.Optional(Type.String()), data: TokenGrant });
export type LoginResponse = Static<typeof LoginResponse>;

export const MeResponse = Type.Object({ data: User });
export const MessageResponse = Type.Object({ message: Type.String() });

/** A signed-in device: one refresh family. */
export const Device = Type.Object({
  id: Id,
  user_agent: Type.String(),
  ip: Type.String(),
  created_at: DateTime,
  last_used_at: DateTime,
  current: Type.Boolean(),
});
export type Device = Static<typeof Device>;
