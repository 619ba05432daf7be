import type { Page } from '../../../shared/api/documents.ts'
import type { ThreadDto, ThreadEventName, ThreadType } from '../../../shared/api/threads.ts'
import type { UserDto } from '../../../shared/api/users.ts'
import { threadOpeningAllowed } from '../../../shared/phases.ts'
import { can, roleAtLeast } from '../../../shared/roles.ts'
import type { AppContext } from '../../context.ts'
import { addSupport, insertComment, removeSupport } from '../../db/comments.repo.ts'
import { findMembership } from '../../db/members.repo.ts'
import type { Queryable } from '../../db/queryable.ts'
import {
  findThreadRow,
  insertThread,
  listThreadRows,
  type ThreadChanges,
  type ThreadFilters,
  type ThreadRow,
  touchThread,
  updateThreadRow,
  wasMentioned,
} from '../../db/threads.repo.ts'
import { type Transaction, withTransaction } from '../../db/transaction.ts'
import { BadRequestError, ForbiddenError, NotFoundError } from '../../errors.ts'
import { isUuid, type Membership } from '../../policies/access.ts'
import { cursorChecks, decodeCursor, encodeCursor } from '../cursor.ts'
import { notifyAboutComment, notifyPerson } from '../notifications.service.ts'
import { type AnchorRequest, placeAnchor } from './anchor-input.ts'
import { toThreadDtos } from './thread-dtos.ts'
import { type JsonAnswer, jsonAnswer, textIdOf, threadListCacheOf, withGzip } from './thread-list-cache.ts'

/** A thread of the caller's document, or 404 (the same answer for a thread of another document). */
export async function threadOf(db: Queryable, member: Membership, threadId: string): Promise<ThreadRow> {
  const row = isUuid(threadId) ? await findThreadRow(db, threadId) : undefined
  if (!row || row.document_id !== member.document_id) throw new NotFoundError('No such thread.')
  return row
}

/** Builds the thread as it is now and tells every client of the document, after the commit. */
export function publishAfterCommit(
  ctx: AppContext,
  tx: Transaction,
  documentId: string,
  threadId: string,
  name: ThreadEventName,
): void {
  tx.afterCommit(async () => {
    const row = await findThreadRow(ctx.db.pool, threadId)
    if (!row) return
    const [thread] = await toThreadDtos(ctx, ctx.db.pool, documentId, [row])
    ctx.events.emit('thread.changed', { documentId, name, thread: thread! })
  })
}

/** The document's threads matching the filters, oldest first. */
export async function listThreads(
  ctx: AppContext,
  member: Membership,
  options: ThreadFilters & { limit: number; cursor?: string | undefined },
): Promise<Page<ThreadDto>> {
  const after = options.cursor
    ? decodeCursor(options.cursor, { createdAt: cursorChecks.timestamp, id: cursorChecks.uuid })
    : undefined
  const rows = await listThreadRows(ctx.db.pool, member.document_id, options, options.limit + 1, after)
  const page = rows.slice(0, options.limit)
  const last = page.at(-1)
  return {
    items: await toThreadDtos(ctx, ctx.db.pool, member.document_id, page),
    nextCursor:
      rows.length > options.limit && last
        ? encodeCursor({ createdAt: last.created_at.toISOString(), id: last.id })
        : null,
  }
}

/**
 * The thread list as the JSON the API answers (gzipped too when large), from the cache when nothing it shows has changed since it was
 * built (thread-list-cache.ts). Without a thread-list version on the membership (a hand-built one), uncached.
 */
export async function listThreadsJson(
  ctx: AppContext,
  member: Membership,
  options: ThreadFilters & { limit: number; cursor?: string | undefined },
): Promise<JsonAnswer> {
  const build = async () => withGzip(jsonAnswer(await listThreads(ctx, member, options)))
  if (member.thread_list_version === undefined) return build()
  const text = await ctx.live.with(member.document_id, (live) => textIdOf(live.anchorContext()))
  const query = Object.entries(options)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1))
  const key = JSON.stringify([member.document_id, member.thread_list_version, text, member.role, query])
  return threadListCacheOf(ctx).getOrBuild(key, build)
}

/** One thread. */
export async function getThread(ctx: AppContext, member: Membership, threadId: string): Promise<ThreadDto> {
  const row = await threadOf(ctx.db.pool, member, threadId)
  return (await toThreadDtos(ctx, ctx.db.pool, member.document_id, [row]))[0]!
}

/**
 * Opens a thread on the live text (or the whole document) with its first comment. Commenters may while the
 * phase allows (drafting, or consultation before the deadline); 403 `phase_closed` otherwise.
 */
