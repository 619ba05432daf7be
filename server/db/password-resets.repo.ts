import type { Queryable } from './queryable.ts'

/** A password-reset link's row. */
export interface PasswordResetRow {
  id: string
  user_id: string
  expires_at: Date
  used_at: Date | null
}

/** Stores a reset link's hash for `userId`. */
export async function insertPasswordReset(
  db: Queryable,
  userId: string,
  tokenHash: string,
  expiresAt: Date,
): Promise<void> {
  await db.query('INSERT INTO password_resets (user_id, token_hash, expires_at) VALUES ($1, $2, $3)', [
    userId,
    tokenHash,
    expiresAt,
  ])
}

/** A reset link by its token's hash, locked when `lock` is set. */
export async function findPasswordReset(
  db: Queryable,
  tokenHash: string,
  lock = false,
): Promise<PasswordResetRow | undefined> {
  const { rows } = await db.query<PasswordResetRow>(
    `SELECT id, user_id, expires_at, used_at FROM password_resets WHERE token_hash = $1${lock ? ' FOR UPDATE' : ''}`,
    [tokenHash],
  )
  return rows[0]
}

/** Uses up every open reset link of a user (the one just used, and any older ones). */
export async function usePasswordResets(db: Queryable, userId: string): Promise<void> {
  await db.query('UPDATE password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL', [
    userId,
  ])
}
