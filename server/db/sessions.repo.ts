import type { Queryable } from './queryable.ts'

/** Deletes every stored session of a user, so they are signed out everywhere at once. Answers how many. */
export async function deleteSessionsOfUser(db: Queryable, userId: string): Promise<number> {
  const { rowCount } = await db.query(`DELETE FROM session WHERE sess -> 'passport' ->> 'user' = $1`, [
    userId,
  ])
  return rowCount ?? 0
}
