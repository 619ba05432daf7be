import type { UserDto } from '../../shared/api/users.ts'
import { type Capability, can } from '../../shared/roles.ts'
import { findMembership, type MembershipRow } from '../db/members.repo.ts'
import type { Queryable } from '../db/queryable.ts'
import { ForbiddenError, NotFoundError } from '../errors.ts'

/** What a request learned from the access question: who acts, on which document, with which role. */
export type Membership = MembershipRow

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** True when `value` is shaped like a UUID (anything else can name no row). */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value)
}

/**
 * The one access question: may `user` do `capability` on `documentId`? Answers the membership when so;
 * 404 when the document is absent or the user is not a member (the caller learns nothing), 403 when the
 * user is a member whose role lacks the capability. `alreadyRead`: the membership as read with the request's
 * session (server/http/session-accounts.ts), which spares the query.
 */
export async function requireCapability(
  db: Queryable,
  user: UserDto,
  documentId: string,
  capability: Capability,
  alreadyRead?: Membership | null,
): Promise<Membership> {
  const membership = !isUuid(documentId)
    ? undefined
    : alreadyRead !== undefined
      ? (alreadyRead ?? undefined)
      : await findMembership(db, user.id, documentId)
  if (!membership) throw new NotFoundError('No such document.')
  if (!can(membership.role, capability)) {
    throw new ForbiddenError(`Your role (${membership.role}) does not allow this.`)
  }
  return membership
}
