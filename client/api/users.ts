import { request } from './http.ts'
import type { User } from './types.ts'

/** The signed-in user, fresh from the server. */
export function getMe(signal?: AbortSignal): Promise<User> {
  return request('/api/users/me', { signal })
}

/** What a user may change about themselves. */
export interface ProfileChanges {
  name?: string
  country?: string | null
  organization?: string | null
  locale?: string
}

/** Changes the signed-in user's name, country, organization or language; resolves with the user. */
export function updateMe(changes: ProfileChanges): Promise<User> {
  return request('/api/users/me', { method: 'PATCH', body: changes })
}
