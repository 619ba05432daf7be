import type { DocumentDto, DocumentSummaryDto, Page } from '../../shared/api/documents.ts'
import type { UserDto } from '../../shared/api/users.ts'
import { phaseTransitionAllowed } from '../../shared/phases.ts'
import { capabilitiesOf } from '../../shared/roles.ts'
import { stateFromMarkdown } from '../collab/document-store.ts'
import type { AppContext } from '../context.ts'
import { insertAudit } from '../db/audit.repo.ts'
import { appendUpdates } from '../db/document-state.repo.ts'
import {
  type DocumentChanges,
  deleteDocument,
  findDocumentOfMember,
  insertDocument,
  listDocumentsOfMember,
  type MemberDocumentRow,
  updateDocument,
} from '../db/documents.repo.ts'
import { addMemberIfAbsent } from '../db/members.repo.ts'
import type { Queryable } from '../db/queryable.ts'
import { threadCountsOf } from '../db/threads.repo.ts'
import { withTransaction } from '../db/transaction.ts'
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../errors.ts'
import type { Membership } from '../policies/access.ts'
import { cursorChecks, decodeCursor, encodeCursor } from './cursor.ts'
import { takeVersion } from './versions.service.ts'

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

/** The documents `actor` is a member of, newest first, with their role and thread counts. */
export async function listMyDocuments(
  db: Queryable,
  actor: UserDto,
  options: { limit: number; cursor?: string | undefined },
): Promise<Page<DocumentSummaryDto>> {
  const after = options.cursor
    ? decodeCursor(options.cursor, { updatedAt: cursorChecks.timestamp, id: cursorChecks.uuid })
    : undefined
  const rows = await listDocumentsOfMember(db, actor.id, options.limit + 1, after)
  const page = rows.slice(0, options.limit)
  const last = page.at(-1)
  const counts = await threadCountsOf(
    db,
    page.map((row) => row.id),
  )
  return {
    items: page.map((row) => ({
      ...toDocumentDto(row),
      threadCounts: counts.get(row.id) ?? { open: 0, resolved: 0 },
    })),
    nextCursor:
      rows.length > options.limit && last ? encodeCursor({ updatedAt: last.cursor_at, id: last.id }) : null,
  }
}

/** One document as a member sees it (the access check has already found the membership). */
export async function getDocument(db: Queryable, member: Membership): Promise<DocumentDto> {
  const row = await findDocumentOfMember(db, member.user_id, member.document_id)
  if (!row) throw new NotFoundError('No such document.')
  return toDocumentDto(row)
}

/** Refuses (403) a user who may not create documents: only admins, and users an admin allowed, may. */
export function assertMayCreateDocuments(actor: UserDto): void {
  if (!actor.isAdmin && !actor.canCreateDocuments) {
    throw new ForbiddenError('Ask an admin to allow you to create documents.')
  }
}

/**
 * Creates a document with `actor` as its owner. Its first text is `markdown`, or `state` (a Yjs update, as
 * an imported file gives). Admins, and users an admin allowed, may.
 */
export async function createDocument(
  ctx: AppContext,
  actor: UserDto,
  input: { title: string; markdown?: string | undefined; state?: Uint8Array | undefined },
): Promise<DocumentDto> {
  assertMayCreateDocuments(actor)
  const id = await withTransaction(ctx.db.pool, ctx.log, async (tx) => {
    const documentId = (await insertDocument(tx, { title: input.title, createdBy: actor.id }))!
    const first = input.state ?? (input.markdown ? stateFromMarkdown(input.markdown) : undefined)
    if (first) await appendUpdates(tx, [documentId], [first])
    await addMemberIfAbsent(tx, documentId, actor.id, 'owner')
    await insertAudit(tx, {
      documentId,
      actorId: actor.id,
      action: 'document.created',
      details: { title: input.title },
    })
    return documentId
  })
  const row = await findDocumentOfMember(ctx.db.pool, actor.id, id)
  return toDocumentDto(row!)
}

/**
 * Renames a document, moves it to another phase (one step along `shared/phases.ts`) or sets its comment
 * deadline (in the future, or null). Each change is audited.
 */
export async function changeDocument(
  ctx: AppContext,
  actor: UserDto,
  member: Membership,
  input: DocumentChanges,
): Promise<DocumentDto> {
  const documentId = member.document_id
  if (
    input.phase !== undefined &&
    input.phase !== member.phase &&
    !phaseTransitionAllowed(member.phase, input.phase)
  ) {
    throw new ConflictError(`A document in ${member.phase} cannot move to ${input.phase}.`, {
      fields: { phase: 'transition not allowed' },
    })
  }
  if (input.commentDeadline && Date.parse(input.commentDeadline) <= Date.now()) {
    throw new BadRequestError('The comment deadline must be in the future.', {
      fields: { commentDeadline: 'in the past' },
    })
  }
  await withTransaction(ctx.db.pool, ctx.log, async (tx) => {
    await updateDocument(tx, documentId, input)
    const audit = (action: string, details: Record<string, unknown>) =>
      insertAudit(tx, { documentId, actorId: actor.id, action, details })
    if (input.title !== undefined && input.title !== member.title) {
      await audit('document.renamed', { from: member.title, to: input.title })
    }
    if (input.phase !== undefined && input.phase !== member.phase) {
      await audit('document.phase_changed', { from: member.phase, to: input.phase })
      tx.afterCommit(() => ctx.events.emit('document.phase_changed', { documentId }))
    }
    if (input.commentDeadline !== undefined) {
      await audit('document.deadline_changed', {
        from: member.comment_deadline?.toISOString() ?? null,
        to: input.commentDeadline && new Date(input.commentDeadline).toISOString(),
      })
    }
  })
  if (input.phase !== undefined && input.phase !== member.phase) {
    await takeVersion(ctx, actor.id, documentId, `Phase changed to ${input.phase}`, 'phase')
  }
  return getDocument(ctx.db.pool, member)
}

/** Deletes a document for good (the owner's decision; the UI asks for confirmation first). */
export async function removeDocument(ctx: AppContext, actor: UserDto, member: Membership): Promise<void> {
  await deleteDocument(ctx.db.pool, member.document_id)
  ctx.events.emit('document.deleted', { documentId: member.document_id })
  ctx.log.info({ documentId: member.document_id, actorId: actor.id, title: member.title }, 'document.deleted')
}
