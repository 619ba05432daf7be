import type { Queryable } from './queryable.ts'

/** Records a mail; answers its id. */
export async function insertOutbox(
  db: Queryable,
  mail: { to: string; subject: string; body: string },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO outbox (recipient, subject, body) VALUES ($1, $2, $3) RETURNING id::text',
    [mail.to, mail.subject, mail.body],
  )
  return rows[0]!.id
}

/** Marks a mail as sent, or records why sending failed. */
export async function markOutbox(db: Queryable, id: string, outcome: { error?: string }): Promise<void> {
  await db.query(
    'UPDATE outbox SET sent_at = CASE WHEN $2::text IS NULL THEN now() END, error = $2 WHERE id = $1::bigint',
    [id, outcome.error ?? null],
  )
}
