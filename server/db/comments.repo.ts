import type { Queryable } from './queryable.ts'

/** A comment row with its author. */
export interface CommentRow {
  id: string
  thread_id: string
  author_id: string | null
  author_name: string | null
  author_country: string | null
  author_organization: string | null
  body: string
  created_at: Date
  edited_at: Date | null
  deleted_at: Date | null
}

const commentSelect = `SELECT c.id, c.thread_id, c.author_id, u.name AS author_name, u.country AS author_country,
       u.organization AS author_organization, c.body, c.created_at, c.edited_at, c.deleted_at
  FROM comments c LEFT JOIN users u ON u.id = c.author_id`

/** Adds a comment to a thread; answers its id. */
export async function insertComment(
  db: Queryable,
  threadId: string,
  authorId: string,
  body: string,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO comments (thread_id, author_id, body) VALUES ($1, $2, $3) RETURNING id',
    [threadId, authorId, body],
  )
  return rows[0]!.id
}

/** The comments of several threads, oldest first. */
export async function commentsOfThreads(db: Queryable, threadIds: string[]): Promise<CommentRow[]> {
  if (threadIds.length === 0) return []
  const { rows } = await db.query<CommentRow>(
    `${commentSelect} WHERE c.thread_id = ANY ($1::uuid[]) ORDER BY c.created_at, c.id`,
    [threadIds],
  )
  return rows
}

/** One comment with the document it belongs to, locked for the transaction when `lock` is set. */
export async function findComment(
  db: Queryable,
  commentId: string,
  lock = false,
): Promise<(CommentRow & { document_id: string }) | undefined> {
  const { rows } = await db.query<CommentRow & { document_id: string }>(
    `SELECT c.id, c.thread_id, c.author_id, u.name AS author_name, u.country AS author_country,
            u.organization AS author_organization, c.body, c.created_at, c.edited_at, c.deleted_at, t.document_id
       FROM comments c JOIN threads t ON t.id = c.thread_id LEFT JOIN users u ON u.id = c.author_id
      WHERE c.id = $1${lock ? ' FOR UPDATE OF c' : ''}`,
    [commentId],
  )
  return rows[0]
}

/** The document a comment belongs to. */
export async function documentOfComment(db: Queryable, commentId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ document_id: string }>(
    'SELECT t.document_id FROM comments c JOIN threads t ON t.id = c.thread_id WHERE c.id = $1',
    [commentId],
  )
  return rows[0]?.document_id
}

/** Replaces a comment's body, keeping the old one in its history. */
export async function reviseComment(
  db: Queryable,
  commentId: string,
  oldBody: string,
  newBody: string,
): Promise<void> {
  await db.query('INSERT INTO comment_revisions (comment_id, body) VALUES ($1, $2)', [commentId, oldBody])
  await db.query('UPDATE comments SET body = $2, edited_at = now() WHERE id = $1', [commentId, newBody])
}

/** Deletes a comment, leaving a tombstone in its place; its body goes to the history, not away. */
export async function tombstoneComment(db: Queryable, commentId: string, body: string): Promise<void> {
  await db.query('INSERT INTO comment_revisions (comment_id, body) VALUES ($1, $2)', [commentId, body])
  await db.query("UPDATE comments SET body = '', deleted_at = now() WHERE id = $1", [commentId])
}

/** Records that a member supports a thread (once). */
export async function addSupport(db: Queryable, threadId: string, userId: string): Promise<void> {
  await db.query('INSERT INTO thread_supports (thread_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
    threadId,
    userId,
  ])
}

/** Withdraws a member's support. */
export async function removeSupport(db: Queryable, threadId: string, userId: string): Promise<void> {
  await db.query('DELETE FROM thread_supports WHERE thread_id = $1 AND user_id = $2', [threadId, userId])
}

/** The supporters of several threads. */
export async function supportersOfThreads(
  db: Queryable,
  threadIds: string[],
): Promise<
  Array<{ thread_id: string; id: string; name: string; country: string | null; organization: string | null }>
> {
  if (threadIds.length === 0) return []
  const { rows } = await db.query<{
    thread_id: string
    id: string
    name: string
    country: string | null
    organization: string | null
  }>(
    `SELECT s.thread_id, u.id, u.name, u.country, u.organization
       FROM thread_supports s JOIN users u ON u.id = s.user_id
      WHERE s.thread_id = ANY ($1::uuid[]) ORDER BY s.created_at`,
    [threadIds],
  )
  return rows
}
