import type { Page } from '../../shared/api/documents.ts'
import type { AuditEntryDto } from '../../shared/api/members.ts'
import { listAudit } from '../db/audit.repo.ts'
import type { Queryable } from '../db/queryable.ts'
import type { Membership } from '../policies/access.ts'
import { cursorChecks, decodeCursor, encodeCursor } from './cursor.ts'

/** A document's audit log, newest first. */
export async function auditOf(
  db: Queryable,
  member: Membership,
  options: { limit: number; cursor?: string | undefined },
): Promise<Page<AuditEntryDto>> {
  const before = options.cursor ? decodeCursor(options.cursor, { id: cursorChecks.integer }).id : undefined
  const rows = await listAudit(db, member.document_id, options.limit + 1, before)
  const page = rows.slice(0, options.limit)
  const last = page.at(-1)
  const person = (id: string | null, name: string | null) => (id && name ? { id, name } : null)
  return {
    items: page.map((row) => ({
      id: row.id,
      action: row.action,
      actor: person(row.actor_id, row.actor_name),
      target: person(row.target_user_id, row.target_name),
      details: row.details,
      createdAt: row.created_at.toISOString(),
    })),
    nextCursor: rows.length > options.limit && last ? encodeCursor({ id: last.id }) : null,
  }
}
