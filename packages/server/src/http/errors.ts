import type { FieldError } from '@k8s-chat/contract';

/** An error the API answers with `{error, code, details?}` and a status; everything else is a 500. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  static badRequest(code: string, message: string, details?: FieldError[] | unknown) {
    return new ApiError(400, code, message, details);
  }
  static validation(message: string, details: FieldError[]) {
    return new ApiError(400, 'VALIDATION_ERROR', message, details);
  }
  static unauthorized(code = 'UNAUTHORIZED', message = 'Sign in again to continue.') {
    return new ApiError(401, code, message);
  }
  static forbidden(code: string, message: string, details?: unknown) {
    return new ApiError(403, code, message, details);
  }
  static notFound(what: string) {
    return new ApiError(
      404,
      'NOT_FOUND',
      `${what} was not found. It may have been deleted, or you may not have access.`,
    );
  }
  static conflict(code: string, message: string, details?: unknown) {
    return new ApiError(409, code, message, details);
  }
  static rateLimited(retryAfterSeconds: number) {
    return new ApiError(
      429,
      'RATE_LIMIT_EXCEEDED',
      `Too many requests. Wait ${retryAfterSeconds} s and try again.`,
      undefined,
      { 'retry-after': String(retryAfterSeconds) },
    );
  }
}
