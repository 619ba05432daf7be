import { ApiError, parseRetryAfter } from './errors.ts'

/** Methods that change state and so must carry the CSRF token. */
const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

let csrfToken: string | null = null
let onUnauthenticated: (() => void) | null = null

/** The CSRF token last handed out by the server, or null before the first GET /api/session. */
export function getCsrfToken(): string | null {
  return csrfToken
}

/** Registers what to do when a request finds the session gone (401 `unauthenticated`), such as show sign-in. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler
}

/** Options for one API call. */
export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Sent as JSON. */
  body?: unknown
  signal?: AbortSignal
  /** Skip the unauthenticated handler: for the session calls, where a 401 is an ordinary answer. */
  expectSignedOut?: boolean
}

/**
 * Calls the API with JSON in and out and the session cookie, adding X-CSRF-Token to state-changing calls.
 * Resolves with the parsed body (undefined for 204); rejects with an ApiError for any other answer.
 * A 403 `csrf_failed` (a token gone stale, say after signing out in another tab) is retried once with a fresh one.
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  try {
    return await send<T>(path, options)
  } catch (error) {
    const method = options.method ?? 'GET'
    if (!(error instanceof ApiError && error.code === 'csrf_failed' && unsafeMethods.has(method))) throw error
    await refreshCsrfToken()
    return send<T>(path, options)
  }
}

/** Asks for a fresh CSRF token; GET /api/session hands one out whether or not the caller is signed in. */
async function refreshCsrfToken(): Promise<void> {
  await send('/api/session', { expectSignedOut: true }).catch((error: unknown) => {
    if (!(error instanceof ApiError && error.status === 401)) throw error
  })
}

async function send<T>(path: string, options: RequestOptions): Promise<T> {
  const method = options.method ?? 'GET'
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (options.body !== undefined) headers['Content-Type'] = 'application/json'
  if (unsafeMethods.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken

  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    })
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error
    throw new ApiError(0, 'network_error', 'The server could not be reached.')
  }

  const body = await readJson(response)
  // Every answer that carries a token (sign-in, GET /api/session, a signed-out 401) replaces the one we hold.
  if (isRecord(body) && typeof body.csrfToken === 'string') csrfToken = body.csrfToken
  if (response.ok) return body as T

  const error = toApiError(response, body)
  if (error.code === 'unauthenticated' && !options.expectSignedOut) onUnauthenticated?.()
  throw error
}

/**
 * The ApiError a failed answer stands for, read from its JSON error body, for calls made without request()
 * (file downloads). A 401 `unauthenticated` also runs the unauthenticated handler, as request() does.
 */
export async function apiErrorOf(response: Response): Promise<ApiError> {
  const error = toApiError(response, await readJson(response))
  if (error.code === 'unauthenticated') onUnauthenticated?.()
  return error
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined
  if (!response.headers.get('Content-Type')?.includes('json')) return undefined
  try {
    return await response.json()
  } catch {
    return undefined
  }
}

function toApiError(response: Response, body: unknown): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : {}
  const details = isRecord(error.details) ? error.details : {}
  // The header is the contract; the server also puts the wait in details.retryAfterSeconds.
  const retryAfter =
    parseRetryAfter(response.headers.get('Retry-After')) ??
    (typeof details.retryAfterSeconds === 'number' ? details.retryAfterSeconds : null)
  return new ApiError(
    response.status,
    typeof error.code === 'string' ? error.code : `http_${response.status}`,
    typeof error.message === 'string' ? error.message : response.statusText,
    details,
    retryAfter,
  )
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
