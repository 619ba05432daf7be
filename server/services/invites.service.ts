import type { CreatedInviteDto, InviteDto, InvitePreviewDto, InviteStatus } from '../../shared/api/members.ts'
import type { UserDto } from '../../shared/api/users.ts'
import { type DocumentRole, roleAtLeast } from '../../shared/roles.ts'
import type { AppContext } from '../context.ts'
import { insertAudit } from '../db/audit.repo.ts'
import {
  findInvite,
  findInviteByTokenHash,
  type InviteRow,
  insertInvite,
  listInvites,
  markInviteUsed,
  revokeInvite as revokeInviteRow,
} from '../db/invites.repo.ts'
import { upsertMemberWidening } from '../db/members.repo.ts'
import type { Queryable } from '../db/queryable.ts'
import { type Transaction, withTransaction } from '../db/transaction.ts'
import { findUserByEmail, insertUser } from '../db/users.repo.ts'
import { BadRequestError, ConflictError, ForbiddenError, GoneError, NotFoundError } from '../errors.ts'
import { isUuid, type Membership } from '../policies/access.ts'
import { hashPassword } from './passwords.ts'
import { hashToken, looksLikeToken, newToken } from './tokens.ts'
import { toUserDto } from './users.service.ts'

function statusOf(row: InviteRow, now = Date.now()): InviteStatus {
  if (row.revoked_at) return 'revoked'
  if (row.used_at) return 'used'
  return row.expires_at.getTime() <= now ? 'expired' : 'pending'
}

function toInviteDto(row: InviteRow): InviteDto {
  const person = (id: string | null, name: string | null) => (id && name ? { id, name } : null)
  return {
    id: row.id,
    role: row.role,
    email: row.email,
    status: statusOf(row),
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    usedAt: row.used_at?.toISOString() ?? null,
    createdBy: person(row.created_by, row.created_by_name),
    usedBy: person(row.used_by, row.used_by_name),
  }
}

