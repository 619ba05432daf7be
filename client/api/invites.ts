import { request } from './http.ts'
import { segment } from './query.ts'
import type { AcceptedInvite, InvitePreview } from './types.ts'

/** What an invitation offers; 404 for an unknown or revoked link, 410 `invite_used` / `invite_expired`. */
export function previewInvite(token: string, signal?: AbortSignal): Promise<InvitePreview> {
  return request(`/api/invites/${segment(token)}`, { signal, expectSignedOut: true })
}

/** The account a signed-out visitor creates when accepting; email may be left out when the invite names one. */
export interface NewAccount {
  name: string
  email?: string
  password: string
  country: string
  organization?: string | null
}

/**
 * Accepts an invitation: signed out, with the new account's fields (which signs the visitor in); signed in,
 * with nothing. The answer's CSRF token replaces the one the HTTP layer holds. 409 when the email has an account.
 */
export function acceptInvite(token: string, account?: NewAccount): Promise<AcceptedInvite> {
  return request(`/api/invites/${segment(token)}/accept`, {
    method: 'POST',
    body: account ?? {},
    expectSignedOut: true,
  })
}
