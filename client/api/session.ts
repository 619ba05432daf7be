import { ApiError } from './errors.ts'
import { request } from './http.ts'
import type { User } from './types.ts'

interface SessionAnswer {
  user: User
  csrfToken: string
}

/**
 * Who is signed in, or null when nobody is. Either way the answer carries a CSRF token, which the HTTP
 * layer keeps for the next state-changing call (signing in needs one too).
 */
export async function getSession(signal?: AbortSignal): Promise<User | null> {
  try {
    const answer = await request<SessionAnswer>('/api/session', { expectSignedOut: true, signal })
    return answer.user
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null
    throw error
  }
}

/**
 * Signs in with email and password and resolves with the user. Rejects with ApiError `invalid_credentials`
 * (401), `rate_limited` (429, with `retryAfter`) or `invalid_request` (400, with `details` naming fields).
 */
export async function signIn(email: string, password: string): Promise<User> {
  const answer = await request<SessionAnswer>('/api/session', {
    method: 'POST',
    body: { email, password },
    expectSignedOut: true,
  })
  return answer.user
}

/** Signs out (the server destroys the session), then fetches a fresh anonymous CSRF token for signing in again. */
export async function signOut(): Promise<void> {
  try {
    await request<void>('/api/session', { method: 'DELETE', expectSignedOut: true })
  } catch (error) {
    // A session that already expired is as signed out as we want it to be.
    if (!(error instanceof ApiError && error.status === 401)) throw error
  }
  // Best effort: if this fails, the next state-changing call refreshes the stale token on its 403 `csrf_failed`.
  await getSession().catch(() => null)
}
