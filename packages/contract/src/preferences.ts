import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, StringEnum } from './common.js';
import { THEME_PREFERENCES } from './enums.js';

/**
 * What a person chose, stored per user on the server so every element on every device applies it.
 * Fields a person never set come back with their defaults.
 */
export const Preferences = Type.Object({
  theme: StringEnum(THEME_PREFERENCES),
  default_namespace: Nullable(Type.String({ maxLength: 63 })),
  compact: Type.Boolean(),
  sound: Type.Boolean({ description: 'Play short sounds when a command completes or fails.' }),
  updated_at: Nullable(DateTime),
});
export type Preferences = Static<typeof Preferences>;

/** A partial update: only the fields sent change. */
export const PreferencesUpdate = Type.Object(
  {
    theme: Type.Optional(StringEnum(THEME_PREFERENCES)),
    default_namespace: Type.Optional(
      Nullable(Type.String({ maxLength: 63, pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' })),
    ),
    compact: Type.Optional(Type.Boolean()),
    sound: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type PreferencesUpdate = Static<typeof PreferencesUpdate>;

export const PreferencesResponse = Type.Object({ data: Preferences });
export type PreferencesResponse = Static<typeof PreferencesResponse>;
