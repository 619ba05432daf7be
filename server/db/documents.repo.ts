import type { DocumentPhase } from '../../shared/api/documents.ts'
import type { DocumentRole } from '../../shared/roles.ts'
import type { Queryable } from './queryable.ts'

/** A document as one member sees it: the row plus that member's role. */
export interface MemberDocumentRow {
  id: string
  title: string
  phase: DocumentPhase
  comment_deadline: Date | null
  created_at: Date
  updated_at: Date
  role: DocumentRole
  /** `updated_at` to the microsecond, for a cursor that neither skips nor repeats rows. */
  cursor_at: string
}

/** Where a page of "my documents" starts: after this (updated_at, id), newest first. */
export interface DocumentCursor {
  updatedAt: string
  id: string
}

const memberDocumentColumns = `d.id, d.title, d.phase, d.comment_deadline, d.created_at, d.updated_at, m.role,
   to_char(d.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at`

/** The documents `userId` is a member of, most recently updated first, `limit` at a time. */
export async function listDocumentsOfMember(
  db: Queryable,
  userId: string,
  limit: number,
  after?: DocumentCursor,
): Promise<MemberDocumentRow[]> {
  const { rows } = await db.query<MemberDocumentRow>(
    `SELECT ${memberDocumentColumns}
       FROM document_members m
       JOIN documents d ON d.id = m.document_id
      WHERE m.user_id = $1
        AND ($2::timestamptz IS NULL OR (d.updated_at, d.id) < ($2::timestamptz, $3::uuid))
      ORDER BY d.updated_at DESC, d.id DESC
      LIMIT $4`,
    [userId, after?.updatedAt ?? null, after?.id ?? null, limit],
  )
  return rows
}

/** One document with `userId`'s role in it, or undefined when it is absent or they are not a member. */
export async function findDocumentOfMember(
  db: Queryable,
  userId: string,
  documentId: string,
): Promise<MemberDocumentRow | undefined> {
  const { rows } = await db.query<MemberDocumentRow>(
    `SELECT ${memberDocumentColumns}
       FROM document_members m
       JOIN documents d ON d.id = m.document_id
      WHERE m.user_id = $1 AND d.id = $2`,
    [userId, documentId],
  )
  return rows[0]
}

/**
 * Inserts a document (with a given id when the caller needs a stable one). Answers its id, or undefined when a
 * document with that id exists already (and was left as it is).
 */
export async function insertDocument(
  db: Queryable,
  document: { id?: string; title: string; createdBy: string | null },
): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO documents (id, title, created_by) VALUES (coalesce($1::uuid, gen_random_uuid()), $2, $3)
     ON CONFLICT (id) DO NOTHING
     RETURNING id`,
    [document.id ?? null, document.title, document.createdBy],
  )
  return rows[0]?.id
}

/** The fields of a document that can change; undefined leaves one as it is. */
export interface DocumentChanges {
  title?: string | undefined
  phase?: DocumentPhase | undefined
  commentDeadline?: string | null | undefined
}

/** Applies changes and bumps `updated_at`. */
export async function updateDocument(
  db: Queryable,
  documentId: string,
  changes: DocumentChanges,
): Promise<void> {
  await db.query(
    `UPDATE documents SET
        title = coalesce($2, title),
        phase = coalesce($3, phase),
        comment_deadline = CASE WHEN $4::boolean THEN $5::timestamptz ELSE comment_deadline END,
        updated_at = now()
      WHERE id = $1`,
    [
      documentId,
      changes.title ?? null,
      changes.phase ?? null,
      changes.commentDeadline !== undefined,
      changes.commentDeadline ?? null,
    ],
  )
}

/** Deletes a document; members, invites and audit rows go with it. */
export async function deleteDocument(db: Queryable, documentId: string): Promise<void> {
  await db.query('DELETE FROM documents WHERE id = $1', [documentId])
}

/** A document row for the admin overview. */
export interface AdminDocumentRow {
  id: string
  title: string
  phase: DocumentPhase
  created_at: Date
  updated_at: Date
  member_count: number
  owners: Array<{ id: string; name: string }>
  cursor_at: string
}

/** Every document, newest update first, for admins. */
export async function listAllDocuments(
  db: Queryable,
  limit: number,
  after?: DocumentCursor,
): Promise<AdminDocumentRow[]> {
  const { rows } = await db.query<AdminDocumentRow>(
    `SELECT d.id, d.title, d.phase, d.created_at, d.updated_at,
            (SELECT count(*)::int FROM document_members m WHERE m.document_id = d.id) AS member_count,
            coalesce((SELECT json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY u.name)
                        FROM document_members m JOIN users u ON u.id = m.user_id
                       WHERE m.document_id = d.id AND m.role = 'owner'), '[]') AS owners,
            to_char(d.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
       FROM documents d
      WHERE ($1::timestamptz IS NULL OR (d.updated_at, d.id) < ($1::timestamptz, $2::uuid))
      ORDER BY d.updated_at DESC, d.id DESC
      LIMIT $3`,
    [after?.updatedAt ?? null, after?.id ?? null, limit],
  )
  return rows
}
