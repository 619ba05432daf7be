import type { StoredAnchor } from '../../shared/anchors/index.ts'
import type { Resolution, ThreadStatus, ThreadType } from '../../shared/api/threads.ts'
import type { Queryable } from './queryable.ts'

/** A thread row with its author's and resolver's names. */
export interface ThreadRow {
  id: string
  document_id: string
  author_id: string | null
  author_name: string | null
  author_country: string | null
  author_organization: string | null
  type: ThreadType
  status: ThreadStatus
  resolution: Resolution | null
  resolution_note: string | null
  proposed_text: string | null
  assignee_id: string | null
  anchor_kind: 'text' | 'document'
  anchor_start: string | null
  anchor_end: string | null
  quote: string
  prefix: string
  suffix: string
  section: string[]
  reanchored_at: Date | null
  created_at: Date
  updated_at: Date
  resolved_at: Date | null
  resolved_by: string | null
  resolved_by_name: string | null
}

/** A thread row's anchor as stored, in the form `resolveAnchor` takes. */
export function storedAnchorOf(
  row: Pick<ThreadRow, 'anchor_kind' | 'anchor_start' | 'anchor_end' | 'quote' | 'prefix' | 'suffix'>,
): StoredAnchor {
  return {
    kind: row.anchor_kind,
    start: row.anchor_start,
    end: row.anchor_end,
    quote: row.quote,
    prefix: row.prefix,
    suffix: row.suffix,
  }
}

const threadSelect = `SELECT t.id, t.document_id, t.author_id, a.name AS author_name, a.country AS author_country,
       a.organization AS author_organization, t.type, t.status, t.resolution, t.resolution_note, t.proposed_text,
       t.assignee_id, t.anchor_kind, t.anchor_start, t.anchor_end, t.quote, t.prefix, t.suffix, t.section,
       t.reanchored_at, t.created_at, t.updated_at, t.resolved_at, t.resolved_by, r.name AS resolved_by_name
  FROM threads t
  LEFT JOIN users a ON a.id = t.author_id
  LEFT JOIN users r ON r.id = t.resolved_by`

/** What a new thread stores. */
export interface NewThreadRow {
  documentId: string
  authorId: string
  type: ThreadType
  proposedText: string | null
  anchorKind: 'text' | 'document'
  anchorStart: string | null
  anchorEnd: string | null
  quote: string
  prefix: string
  suffix: string
  section: string[]
}

/** Inserts a thread; answers its id. */
export async function insertThread(db: Queryable, t: NewThreadRow): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO threads (document_id, author_id, type, proposed_text, anchor_kind, anchor_start, anchor_end, quote, prefix, suffix, section)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      t.documentId,
      t.authorId,
      t.type,
      t.proposedText,
      t.anchorKind,
      t.anchorStart,
      t.anchorEnd,
      t.quote,
      t.prefix,
      t.suffix,
      t.section,
    ],
  )
  return rows[0]!.id
}

/** The filters of the thread list; each is optional. */
export interface ThreadFilters {
  status?: ThreadStatus | undefined
  type?: ThreadType | undefined
  /** The author's country. */
  country?: string | undefined
  /** A heading anywhere in the thread's section path. */
  section?: string | undefined
  author?: string | undefined
  assignee?: string | undefined
  /** Free text: in the quote, the proposal or any comment. */
  q?: string | undefined
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/** A document's threads matching the filters, oldest first, after the cursor (created_at, id). */
export async function listThreadRows(
  db: Queryable,
  documentId: string,
  filters: ThreadFilters,
  limit: number,
  after?: { createdAt: string; id: string },
): Promise<ThreadRow[]> {
  const { rows } = await db.query<ThreadRow>(
    `${threadSelect}
      WHERE t.document_id = $1
        AND ($2::text IS NULL OR t.status = $2)
        AND ($3::text IS NULL OR t.type = $3)
        AND ($4::text IS NULL OR a.country = $4)
        AND ($5::text IS NULL OR $5 = ANY (t.section))
        AND ($6::uuid IS NULL OR t.author_id = $6)
        AND ($7::uuid IS NULL OR t.assignee_id = $7)
        AND ($8::text IS NULL OR t.quote ILIKE $8 OR t.proposed_text ILIKE $8
             OR EXISTS (SELECT 1 FROM comments c WHERE c.thread_id = t.id AND c.deleted_at IS NULL AND c.body ILIKE $8))
        AND ($9::timestamptz IS NULL OR (t.created_at, t.id) > ($9::timestamptz, $10::uuid))
      ORDER BY t.created_at, t.id
      LIMIT $11`,
    [
      documentId,
      filters.status ?? null,
      filters.type ?? null,
      filters.country ?? null,
      filters.section ?? null,
      filters.author ?? null,
      filters.assignee ?? null,
      filters.q ? likePattern(filters.q) : null,
      after?.createdAt ?? null,
      after?.id ?? null,
      limit,
    ],
  )
  return rows
}

/** One thread, or undefined. */
export async function findThreadRow(db: Queryable, threadId: string): Promise<ThreadRow | undefined> {
  const { rows } = await db.query<ThreadRow>(`${threadSelect} WHERE t.id = $1`, [threadId])
  return rows[0]
}

/** The document a thread belongs to. */
export async function documentOfThread(db: Queryable, threadId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ document_id: string }>('SELECT document_id FROM threads WHERE id = $1', [
    threadId,
  ])
  return rows[0]?.document_id
}

