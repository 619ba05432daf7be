import { request } from './http.ts'
import { queryString, segment } from './query.ts'
import type { AdminDocument, AdminUser, Page, PasswordResetLink } from './types.ts'

/** Options for the admin lists: a search (users only), the page cursor and size. */
export interface AdminListOptions {
  q?: string
  cursor?: string | null
  limit?: number
  signal?: AbortSignal
}

/** Every account, searched by name, email, organization or country, one page at a time. */
export function listUsers(options: AdminListOptions = {}): Promise<Page<AdminUser>> {
  const search = queryString({ q: options.q?.trim(), cursor: options.cursor, limit: options.limit })
  return request(`/api/admin/users${search}`, { signal: options.signal })
}

/** A new account; without a password the answer carries a link for the person to set one. */
export interface NewUserInput {
  email: string
  name: string
  password?: string
  country?: string | null
  organization?: string | null
  isAdmin?: boolean
  canCreateDocuments?: boolean
}

/** The answer to creating or changing an account: the user, and a password link when one was made. */
export interface AdminUserAnswer {
  user: AdminUser
  passwordReset?: PasswordResetLink
}

/** Creates an account. */
export function createUser(input: NewUserInput): Promise<AdminUserAnswer> {
  return request('/api/admin/users', { method: 'POST', body: input })
}

/** What an admin may change about an account; `resetPassword: true` makes a fresh password link. */
export interface UserChanges {
  disabled?: boolean
  isAdmin?: boolean
  canCreateDocuments?: boolean
  resetPassword?: true
}

/** Changes an account; 409 when admins would disable or demote themselves. */
export function updateUser(id: string, changes: UserChanges): Promise<AdminUserAnswer> {
  return request(`/api/admin/users/${segment(id)}`, { method: 'PATCH', body: changes })
}

/** Every document, with its members and owners counted, one page at a time. */
export function listAdminDocuments(options: AdminListOptions = {}): Promise<Page<AdminDocument>> {
  const search = queryString({ cursor: options.cursor, limit: options.limit })
  return request(`/api/admin/documents${search}`, { signal: options.signal })
}
