import { request } from './http.ts'
import { segment } from './query.ts'

/** Asks for a link to set a new password; the server answers alike whether or not the account exists. */
export function requestPasswordReset(email: string): Promise<void> {
  return request('/api/password-resets', { method: 'POST', body: { email }, expectSignedOut: true })
}

/** Whether a reset link still works, and until when; 404 unknown, 410 used or expired. */
export function checkPasswordReset(token: string, signal?: AbortSignal): Promise<{ expiresAt: string }> {
  return request(`/api/password-resets/${segment(token)}`, { signal, expectSignedOut: true })
}

/** Sets the new password through a reset link; every session of that account ends. */
export function completePasswordReset(token: string, password: string): Promise<void> {
  return request(`/api/password-resets/${segment(token)}`, {
    method: 'POST',
    body: { password },
    expectSignedOut: true,
  })
}
