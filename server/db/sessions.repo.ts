import type session from 'express-session'
import type { Queryable } from './queryable.ts'
import { type UserRow, userColumnsOf } from './users.repo.ts'

/** Deletes every stored session of a user, so they are signed out everywhere at once. Answers how many. */
export async function deleteSessionsOfUser(db: Queryable, userId: string): Promise<number> {
  const { rowCount } = await db.query(`DELETE FROM session WHERE sess -> 'passport' ->> 'user' = $1`, [
    userId,
  ])
  return rowCount ?? 0
}

/**
 * A live session (its expiry not passed, to the second, as connect-pg-simple asks) with the account it is
 * signed in as, in one query; undefined when there is no such session.
 */
export async function findSessionWithAccount(
  db: Queryable,
  sid: string,
): Promise<{ sess: session.SessionData; account: UserRow | undefined } | undefined> {
  const { rows } = await db.query<{ sess: session.SessionData } & Partial<UserRow>>(
    `SELECT s.sess, ${userColumnsOf('u')}
       FROM session s
       LEFT JOIN users u
         ON u.id = CASE WHEN s.sess #>> '{passport,user}' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                        THEN (s.sess #>> '{passport,user}')::uuid END
      WHERE s.sid = $1 AND s.expire >= to_timestamp($2)`,
    [sid, Math.ceil(Date.now() / 1000)],
  )
  const row = rows[0]
  if (!row) return undefined
  const { sess, ...account } = row
  return { sess, account: account.id ? (account as UserRow) : undefined }
}
