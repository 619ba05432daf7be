/** An answer other than 2xx, or no answer at all (status 0, code `network_error`). */
export class ApiError extends Error {
  override readonly name = 'ApiError'

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    /** Seconds to wait before trying again, from the Retry-After header of a 429. */
    readonly retryAfter: number | null = null,
  ) {
    super(message)
  }
}

/** Whether `error` is an ApiError with the given code (and status, when given). */
export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code)
}

/**
 * The request fields an `invalid_request` answer names. The contract only says that `details` names each
 * bad field, so this accepts `{fields: {email: ...}}`, `{email: ...}` and `{issues: [{path: ['email']}]}`.
 */
export function invalidFields(error: ApiError): string[] {
  const { details } = error
  const issues = details.issues
  if (Array.isArray(issues)) {
    return issues.flatMap((issue) => {
      const path = (issue as { path?: unknown })?.path
      const first = Array.isArray(path) ? path[0] : path
      return typeof first === 'string' ? [first] : []
    })
  }
  const fields = details.fields
  if (Array.isArray(fields)) return fields.filter((field): field is string => typeof field === 'string')
  if (fields && typeof fields === 'object') return Object.keys(fields)
  return Object.keys(details)
}

/** Reads Retry-After (delay in seconds, or an HTTP date) as whole seconds from now; null when absent. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null
  const trimmed = header.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed)
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000))
}

/** The server's message for each bad field of an `invalid_request` (`details.fields`), by field name. */
export function fieldMessages(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || error.code !== 'invalid_request') return {}
  const fields = error.details.fields
  const messages: Record<string, string> = {}
  if (fields && typeof fields === 'object' && !Array.isArray(fields)) {
    for (const [name, message] of Object.entries(fields)) messages[name] = String(message)
  } else {
    for (const name of invalidFields(error)) messages[name] = ''
  }
  return messages
}