/** Points a thread at new text it caused (an applied proposal), without marking it re-anchored. */
export async function moveThreadAnchor(
  db: Queryable,
  threadId: string,
  start: string,
  end: string,
): Promise<void> {
  await db.query('UPDATE threads SET anchor_start = $2, anchor_end = $3 WHERE id = $1', [
    threadId,
    start,
    end,
  ])
}

/** Stores new relative positions for a thread found again after its text moved. */
export async function updateThreadAnchor(
  db: Queryable,
  threadId: string,
  start: string,
  end: string,
): Promise<void> {
  await db.query(
    'UPDATE threads SET anchor_start = $2, anchor_end = $3, reanchored_at = now() WHERE id = $1',
    [threadId, start, end],
  )
}

/** Thread fields that may change; undefined leaves one as it is. */
export interface ThreadChanges {
  type?: ThreadType | undefined
  assigneeId?: string | null | undefined
  proposedText?: string | null | undefined
}

/** Applies changes to a thread and bumps `updated_at`. */
export async function updateThreadRow(
  db: Queryable,
  threadId: string,
  changes: ThreadChanges,
): Promise<void> {
  await db.query(
    `UPDATE threads SET
        type = coalesce($2, type),
        assignee_id = CASE WHEN $3::boolean THEN $4::uuid ELSE assignee_id END,
        proposed_text = CASE WHEN $5::boolean THEN $6 ELSE proposed_text END,
        updated_at = now()
      WHERE id = $1`,
    [
      threadId,
      changes.type ?? null,
      changes.assigneeId !== undefined,
      changes.assigneeId ?? null,
      changes.proposedText !== undefined,
      changes.proposedText ?? null,
    ],
  )
}

/** Bumps a thread's `updated_at` (a comment was added, edited or deleted). */
export async function touchThread(db: Queryable, threadId: string): Promise<void> {
  await db.query('UPDATE threads SET updated_at = now() WHERE id = $1', [threadId])
}

/** Resolves an open thread with a decision; answers false when it was not open (already resolved). */
export async function resolveThreadRow(
  db: Queryable,
  threadId: string,
  decision: { resolution: Resolution; note: string | null; userId: string },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE threads SET status = 'resolved', resolution = $2, resolution_note = $3, resolved_by = $4,
            resolved_at = now(), updated_at = now()
      WHERE id = $1 AND status = 'open'`,
    [threadId, decision.resolution, decision.note, decision.userId],
  )
  return rowCount === 1
}

/** Reopens a resolved thread (its last decision is cleared); answers false when it was not resolved. */
export async function reopenThreadRow(db: Queryable, threadId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE threads SET status = 'open', resolution = NULL, resolution_note = NULL, resolved_by = NULL,
            resolved_at = NULL, updated_at = now()
      WHERE id = $1 AND status = 'resolved'`,
    [threadId],
  )
  return rowCount === 1
}

/** Open and resolved counts (by decision) of a document's threads, overall and per top-level section. */
export async function progressRows(
  db: Queryable,
  documentId: string,
): Promise<
  Array<{ section: string | null; status: ThreadStatus; resolution: Resolution | null; n: number }>
> {
  const { rows } = await db.query<{
    section: string | null
    status: ThreadStatus
    resolution: Resolution | null
    n: number
  }>(
    `SELECT section[1] AS section, status, resolution, count(*)::int AS n
       FROM threads WHERE document_id = $1
      GROUP BY section[1], status, resolution`,
    [documentId],
  )
  return rows
}

/** Open and resolved thread counts for several documents. */
export async function threadCountsOf(
  db: Queryable,
  documentIds: string[],
): Promise<Map<string, { open: number; resolved: number }>> {
  const counts = new Map<string, { open: number; resolved: number }>()
  if (documentIds.length === 0) return counts
  const { rows } = await db.query<{ document_id: string; open: number; resolved: number }>(
    `SELECT document_id, count(*) FILTER (WHERE status = 'open')::int AS open,
            count(*) FILTER (WHERE status = 'resolved')::int AS resolved
       FROM threads WHERE document_id = ANY ($1::uuid[]) GROUP BY document_id`,
    [documentIds],
  )
  for (const row of rows) counts.set(row.document_id, { open: row.open, resolved: row.resolved })
  return counts
}

/** Whether a user was mentioned in a thread (a commenter may answer such questions after the deadline). */
export async function wasMentioned(db: Queryable, threadId: string, userId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `SELECT 1 FROM notifications WHERE thread_id = $1 AND user_id = $2 AND kind = 'mention' LIMIT 1`,
    [threadId, userId],
  )
  return (rowCount ?? 0) > 0
}
