import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import { OptionalKind } from '@sinclair/typebox';
import type { FieldError } from '@k8s-chat/contract';

// Bodies are validated strictly: wrong types are errors, never coerced, and unknown fields are refused
// (schemas say additionalProperties: false). Query strings and path params arrive as text, so they are
// coerced to the declared types.
// ajv-formats is CommonJS; under NodeNext its default export is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    removeAdditional: false,
    useDefaults: true,
    coerceTypes: coerce,
    strict: false,
  });
  addFormats(ajv);
  return ajv;
}

const strict = makeAjv(false);
const coercing = makeAjv(true);

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? strict : coercing;
  const validate = ajv.compile(schema as object);
  // A body schema wrapped in Type.Optional means the request may come without a body at all.
  if (httpPart === 'body' && (schema as Record<symbol, unknown>)[OptionalKind] === 'Optional') {
    const optional = (data: unknown) => data === undefined || data === null || validate(data);
    Object.defineProperty(optional, 'errors', { get: () => validate.errors });
    return optional as ReturnType<FastifySchemaCompiler<unknown>>;
  }
  return validate as ReturnType<FastifySchemaCompiler<unknown>>;
};

/** Turns Ajv errors into `{field, message}` pairs a person can act on. */
export function fieldErrors(errors: readonly ErrorObject[], part: string): FieldError[] {
  return errors.map((error) => {
    const path = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'required') {
      const field = [path, params.missingProperty].filter(Boolean).join('.');
      return { field: field || part, message: `${field} is required` };
    }
    if (error.keyword === 'additionalProperties') {
      const field = [path, params.additionalProperty].filter(Boolean).join('.');
      return { field, message: `${field} is not a known field` };
    }
    const field = path || part;
    return { field, message: `${field} ${error.message ?? 'is invalid'}` };
  });
}

/** Validates a value against a schema outside a route (e.g. WebSocket payloads, tests). */
export function compileStrict(schema: object) {
  return strict.compile(schema);
}
