import { Type, type Static, type TSchema } from '@sinclair/typebox';

/** RFC 3339 date-time string. */
export const DateTime = Type.String({ format: 'date-time' });
/** Server-generated identifiers (UUIDs). */
export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9-]+$' });

/** A string enum as plain JSON Schema `enum`, typed as the union of its values. */
export const StringEnum = <T extends readonly string[]>(values: T, options: { description?: string } = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** Every error, in every group: `{error, code, details?}`; chat errors also carry `success: false`. */
export const ErrorBody = Type.Object(
  {
    error: Type.String({ description: 'What went wrong and what to do next, for people.' }),
    code: Type.String({ pattern: '^[A-Z][A-Z0-9_]*$' }),
    details: Type.Optional(Type.Unknown()),
    success: Type.Optional(Type.Literal(false)),
    request_id: Type.Optional(Type.String({ description: 'The id the server logged this request under.' })),
    retry_after: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { $id: 'Error' },
);
export type ErrorBody = Static<typeof ErrorBody>;

/** One field-level problem in a 400 response's `details`. */
export const FieldError = Type.Object({ field: Type.String(), message: Type.String() });
export type FieldError = Static<typeof FieldError>;

export const Pagination = Type.Object({
  total: Type.Integer({ minimum: 0 }),
  limit: Type.Integer({ minimum: 0 }),
  offset: Type.Integer({ minimum: 0 }),
  count: Type.Integer({ minimum: 0 }),
});
export type Pagination = Static<typeof Pagination>;
