import type { CommentDto } from '../../../shared/api/threads.ts'
import type { UserDto } from '../../../shared/api/users.ts'
import { roleAtLeast } from '../../../shared/roles.ts'
import type { AppContext } from '../../context.ts'
import { findComment, reviseComment, tombstoneComment } from '../../db/comments.repo.ts'
import type { Queryable } from '../../db/queryable.ts'
import { touchThread } from '../../db/threads.repo.ts'
import { withTransaction } from '../../db/transaction.ts'
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors.ts'
import { isUuid, type Membership } from '../../policies/access.ts'
import { getThread, publishAfterCommit } from './threads.service.ts'

async function commentOf(db: Queryable, member: Membership, commentId: string, lock = false) {
  const row = isUuid(commentId) ? await findComment(db, commentId, lock) : undefined
  if (!row || row.document_id !== member.document_id) throw new NotFoundError('No such comment.')
  return row
}

async function commentDto(
  ctx: AppContext,
  member: Membership,
  threadId: string,
  commentId: string,
): Promise<CommentDto> {
  const thread = await getThread(ctx, member, threadId)
  return thread.comments.find((comment) => comment.id === commentId)!
}

/** Edits one's own comment; the earlier body is kept in its history. */
export async function editComment(
  ctx: AppContext,
  actor: UserDto,
  member: Membership,
  commentId: string,
  body: string,
): Promise<CommentDto> {
  const threadId = await withTransaction(ctx.db.pool, ctx.log, async (tx) => {
    const row = await commentOf(tx, member, commentId, true)
    if (row.author_id !== actor.id) throw new ForbiddenError('Only its author may edit a comment.')
    if (row.deleted_at) throw new ConflictError('This comment was deleted.')
    if (row.body !== body) {
      await reviseComment(tx, row.id, row.body, body)
      await touchThread(tx, row.thread_id)
      publishAfterCommit(ctx, tx, member.document_id, row.thread_id, 'comment.updated')
    }
    return row.thread_id
  })
  return commentDto(ctx, member, threadId, commentId)
}

/** Deletes a comment (its author, or an editor or owner), leaving a tombstone; the thread stays. */
export async function deleteComment(
  ctx: AppContext,
  actor: UserDto,
  member: Membership,
  commentId: string,
): Promise<void> {
  await withTransaction(ctx.db.pool, ctx.log, async (tx) => {
    const row = await commentOf(tx, member, commentId, true)
    if (row.author_id !== actor.id && !roleAtLeast(member.role, 'editor')) {
      throw new ForbiddenError('Only its author, or an editor, may delete a comment.')
    }
    if (row.deleted_at) return
    await tombstoneComment(tx, row.id, row.body)
    await touchThread(tx, row.thread_id)
    publishAfterCommit(ctx, tx, member.document_id, row.thread_id, 'comment.deleted')
  })
}
