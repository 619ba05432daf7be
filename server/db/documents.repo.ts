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

/** Inserts a document (with a given id when the caller needs a stable one); does nothing if the id exists. */
export async function insertDocument(
  db: Queryable,
  document: { id?: string; title: string; createdBy: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO documents (id, title, created_by) VALUES (coalesce($1::uuid, gen_random_uuid()), $2, $3)
     ON CONFLICT (id) DO NOTHING`,
    [document.id ?? null, document.title, document.createdBy],
  )
}

/** Makes `userId` a member with `role`; keeps an existing membership as it is. */
export async function addMemberIfAbsent(
  db: Queryable,
  documentId: string,
  userId: string,
  role: DocumentRole,
): Promise<void> {
  await db.query(
    `INSERT INTO document_members (document_id, user_id, role) VALUES ($1, $2, $3)
     ON CONFLICT (document_id, user_id) DO NOTHING`,
    [documentId, userId, role],
  )
}
