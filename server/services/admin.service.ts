import type { AdminDocumentDto, Page } from '../../shared/api/documents.ts'
import type { AdminUserDto, PasswordResetLinkDto, UserDto } from '../../shared/api/users.ts'
import type { AppContext } from '../context.ts'
import { insertAudit } from '../db/audit.repo.ts'
import { listAllDocuments } from '../db/documents.repo.ts'
import type { Queryable } from '../db/queryable.ts'
import { deleteSessionsOfUser } from '../db/sessions.repo.ts'
import { withTransaction } from '../db/transaction.ts'
import {
  type AccountFlags,
  type AdminUserRow,
  findUserById,
  insertUser,
  searchUsers,
  type UserRow,
  updateAccountFlags,
} from '../db/users.repo.ts'
import { ConflictError, NotFoundError } from '../errors.ts'
import { isUuid } from '../policies/access.ts'
import { cursorChecks, decodeCursor, encodeCursor } from './cursor.ts'
import { issuePasswordReset } from './password-resets.service.ts'
import { hashPassword } from './passwords.ts'
import { toUserDto } from './users.service.ts'

function toAdminUserDto(row: UserRow, documentCount: number): AdminUserDto {
  return {
    ...toUserDto(row),
    disabled: row.disabled_at !== null,
    createdAt: row.created_at.toISOString(),
    documentCount,
  }
}

/** An admin's answer about one user, with a reset link when one was asked for. */
export interface AdminUserResult {
  user: AdminUserDto
  passwordReset?: PasswordResetLinkDto
}

/** Users matching `q`, by name. */
export async function listUsers(
  db: Queryable,
  options: { q: string; limit: number; cursor?: string | undefined },
): Promise<Page<AdminUserDto>> {
  const after = options.cursor
    ? decodeCursor(options.cursor, { name: cursorChecks.text, id: cursorChecks.uuid })
    : undefined
  const rows: AdminUserRow[] = await searchUsers(db, options.q.trim(), options.limit + 1, after)
  const page = rows.slice(0, options.limit)
  const last = page.at(-1)
  return {
    items: page.map((row) => toAdminUserDto(row, row.document_count)),
    nextCursor: rows.length > options.limit && last ? encodeCursor({ name: last.name, id: last.id }) : null,
  }
}

/** Creates an account; without a password, answers a link for the user to set one. Audited. */
export async function createUserAsAdmin(
  ctx: AppContext,
  actor: UserDto,
  input: {
    email: string
    name: string
    password?: string | undefined
    country?: string | null | undefined
    organization?: string | null | undefined
    isAdmin: boolean
    canCreateDocuments: boolean
  },
): Promise<AdminUserResult> {
  const passwordHash = input.password ? await hashPassword(input.password) : null
  return withTransaction(ctx.db.pool, ctx.log, async (tx) => {
    const row = await insertUser(tx, {
      email: input.email,
      name: input.name,
      passwordHash,
      country: input.country ?? null,
      organization: input.organization || null,
      isAdmin: input.isAdmin,
      canCreateDocuments: input.canCreateDocuments,
    })
    if (!row)
      throw new ConflictError('An account with this email already exists.', { fields: { email: 'taken' } })
    await insertAudit(tx, {
      documentId: null,
      actorId: actor.id,
      action: 'admin.user_created',
      targetUserId: row.id,
      details: { isAdmin: input.isAdmin, canCreateDocuments: input.canCreateDocuments },
    })
    const passwordReset = passwordHash
      ? undefined
      : await issuePasswordReset(tx, ctx.config.publicUrl, row.id)
    return { user: toAdminUserDto(row, 0), ...(passwordReset ? { passwordReset } : {}) }
  })
}

/**
 * Disables or enables an account (disabling ends its sessions at once), grants or removes admin and the
 * right to create documents, or issues a password-reset link. Admins cannot disable or demote themselves,
 * so an instance never locks itself out by accident. Audited.
 */
export async function updateUserAsAdmin(
  ctx: AppContext,
  actor: UserDto,
  userId: string,
  input: AccountFlags & { resetPassword?: true | undefined },
): Promise<AdminUserResult> {
  if (userId === actor.id && (input.disabled === true || input.isAdmin === false)) {
    throw new ConflictError('You cannot disable your own account or remove your own admin rights.')
  }
  return withTransaction(ctx.db.pool, ctx.log, async (tx) => {
    const before = isUuid(userId) ? await findUserById(tx, userId) : undefined
    if (!before) throw new NotFoundError('No such user.')
    const row = (await updateAccountFlags(tx, userId, input))!
    if (input.disabled) {
      await deleteSessionsOfUser(tx, userId)
      tx.afterCommit(() => ctx.events.emit('user.sessions_ended', { userId }))
    }
    const changed: Record<string, unknown> = {}
    if (input.disabled !== undefined && input.disabled !== (before.disabled_at !== null))
      changed.disabled = input.disabled
    if (input.isAdmin !== undefined && input.isAdmin !== before.is_admin) changed.isAdmin = input.isAdmin
    if (input.canCreateDocuments !== undefined && input.canCreateDocuments !== before.can_create_documents) {
      changed.canCreateDocuments = input.canCreateDocuments
    }
    if (Object.keys(changed).length > 0) {
      await insertAudit(tx, {
        documentId: null,
        actorId: actor.id,
        action: 'admin.user_updated',
        targetUserId: userId,
        details: changed,
      })
    }
    let passwordReset: PasswordResetLinkDto | undefined
    if (input.resetPassword) {
      passwordReset = await issuePasswordReset(tx, ctx.config.publicUrl, userId)
      await insertAudit(tx, {
        documentId: null,
        actorId: actor.id,
        action: 'admin.password_reset_link',
        targetUserId: userId,
      })
    }
    const { rows } = await tx.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM document_members WHERE user_id = $1',
      [userId],
    )
    return { user: toAdminUserDto(row, rows[0]?.n ?? 0), ...(passwordReset ? { passwordReset } : {}) }
  })
}

/** Every document, for the admin overview. */
export async function listDocumentsForAdmin(
  db: Queryable,
  options: { limit: number; cursor?: string | undefined },
): Promise<Page<AdminDocumentDto>> {
  const after = options.cursor
    ? decodeCursor(options.cursor, { updatedAt: cursorChecks.timestamp, id: cursorChecks.uuid })
    : undefined
  const rows = await listAllDocuments(db, options.limit + 1, after)
  const page = rows.slice(0, options.limit)
  const last = page.at(-1)
  return {
    items: page.map((row) => ({
      id: row.id,
      title: row.title,
      phase: row.phase,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      memberCount: row.member_count,
      owners: row.owners,
    })),
    nextCursor:
      rows.length > options.limit && last ? encodeCursor({ updatedAt: last.cursor_at, id: last.id }) : null,
  }
}
