import type { ErrorCode } from '../shared/api/errors.ts'

/**
 * The one family of errors that reach a user. Each carries its HTTP status, a stable code and a
 * human sentence; `http/error-handler.ts` is the one place that turns them into answers.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message)
    this.name = new.target.name
  }
}

/** 400: the request is malformed; `details.fields` names each bad field. */
export class BadRequestError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(400, 'invalid_request', message, details)
  }
}

/** 401: sign-in is needed (or the credentials given were wrong, with code `invalid_credentials`). */
export class UnauthenticatedError extends AppError {
  constructor(
    message = 'Sign in to continue.',
    code: 'unauthenticated' | 'invalid_credentials' = 'unauthenticated',
  ) {
    super(401, code, message)
  }
}

/** 403: the caller may see the resource but not do this. */
export class ForbiddenError extends AppError {
  constructor(message = 'You are not allowed to do this.', code: 'forbidden' | 'phase_closed' = 'forbidden') {
    super(403, code, message)
  }
}

/** 403: the `X-CSRF-Token` header is missing or does not match the session's token. */
export class CsrfError extends AppError {
  constructor() {
    super(
      403,
      'csrf_failed',
      'The request is missing a valid X-CSRF-Token header. Fetch GET /api/session for one.',
    )
  }
}

/** 404: absent, or not visible to the caller; the answer never says which. */
export class NotFoundError extends AppError {
  constructor(message = 'Not found.') {
    super(404, 'not_found', message)
  }
}

/** 409: the request conflicts with the current state. */
export class ConflictError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(409, 'conflict', message, details)
  }
}

/** 410: a single-use link that was used already, or has expired. */
export class GoneError extends AppError {
  constructor(code: 'invite_used' | 'invite_expired', message: string) {
    super(410, code, message)
  }
}

/** 413: the body is larger than allowed. */
export class TooLargeError extends AppError {
  constructor(message = 'The request body is too large.') {
    super(413, 'too_large', message)
  }
}

/** 415: the body is not in a format this endpoint takes. */
export class UnsupportedMediaTypeError extends AppError {
  constructor(message = 'Send the body as application/json.') {
    super(415, 'unsupported_media_type', message)
  }
}

/** 422: a quote selector (or relative positions) that matches no text, or more than one place. */
export class AnchorNotFoundError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(422, 'anchor_not_found', message, details)
  }
}

/** 429: too many attempts; `Retry-After` says how many seconds to wait. */
export class RateLimitedError extends AppError {
  constructor(retryAfterSeconds: number, message = 'Too many attempts. Try again later.') {
    super(429, 'rate_limited', message, { retryAfterSeconds }, { 'Retry-After': String(retryAfterSeconds) })
  }
}

/** 503: a dependency (the database, Chromium) is not available. */
export class UnavailableError extends AppError {
  constructor(message: string) {
    super(503, 'unavailable', message)
  }
}
