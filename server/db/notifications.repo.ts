import type { Queryable } from './queryable.ts'

/** A kind of notification. */
export type NotificationKind = 'mention' | 'reply' | 'resolved' | 'assigned'

/** One notification to create. */
export interface NewNotification {
  userId: string
  documentId: string
  threadId: string
  commentId: string | null
  kind: NotificationKind
  actorId: string | null
}

/** A notification with what the inbox shows around it. */
export interface NotificationRow {
  id: string
  kind: NotificationKind
  document_id: string
  document_title: string
  thread_id: string
  comment_id: string | null
  actor_id: string | null
  actor_name: string | null
  actor_country: string | null
  excerpt: string
  created_at: Date
  read_at: Date | null
}

/** Creates notifications in one statement. */
export async function insertNotifications(db: Queryable, items: NewNotification[]): Promise<void> {
  if (items.length === 0) return
  await db.query(
    `INSERT INTO notifications (user_id, document_id, thread_id, comment_id, kind, actor_id)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::uuid[])`,
    [
      items.map((n) => n.userId),
      items.map((n) => n.documentId),
      items.map((n) => n.threadId),
      items.map((n) => n.commentId),
      items.map((n) => n.kind),
      items.map((n) => n.actorId),
    ],
  )
}

/** A user's notifications, newest first, before the cursor. */
export async function listNotifications(
  db: Queryable,
  userId: string,
  options: { unreadOnly: boolean; limit: number; before?: { createdAt: string; id: string } | undefined },
): Promise<NotificationRow[]> {
  const { rows } = await db.query<NotificationRow>(
    `SELECT n.id, n.kind, n.document_id, d.title AS document_title, n.thread_id, n.comment_id, n.actor_id,
            a.name AS actor_name, a.country AS actor_country,
            left(coalesce(c.body, t.quote, ''), 200) AS excerpt, n.created_at, n.read_at
       FROM notifications n
       JOIN documents d ON d.id = n.document_id
       JOIN threads t ON t.id = n.thread_id
       LEFT JOIN comments c ON c.id = n.comment_id AND c.deleted_at IS NULL
       LEFT JOIN users a ON a.id = n.actor_id
       JOIN document_members m ON m.document_id = n.document_id AND m.user_id = n.user_id
      WHERE n.user_id = $1 AND (NOT $2 OR n.read_at IS NULL)
        AND ($3::timestamptz IS NULL OR (n.created_at, n.id) < ($3::timestamptz, $4::uuid))
      ORDER BY n.created_at DESC, n.id DESC
      LIMIT $5`,
    [
      userId,
      options.unreadOnly,
      options.before?.createdAt ?? null,
      options.before?.id ?? null,
      options.limit,
    ],
  )
  return rows
}

/** How many unread notifications a user has (in documents they still belong to). */
export async function countUnread(db: Queryable, userId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM notifications n
       JOIN document_members m ON m.document_id = n.document_id AND m.user_id = n.user_id
      WHERE n.user_id = $1 AND n.read_at IS NULL`,
    [userId],
  )
  return rows[0]?.n ?? 0
}

/** Marks some (or, with no ids, all) of a user's notifications read. */
export async function markRead(db: Queryable, userId: string, ids: string[] | undefined): Promise<void> {
  await db.query(
    'UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY ($2::uuid[]))',
    [userId, ids ?? null],
  )
}

/** A batch of notifications to mail: one line per (user, thread), claimed so no other process mails them. */
export interface MailBatchRow {
  user_id: string
  email: string
  name: string
  document_id: string
  document_title: string
  thread_id: string
  quote: string
  kinds: string[]
  actors: string[]
  count: number
}

/**
 * Claims the unmailed notifications of every (user, thread) that has had no mail for `quietMs`, marking them
 * mailed in the same statement, and answers them grouped: at most one mail per thread per quiet period.
 */
export async function claimMailBatches(db: Queryable, quietMs: number): Promise<MailBatchRow[]> {
  const { rows } = await db.query<MailBatchRow>(
    `WITH due AS (
       SELECT n.id, n.user_id, n.thread_id FROM notifications n
        WHERE n.emailed_at IS NULL AND n.read_at IS NULL
          AND NOT EXISTS (
            SELECT 1 FROM notifications sent
             WHERE sent.user_id = n.user_id AND sent.thread_id = n.thread_id
               AND sent.emailed_at > now() - make_interval(secs => $1::double precision / 1000))
        FOR UPDATE SKIP LOCKED
     ), claimed AS (
       UPDATE notifications n SET emailed_at = now() FROM due WHERE n.id = due.id
       RETURNING n.user_id, n.thread_id, n.document_id, n.kind, n.actor_id
     )
     SELECT c.user_id, u.email, u.name, c.document_id, d.title AS document_title, c.thread_id, t.quote,
            array_agg(DISTINCT c.kind) AS kinds, array_remove(array_agg(DISTINCT a.name), NULL) AS actors,
            count(*)::int AS count
       FROM claimed c
       JOIN users u ON u.id = c.user_id AND u.disabled_at IS NULL
       JOIN documents d ON d.id = c.document_id
       JOIN threads t ON t.id = c.thread_id
       LEFT JOIN users a ON a.id = c.actor_id
      GROUP BY c.user_id, u.email, u.name, c.document_id, d.title, c.thread_id, t.quote`,
    [quietMs],
  )
  return rows
}