/** The address of an invite page. */
export function inviteUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/invite/${token}`
}

/**
 * Creates a single-use invitation for a role no wider than the inviter's own. The token is shown once, in
 * this answer; the database keeps its hash. With an email, the link is also mailed after the commit.
 */
export async function createInvite(
  ctx: AppContext,
  actor: UserDto,
  member: Membership,
  input: { role: DocumentRole; email?: string | undefined; expiresInDays: number },
): Promise<CreatedInviteDto> {
  if (!roleAtLeast(member.role, input.role)) {
    throw new ForbiddenError(`You cannot invite with a role wider than your own (${member.role}).`)
  }
  const { token, hash } = newToken()
  const expiresAt = new Date(Date.now() + input.expiresInDays * 24 * 60 * 60 * 1000)
  const url = inviteUrl(ctx.config.publicUrl, token)
  const row = await withTransaction(ctx.db.pool, ctx.log, async (tx) => {
    const id = await insertInvite(tx, {
      documentId: member.document_id,
      tokenHash: hash,
      role: input.role,
      email: input.email ?? null,
      createdBy: actor.id,
      expiresAt,
    })
    await insertAudit(tx, {
      documentId: member.document_id,
      actorId: actor.id,
      action: 'invite.created',
      details: { inviteId: id, role: input.role, email: input.email ?? null },
    })
    if (input.email) {
      const to = input.email
      tx.afterCommit(() =>
        ctx.mailer.send({
          to,
          subject: `You are invited to review "${member.title}"`,
          body: [
            `${actor.name} invites you to take part in the consultation on "${member.title}" as ${input.role}.`,
            '',
            `Open this link to join (it works once, until ${expiresAt.toUTCString()}):`,
            url,
          ].join('\n'),
        }),
      )
    }
    return (await findInvite(tx, member.document_id, id))!
  })
  return { ...toInviteDto(row), url, token }
}

/** The document's invitations, newest first. */
export async function invitesOf(db: Queryable, member: Membership): Promise<InviteDto[]> {
  return (await listInvites(db, member.document_id)).map(toInviteDto)
}

/** Revokes a pending invitation, audited; 404 when it is not one of this document's, 409 when already used. */
export async function revokeInvite(
  ctx: AppContext,
  actor: UserDto,
  member: Membership,
  inviteId: string,
): Promise<void> {
  await withTransaction(ctx.db.pool, ctx.log, async (tx) => {
    const row = isUuid(inviteId) ? await findInvite(tx, member.document_id, inviteId) : undefined
    if (!row || row.revoked_at) throw new NotFoundError('No such invitation.')
    if (!(await revokeInviteRow(tx, row.id))) throw new ConflictError('This invitation was used already.')
    await insertAudit(tx, {
      documentId: member.document_id,
      actorId: actor.id,
      action: 'invite.revoked',
      details: { inviteId: row.id, role: row.role },
    })
  })
}

/** Finds a usable invite by its token: 404 unknown or revoked, 410 used or expired. */
async function usableInvite(db: Queryable, token: string, lock = false): Promise<InviteRow> {
  const row = looksLikeToken(token) ? await findInviteByTokenHash(db, hashToken(token), lock) : undefined
  if (!row || row.revoked_at) throw new NotFoundError('This invitation link is not valid.')
  if (row.used_at)
    throw new GoneError(
      'invite_used',
      'This invitation link has been used already. Ask the editor for a new one.',
    )
  if (row.expires_at.getTime() <= Date.now()) {
    throw new GoneError('invite_expired', 'This invitation link has expired. Ask the editor for a new one.')
  }
  return row
}

/** What the invite page shows: the document's title, the role, who invited. */
export async function previewInvite(db: Queryable, token: string): Promise<InvitePreviewDto> {
  const row = await usableInvite(db, token)
  return {
    documentId: row.document_id,
    documentTitle: row.document_title,
    role: row.role,
    email: row.email,
    expiresAt: row.expires_at.toISOString(),
    invitedBy: row.created_by_name,
  }
}

/** The account a signed-out invitee creates. */
export interface NewInvitee {
  name: string
  email?: string | undefined
  password: string
  country: string
  organization?: string | null | undefined
}

async function consume(
  tx: Transaction,
  row: InviteRow,
  user: UserDto,
  account: 'new' | 'existing',
): Promise<DocumentRole> {
  if (!(await markInviteUsed(tx, row.id, user.id))) {
    throw new GoneError(
      'invite_used',
      'This invitation link has been used already. Ask the editor for a new one.',
    )
  }
  const role = await upsertMemberWidening(tx, row.document_id, user.id, row.role)
  await insertAudit(tx, {
    documentId: row.document_id,
    actorId: user.id,
    action: 'invite.accepted',
    targetUserId: user.id,
    details: { inviteId: row.id, role, account },
  })
  return role
}

/**
 * Accepts an invitation. Signed in: the invite's role is added to the account (a wider role it already has
 * is kept). Signed out: an account is created from `input` (409 when the email has one: sign in first).
 * Either way the invite is used up, atomically: two people racing for one link get one success and one 410.
 */
export async function acceptInvite(
  ctx: AppContext,
  token: string,
  signedIn: UserDto | undefined,
  input: NewInvitee | undefined,
): Promise<{ user: UserDto; documentId: string; role: DocumentRole }> {
  const passwordHash = !signedIn && input ? await hashPassword(input.password) : null
  return withTransaction(ctx.db.pool, ctx.log, async (tx) => {
    const row = await usableInvite(tx, token, true)
    if (signedIn) {
      return {
        user: signedIn,
        documentId: row.document_id,
        role: await consume(tx, row, signedIn, 'existing'),
      }
    }
    if (!input || !passwordHash) throw new Error('acceptInvite: account fields are required when signed out')
    const email = input.email ?? row.email
    if (!email) {
      throw new BadRequestError('Enter your email address.', {
        fields: { email: 'Enter your email address' },
      })
    }
    if (row.email && email.toLowerCase() !== row.email.toLowerCase()) {
      throw new ForbiddenError('This invitation is for another email address.')
    }
    if (await findUserByEmail(tx, email)) {
      throw new ConflictError(
        'An account with this email exists. Sign in first, then open the invitation link again.',
        {
          fields: { email: 'taken' },
        },
      )
    }
    const created = await insertUser(tx, {
      email,
      name: input.name,
      passwordHash,
      country: input.country,
      organization: input.organization || null,
      isAdmin: false,
    })
    if (!created)
      throw new ConflictError('An account with this email exists.', { fields: { email: 'taken' } })
    const user = toUserDto(created)
    return { user, documentId: row.document_id, role: await consume(tx, row, user, 'new') }
  })
}
