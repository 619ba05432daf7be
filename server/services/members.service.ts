import type { MemberDto } from '../../shared/api/members.ts'
import type { PersonDto, UserDto } from '../../shared/api/users.ts'
import { type DocumentRole, roleAtLeast } from '../../shared/roles.ts'
import type { AppContext } from '../context.ts'
import { insertAudit } from '../db/audit.repo.ts'
import {
  deleteMember,
  findMember,
  listMembers,
  lockOwners,
  type MemberRow,
  updateMemberRole,
} from '../db/members.repo.ts'
import type { Queryable } from '../db/queryable.ts'
import { withTransaction } from '../db/transaction.ts'
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.ts'
import { isUuid, type Membership } from '../policies/access.ts'

/** Turns a member row into what the API shows. */
export function toMemberDto(row: MemberRow): MemberDto {
  return {
    user: {
      id: row.user_id,
      name: row.name,
      email: row.email,
      country: row.country,
      organization: row.organization,
    },
    role: row.role,
    joinedAt: row.created_at.toISOString(),
  }
}

/** The document's members as any member may see them (no emails): for @mentions and presence. */
export async function peopleOf(
  db: Queryable,
  member: Membership,
): Promise<Array<PersonDto & { role: DocumentRole }>> {
  return (await listMembers(db, member.document_id)).map((row) => ({
    id: row.user_id,
    name: row.name,
    country: row.country,
    organization: row.organization,
    role: row.role,
  }))
}

/** Every member of the document. */
export async function membersOf(db: Queryable, member: Membership): Promise<MemberDto[]> {
  return (await listMembers(db, member.document_id)).map(toMemberDto)
}

/**
 * Nobody hands out a role wider than their own, nor changes a member whose role is wider than their own:
 * an editor manages viewers to editors, and only an owner grants, changes or removes an owner.
 */
function assertMayManage(actor: Membership, target: MemberRow, newRole?: DocumentRole): void {
  if (!roleAtLeast(actor.role, target.role)) {
    throw new ForbiddenError(`Only a member with at least the role ${target.role} may change this member.`)
  }
  if (newRole && !roleAtLeast(actor.role, newRole)) {
    throw new ForbiddenError(`You cannot give a role wider than your own (${actor.role}).`)
  }
}

/** The last owner can neither leave nor be demoted: a document always has someone who may delete it. */
async function assertOwnerRemains(tx: Queryable, documentId: string, leavingOwnerId: string): Promise<void> {
  const owners = await lockOwners(tx, documentId)
  if (owners.length === 1 && owners[0] === leavingOwnerId) {
    throw new ConflictError('A document needs at least one owner: make someone else owner first.')
  }
}

async function findTarget(db: Queryable, documentId: string, userId: string): Promise<MemberRow> {
  const target = isUuid(userId) ? await findMember(db, documentId, userId) : undefined
  if (!target) throw new NotFoundError('No such member.')
  return target
}

/** Changes a member's role, audited. */
export async function setMemberRole(
  ctx: AppContext,
  actor: UserDto,
  member: Membership,
  userId: string,
  role: DocumentRole,
): Promise<MemberDto> {
  const documentId = member.document_id
  return withTransaction(ctx.db.pool, ctx.log, async (tx) => {
    const target = await findTarget(tx, documentId, userId)
    assertMayManage(member, target, role)
    if (target.role === role) return toMemberDto(target)
    if (target.role === 'owner') await assertOwnerRemains(tx, documentId, target.user_id)
    await updateMemberRole(tx, documentId, target.user_id, role)
    await insertAudit(tx, {
      documentId,
      actorId: actor.id,
      action: 'member.role_changed',
      targetUserId: target.user_id,
      details: { from: target.role, to: role },
    })
    tx.afterCommit(() =>
      ctx.events.emit('member.changed', { documentId, userId: target.user_id, removed: false }),
    )
    return toMemberDto({ ...target, role })
  })
}

/** Removes a member, audited. */
export async function removeMember(
  ctx: AppContext,
  actor: UserDto,
  member: Membership,
  userId: string,
): Promise<void> {
  const documentId = member.document_id
  await withTransaction(ctx.db.pool, ctx.log, async (tx) => {
    const target = await findTarget(tx, documentId, userId)
    assertMayManage(member, target)
    if (target.role === 'owner') await assertOwnerRemains(tx, documentId, target.user_id)
    await deleteMember(tx, documentId, target.user_id)
    await insertAudit(tx, {
      documentId,
      actorId: actor.id,
      action: 'member.removed',
      targetUserId: target.user_id,
      details: { role: target.role },
    })
    tx.afterCommit(() =>
      ctx.events.emit('member.changed', { documentId, userId: target.user_id, removed: true }),
    )
  })
}
