/** Every error code the API answers with; the HTTP status for each is fixed by API.md. */
export const errorCodes = [
  'invalid_request',
  'invalid_credentials',
  'unauthenticated',
  'forbidden',
  'csrf_failed',
  'phase_closed',
  'not_found',
  'conflict',
  'invite_used',
  'invite_expired',
  'too_large',
  'unsupported_media_type',
  'anchor_not_found',
  'rate_limited',
  'internal_error',
  'unavailable',
] as const

/** One of the API's error codes. */
export type ErrorCode = (typeof errorCodes)[number]

/** The body of every error answer: `{"error": {"code", "message", "details"}}`. */
export interface ErrorBody {
  error: {
    code: ErrorCode
    message: string
    details?: Record<string, unknown>
  }
}
