import type { DocumentPhase } from '../../shared/api/documents.ts'
import type { DocumentRole } from '../../shared/roles.ts'
import type { Queryable } from './queryable.ts'

/** A membership with the document facts access checks need. */
export interface MembershipRow {
  document_id: string
  user_id: string
  role: DocumentRole
  title: string
  phase: DocumentPhase
  comment_deadline: Date | null
  /**
   * The document's thread-list version (migration 0015: changes at the commit of anything a thread list
   * shows), read with the membership so a cached list answer costs no extra round trip. Absent on rows built
   * by hand.
   */
  thread_list_version?: string
}

/** One member with their account, for the members page. */
export interface MemberRow {
  user_id: string
  name: string
  email: string
  country: string | null
  organization: string | null
  role: DocumentRole
  created_at: Date
}

/**
 * The columns of a `MembershipRow`, from `document_members m`, `documents d` and `thread_list_versions v`
 * (also read together with the session: server/db/sessions.repo.ts).
 */
export const membershipColumns = `m.document_id, m.user_id, m.role, d.title, d.phase, d.comment_deadline,
       coalesce(v.version, 0)::text AS thread_list_version`

/** `userId`'s membership of `documentId`, or undefined. */
export async function findMembership(
  db: Queryable,
  userId: string,
  documentId: string,
): Promise<MembershipRow | undefined> {
  const { rows } = await db.query<MembershipRow>(
    `SELECT ${membershipColumns}
       FROM document_members m JOIN documents d ON d.id = m.document_id
       LEFT JOIN thread_list_versions v ON v.document_id = m.document_id
      WHERE m.user_id = $1 AND m.document_id = $2`,
    [userId, documentId],
  )
  return rows[0]
}

/** Every member of a document, widest role first, then by name. */
export async function listMembers(db: Queryable, documentId: string): Promise<MemberRow[]> {
  const { rows } = await db.query<MemberRow>(
    `SELECT u.id AS user_id, u.name, u.email, u.country, u.organization, m.role, m.created_at
       FROM document_members m JOIN users u ON u.id = m.user_id
      WHERE m.document_id = $1
      ORDER BY array_position(ARRAY['owner','editor','author','commenter','viewer'], m.role), lower(u.name)`,
    [documentId],
  )
  return rows
}

/** One member, or undefined. */
export async function findMember(
  db: Queryable,
  documentId: string,
  userId: string,
): Promise<MemberRow | undefined> {
  const { rows } = await db.query<MemberRow>(
    `SELECT u.id AS user_id, u.name, u.email, u.country, u.organization, m.role, m.created_at
       FROM document_members m JOIN users u ON u.id = m.user_id
      WHERE m.document_id = $1 AND m.user_id = $2`,
    [documentId, userId],
  )
  return rows[0]
}

/**
 * Locks the document's owner rows until the transaction ends and answers their user ids, so that two
 * concurrent demotions cannot both see "another owner remains".
 */
export async function lockOwners(db: Queryable, documentId: string): Promise<string[]> {
  const { rows } = await db.query<{ user_id: string }>(
    `SELECT user_id FROM document_members WHERE document_id = $1 AND role = 'owner' ORDER BY user_id FOR UPDATE`,
    [documentId],
  )
  return rows.map((row) => row.user_id)
}

/** Sets a member's role. */
export async function updateMemberRole(
  db: Queryable,
  documentId: string,
  userId: string,
  role: DocumentRole,
): Promise<void> {
  await db.query('UPDATE document_members SET role = $3 WHERE document_id = $1 AND user_id = $2', [
    documentId,
    userId,
    role,
  ])
}

/** Adds a member, or widens an existing member's role to `role` (never narrows it). Answers the resulting role. */
export async function upsertMemberWidening(
  db: Queryable,
  documentId: string,
  userId: string,
  role: DocumentRole,
): Promise<DocumentRole> {
  const order = `ARRAY['viewer','commenter','author','editor','owner']`
  const { rows } = await db.query<{ role: DocumentRole }>(
    `INSERT INTO document_members (document_id, user_id, role) VALUES ($1, $2, $3)
     ON CONFLICT (document_id, user_id) DO UPDATE
       SET role = CASE WHEN array_position(${order}, EXCLUDED.role) > array_position(${order}, document_members.role)
                       THEN EXCLUDED.role ELSE document_members.role END
     RETURNING role`,
    [documentId, userId, role],
  )
  return rows[0]!.role
}

/** Removes a member. */
export async function deleteMember(db: Queryable, documentId: string, userId: string): Promise<void> {
  await db.query('DELETE FROM document_members WHERE document_id = $1 AND user_id = $2', [documentId, userId])
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
