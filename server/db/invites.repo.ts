import type { DocumentRole } from '../../shared/roles.ts'
import type { Queryable } from './queryable.ts'

/** An invite with the names around it. */
export interface InviteRow {
  id: string
  document_id: string
  document_title: string
  role: DocumentRole
  email: string | null
  created_at: Date
  expires_at: Date
  used_at: Date | null
  revoked_at: Date | null
  created_by: string | null
  created_by_name: string | null
  used_by: string | null
  used_by_name: string | null
}

const select = `SELECT i.id, i.document_id, d.title AS document_title, i.role, i.email, i.created_at, i.expires_at,
       i.used_at, i.revoked_at, i.created_by, creator.name AS created_by_name, i.used_by, user_.name AS used_by_name
  FROM invites i
  JOIN documents d ON d.id = i.document_id
  LEFT JOIN users creator ON creator.id = i.created_by
  LEFT JOIN users user_ ON user_.id = i.used_by`

/** Stores a new invite (its token's hash only); answers the id. */
export async function insertInvite(
  db: Queryable,
  invite: {
    documentId: string
    tokenHash: string
    role: DocumentRole
    email: string | null
    createdBy: string
    expiresAt: Date
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO invites (document_id, token_hash, role, email, created_by, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [invite.documentId, invite.tokenHash, invite.role, invite.email, invite.createdBy, invite.expiresAt],
  )
  return rows[0]!.id
}

/** One invite by id within a document. */
export async function findInvite(
  db: Queryable,
  documentId: string,
  id: string,
): Promise<InviteRow | undefined> {
  const { rows } = await db.query<InviteRow>(`${select} WHERE i.document_id = $1 AND i.id = $2`, [
    documentId,
    id,
  ])
  return rows[0]
}

/** One invite by its token's hash, locked for the rest of the transaction when `lock` is set. */
export async function findInviteByTokenHash(
  db: Queryable,
  tokenHash: string,
  lock = false,
): Promise<InviteRow | undefined> {
  const { rows } = await db.query<InviteRow>(
    `${select} WHERE i.token_hash = $1${lock ? ' FOR UPDATE OF i' : ''}`,
    [tokenHash],
  )
  return rows[0]
}

/** A document's invites, newest first. */
export async function listInvites(db: Queryable, documentId: string): Promise<InviteRow[]> {
  const { rows } = await db.query<InviteRow>(
    `${select} WHERE i.document_id = $1 ORDER BY i.created_at DESC`,
    [documentId],
  )
  return rows
}

/** Marks an invite used by `userId`, only if it is still unused; answers whether this call used it. */
export async function markInviteUsed(db: Queryable, id: string, userId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE invites SET used_at = now(), used_by = $2 WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL',
    [id, userId],
  )
  return rowCount === 1
}

/** Revokes an unused invite; answers whether it did. */
export async function revokeInvite(db: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE invites SET revoked_at = now() WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL',
    [id],
  )
  return rowCount === 1
}
