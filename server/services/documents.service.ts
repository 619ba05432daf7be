import type { DocumentDto, DocumentSummaryDto, Page } from '../../shared/api/documents.ts'
import type { UserDto } from '../../shared/api/users.ts'
import { capabilitiesOf } from '../../shared/roles.ts'
import {
  type DocumentCursor,
  findDocumentOfMember,
  listDocumentsOfMember,
  type MemberDocumentRow,
} from '../db/documents.repo.ts'
import type { Queryable } from '../db/queryable.ts'
import { BadRequestError, NotFoundError } from '../errors.ts'

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function toDocumentDto(row: MemberDocumentRow): DocumentDto {
  return {
    id: row.id,
    title: row.title,
    role: row.role,
    capabilities: capabilitiesOf(row.role),
    phase: row.phase,
    commentDeadline: row.comment_deadline?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }
}

function encodeCursor(row: MemberDocumentRow): string {
  const cursor: DocumentCursor = { updatedAt: row.cursor_at, id: row.id }
  return Buffer.from(JSON.stringify(cursor)).toString('base64url')
}

function decodeCursor(value: string): DocumentCursor {
  try {
    const cursor = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<DocumentCursor>
    if (
      typeof cursor.id === 'string' &&
      uuidPattern.test(cursor.id) &&
      !Number.isNaN(Date.parse(String(cursor.updatedAt)))
    ) {
      return { id: cursor.id, updatedAt: String(cursor.updatedAt) }
    }
  } catch {
    // fall through to the error below
  }
  throw new BadRequestError('The cursor is not one this server gave out.', { fields: { cursor: 'invalid' } })
}

/** The documents `actor` is a member of, newest first, with their role and thread counts. */
export async function listMyDocuments(
  db: Queryable,
  actor: UserDto,
  options: { limit: number; cursor?: string | undefined },
): Promise<Page<DocumentSummaryDto>> {
  const after = options.cursor ? decodeCursor(options.cursor) : undefined
  const rows = await listDocumentsOfMember(db, actor.id, options.limit + 1, after)
  const page = rows.slice(0, options.limit)
  const last = page.at(-1)
  return {
    // Threads arrive with the comment-threads work; until then every document has none.
    items: page.map((row) => ({ ...toDocumentDto(row), threadCounts: { open: 0, resolved: 0 } })),
    nextCursor: rows.length > options.limit && last ? encodeCursor(last) : null,
  }
}

/** One document as `actor` sees it; 404 when it is absent or `actor` is not a member (the same answer). */
export async function getMyDocument(db: Queryable, actor: UserDto, documentId: string): Promise<DocumentDto> {
  const row = uuidPattern.test(documentId) ? await findDocumentOfMember(db, actor.id, documentId) : undefined
  if (!row) throw new NotFoundError('No such document.')
  return toDocumentDto(row)
}
