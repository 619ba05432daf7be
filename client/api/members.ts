import { request } from './http.ts'
import { queryString, segment } from './query.ts'
import type { AuditEntry, CreatedInvite, Invite, Member, Page, Role } from './types.ts'

const base = (documentId: string) => `/api/documents/${segment(documentId)}`

/** Every member of a document, with email and role (manage_members). */
export function listMembers(documentId: string, signal?: AbortSignal): Promise<Page<Member>> {
  return request(`${base(documentId)}/members`, { signal })
}

/** Gives a member another role; 409 `conflict` when it would leave the document without an owner. */
export function setMemberRole(documentId: string, userId: string, role: Role): Promise<Member> {
  return request(`${base(documentId)}/members/${segment(userId)}`, { method: 'PUT', body: { role } })
}

/** Removes a member from a document; 409 `conflict` for its last owner. */
export function removeMember(documentId: string, userId: string): Promise<void> {
  return request(`${base(documentId)}/members/${segment(userId)}`, { method: 'DELETE' })
}

/** What a new invitation grants: a role, optionally one person's email (the link is mailed), a lifetime. */
export interface InviteInput {
  role: Role
  email?: string
  expiresInDays?: number
}

/** Creates an invitation; the answer is the only time its URL is shown. */
export function createInvite(documentId: string, input: InviteInput): Promise<CreatedInvite> {
  return request(`${base(documentId)}/invites`, { method: 'POST', body: input })
}

/** A document's invitations, newest first, with what became of each. */
export function listInvites(documentId: string, signal?: AbortSignal): Promise<Page<Invite>> {
  return request(`${base(documentId)}/invites`, { signal })
}

/** Revokes an invitation: its link stops working at once. */
export function revokeInvite(documentId: string, inviteId: string): Promise<void> {
  return request(`${base(documentId)}/invites/${segment(inviteId)}`, { method: 'DELETE' })
}

/** A page of a document's audit log, newest first. */
export function listAudit(
  documentId: string,
  options: { cursor?: string | null; limit?: number; signal?: AbortSignal } = {},
): Promise<Page<AuditEntry>> {
  const search = queryString({ cursor: options.cursor, limit: options.limit })
  return request(`${base(documentId)}/audit${search}`, { signal: options.signal })
}
