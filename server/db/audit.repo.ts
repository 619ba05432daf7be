import type { Queryable } from './queryable.ts'

/** One audit entry to record. */
export interface AuditEntry {
  documentId: string | null
  actorId: string | null
  action: string
  targetUserId?: string | null
  details?: Record<string, unknown>
}

/** An audit row with the names of the people involved. */
export interface AuditRow {
  id: string
  action: string
  actor_id: string | null
  actor_name: string | null
  target_user_id: string | null
  target_name: string | null
  details: Record<string, unknown>
  created_at: Date
}

/** Appends an audit entry (inside the caller's transaction, so it commits or rolls back with the change). */
export async function insertAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (document_id, actor_id, action, target_user_id, details) VALUES ($1, $2, $3, $4, $5)`,
    [
      entry.documentId,
      entry.actorId,
      entry.action,
      entry.targetUserId ?? null,
      JSON.stringify(entry.details ?? {}),
    ],
  )
}

/** A document's audit entries, newest first, before the cursor id. */
export async function listAudit(
  db: Queryable,
  documentId: string,
  limit: number,
  beforeId?: string,
): Promise<AuditRow[]> {
  const { rows } = await db.query<AuditRow>(
    `SELECT a.id::text AS id, a.action, a.actor_id, actor.name AS actor_name, a.target_user_id,
            target.name AS target_name, a.details, a.created_at
       FROM audit_log a
       LEFT JOIN users actor ON actor.id = a.actor_id
       LEFT JOIN users target ON target.id = a.target_user_id
      WHERE a.document_id = $1 AND ($2::bigint IS NULL OR a.id < $2::bigint)
      ORDER BY a.id DESC
      LIMIT $3`,
    [documentId, beforeId ?? null, limit],
  )
  return rows
}