export async function openThread(
  ctx: AppContext,
  actor: UserDto,
  member: Membership,
  input: { anchor: AnchorRequest; body: string; type: ThreadType; proposedText?: string | null | undefined },
): Promise<ThreadDto> {
  const phase = { phase: member.phase, commentDeadline: member.comment_deadline?.toISOString() ?? null }
  if (!threadOpeningAllowed(phase, member.role)) {
    throw new ForbiddenError(
      member.phase === 'final'
        ? 'The document is final: no new comments.'
        : 'Comments are closed for this phase of the consultation.',
      'phase_closed',
    )
  }
  const anchor = await placeAnchor(ctx, member.document_id, input.anchor)
  const threadId = await withTransaction(ctx.db.pool, ctx.log, async (tx) => {
    const id = await insertThread(tx, {
      documentId: member.document_id,
      authorId: actor.id,
      type: input.type,
      proposedText: input.proposedText ?? null,
      ...anchor,
    })
    const commentId = await insertComment(tx, id, actor.id, input.body)
    await notifyAboutComment(tx, {
      documentId: member.document_id,
      threadId: id,
      commentId,
      authorId: actor.id,
      body: input.body,
    })
    publishAfterCommit(ctx, tx, member.document_id, id, 'thread.created')
    return id
  })
  return getThread(ctx, member, threadId)
}

/**
 * Changes a thread: its author may change its type and proposed change; authors and wider may assign it to
 * an author, editor or owner of the document (or unassign it).
 */
export async function changeThread(
  ctx: AppContext,
  actor: UserDto,
  member: Membership,
  threadId: string,
  input: ThreadChanges,
): Promise<ThreadDto> {
  await withTransaction(ctx.db.pool, ctx.log, async (tx) => {
    const row = await threadOf(tx, member, threadId)
    if ((input.type !== undefined || input.proposedText !== undefined) && row.author_id !== actor.id) {
      throw new ForbiddenError('Only the author of a thread may change its type or proposed change.')
    }
    if (input.assigneeId !== undefined) {
      if (!can(member.role, 'resolve')) throw new ForbiddenError('Only authors and editors assign threads.')
      if (input.assigneeId !== null) {
        const assignee = await findMembership(tx, input.assigneeId, member.document_id)
        if (!assignee || !roleAtLeast(assignee.role, 'author')) {
          throw new BadRequestError('Assign threads to an author, editor or owner of this document.', {
            fields: { assigneeId: 'not an author of this document' },
          })
        }
      }
    }
    await updateThreadRow(tx, row.id, input)
    if (input.assigneeId && input.assigneeId !== row.assignee_id) {
      await notifyPerson(tx, {
        userId: input.assigneeId,
        documentId: member.document_id,
        threadId: row.id,
        actorId: actor.id,
        kind: 'assigned',
      })
    }
    publishAfterCommit(ctx, tx, member.document_id, row.id, 'thread.updated')
  })
  return getThread(ctx, member, threadId)
}

/**
 * Adds a reply. Nobody writes in a final document. Once comments are closed to experts (after the deadline,
 * in revision), an expert may still answer in their own threads and where they were @mentioned.
 */
export async function reply(
  ctx: AppContext,
  actor: UserDto,
  member: Membership,
  threadId: string,
  body: string,
) {
  if (member.phase === 'final')
    throw new ForbiddenError('The document is final: no new comments.', 'phase_closed')
  const phase = { phase: member.phase, commentDeadline: member.comment_deadline?.toISOString() ?? null }
  const commentId = await withTransaction(ctx.db.pool, ctx.log, async (tx) => {
    const row = await threadOf(tx, member, threadId)
    const closedToMe = !can(member.role, 'resolve') && !threadOpeningAllowed(phase, member.role)
    if (closedToMe && row.author_id !== actor.id && !(await wasMentioned(tx, row.id, actor.id))) {
      throw new ForbiddenError(
        'Comments are closed: you may answer only in your own threads and where you were mentioned.',
        'phase_closed',
      )
    }
    const id = await insertComment(tx, row.id, actor.id, body)
    await notifyAboutComment(tx, {
      documentId: member.document_id,
      threadId: row.id,
      commentId: id,
      authorId: actor.id,
      body,
    })
    await touchThread(tx, row.id)
    publishAfterCommit(ctx, tx, member.document_id, row.id, 'comment.created')
    return id
  })
  const thread = await getThread(ctx, member, threadId)
  return thread.comments.find((comment) => comment.id === commentId)!
}

/** Endorses a thread ("+1"), or withdraws the endorsement. */
export async function setSupport(
  ctx: AppContext,
  actor: UserDto,
  member: Membership,
  threadId: string,
  supported: boolean,
) {
  await withTransaction(ctx.db.pool, ctx.log, async (tx) => {
    const row = await threadOf(tx, member, threadId)
    if (supported) await addSupport(tx, row.id, actor.id)
    else await removeSupport(tx, row.id, actor.id)
    publishAfterCommit(ctx, tx, member.document_id, row.id, 'thread.updated')
  })
  return getThread(ctx, member, threadId)
}
