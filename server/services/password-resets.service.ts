import type { PasswordResetLinkDto } from '../../shared/api/users.ts'
import type { AppContext } from '../context.ts'
import { findPasswordReset, insertPasswordReset, usePasswordResets } from '../db/password-resets.repo.ts'
import type { Queryable } from '../db/queryable.ts'
import { deleteSessionsOfUser } from '../db/sessions.repo.ts'
import { withTransaction } from '../db/transaction.ts'
import { findUserByEmail, findUserById, updatePasswordHash } from '../db/users.repo.ts'
import { GoneError, NotFoundError } from '../errors.ts'
import { hashPassword } from './passwords.ts'
import { hashToken, looksLikeToken, newToken } from './tokens.ts'

/** How long a reset link works. */
const resetLifetimeMs = 60 * 60 * 1000

/** Makes a single-use reset link for a user (an admin's "password reset link", or a mailed one). */
export async function issuePasswordReset(
  db: Queryable,
  publicUrl: string,
  userId: string,
): Promise<PasswordResetLinkDto> {
  const { token, hash } = newToken()
  const expiresAt = new Date(Date.now() + resetLifetimeMs)
  await insertPasswordReset(db, userId, hash, expiresAt)
  return { url: `${publicUrl}/reset/${token}`, expiresAt: expiresAt.toISOString() }
}

/**
 * "Forgot my password": mails a reset link when an active account has this email, and does the same work
 * (a token is made either way) and answers the same when none does, so the answer reveals nothing.
 */
export async function requestPasswordReset(ctx: AppContext, email: string): Promise<void> {
  const user = await findUserByEmail(ctx.db.pool, email)
  if (!user || user.disabled_at) {
    newToken()
    ctx.log.info('password_reset.unknown_email')
    return
  }
  const link = await issuePasswordReset(ctx.db.pool, ctx.config.publicUrl, user.id)
  await ctx.mailer.send({
    to: user.email,
    subject: 'Set a new Marginalia password',
    body: [
      `Someone (we hope you) asked to set a new password for ${user.email}.`,
      '',
      `Open this link within an hour to choose one (it works once):`,
      link.url,
      '',
      'If it was not you, ignore this mail: your password stays as it is.',
    ].join('\n'),
  })
}

async function usableReset(db: Queryable, token: string, lock = false) {
  const row = looksLikeToken(token) ? await findPasswordReset(db, hashToken(token), lock) : undefined
  if (!row) throw new NotFoundError('This password link is not valid.')
  if (row.used_at)
    throw new GoneError('invite_used', 'This password link has been used already. Ask for a new one.')
  if (row.expires_at.getTime() <= Date.now()) {
    throw new GoneError('invite_expired', 'This password link has expired. Ask for a new one.')
  }
  return row
}

/** Whether a reset link still works, and until when. */
export async function checkPasswordReset(db: Queryable, token: string): Promise<{ expiresAt: string }> {
  const row = await usableReset(db, token)
  return { expiresAt: row.expires_at.toISOString() }
}

/** Sets the new password, uses up the link (and older ones), and ends every session of the account. */
export async function completePasswordReset(ctx: AppContext, token: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password)
  await withTransaction(ctx.db.pool, ctx.log, async (tx) => {
    const row = await usableReset(tx, token, true)
    const user = await findUserById(tx, row.user_id)
    if (!user || user.disabled_at) throw new NotFoundError('This password link is not valid.')
    await updatePasswordHash(tx, user.id, passwordHash)
    await usePasswordResets(tx, user.id)
    await deleteSessionsOfUser(tx, user.id)
    tx.afterCommit(() => ctx.events.emit('user.sessions_ended', { userId: user.id }))
  })
}
