import type { Queryable } from './queryable.ts'

/** Records one failed sign-in under each key (the account's and the address's). */
export async function insertSignInFailures(db: Queryable, keys: string[]): Promise<void> {
  await db.query('INSERT INTO sign_in_failures (key) SELECT unnest($1::text[])', [keys])
}

/** For each key, how many failures happened since `since`, and when the oldest of them was. */
export async function countSignInFailures(
  db: Queryable,
  keys: string[],
  since: Date,
): Promise<Array<{ key: string; count: number; oldest: Date }>> {
  const { rows } = await db.query<{ key: string; count: number; oldest: Date }>(
    `SELECT key, count(*)::int AS count, min(at) AS oldest
       FROM sign_in_failures WHERE key = ANY($1::text[]) AND at > $2
      GROUP BY key`,
    [keys, since],
  )
  return rows
}

/** Forgets an account's failures (after a successful sign-in). */
export async function clearSignInFailures(db: Queryable, key: string): Promise<void> {
  await db.query('DELETE FROM sign_in_failures WHERE key = $1', [key])
}

/** Deletes failures older than `before`, so the table stays small. */
export async function pruneSignInFailures(db: Queryable, before: Date): Promise<void> {
  await db.query('DELETE FROM sign_in_failures WHERE at < $1', [before])
}
