import type { ProgressDto, Resolution, ThreadDto } from '../../../shared/api/threads.ts'
import type { UserDto } from '../../../shared/api/users.ts'
import { can } from '../../../shared/roles.ts'
import { threadTransitionAllowed } from '../../../shared/thread-status.ts'
import type { AppContext } from '../../context.ts'
import { insertComment } from '../../db/comments.repo.ts'
import {
  moveThreadAnchor,
  progressRows,
  reopenThreadRow,
  resolveThreadRow,
  type ThreadRow,
} from '../../db/threads.repo.ts'
import { withTransaction } from '../../db/transaction.ts'
import { BadRequestError, ConflictError, ForbiddenError } from '../../errors.ts'
import type { Membership } from '../../policies/access.ts'
import { notifyAboutComment, notifyPerson } from '../notifications.service.ts'
import { applyToLiveText } from './apply-proposal.ts'
import { getThread, publishAfterCommit, threadOf } from './threads.service.ts'

function assertCanMove(row: ThreadRow, to: 'open' | 'resolved'): void {
  if (!threadTransitionAllowed(row.status, to)) {
    throw new ConflictError(
      to === 'resolved' ? 'This thread is resolved already.' : 'This thread is open already.',
    )
  }
}

/** Resolves a thread with a decision and a note; its author is told. 409 when it is resolved already. */
export async function resolveThread(
  ctx: AppContext,
  actor: UserDto,
  member: Membership,
  threadId: string,
  decision: { resolution: Resolution; note?: string | undefined },
): Promise<ThreadDto> {
  await withTransaction(ctx.db.pool, ctx.log, async (tx) => {
    const row = await threadOf(tx, member, threadId)
    assertCanMove(row, 'resolved')
    if (
      !(await resolveThreadRow(tx, row.id, {
        resolution: decision.resolution,
        note: decision.note ?? null,
        userId: actor.id,
      }))
    ) {
      throw new ConflictError('This thread is resolved already.')
    }
    await notifyPerson(tx, {
      userId: row.author_id,
      documentId: member.document_id,
      threadId: row.id,
      actorId: actor.id,
      kind: 'resolved',
    })
    publishAfterCommit(ctx, tx, member.document_id, row.id, 'thread.resolved')
  })
  return getThread(ctx, member, threadId)
}

/**
 * Reopens a resolved thread: authors and wider may; the expert who opened it may too, to contest the
 * decision, and must say why (the reply is added in the same step).
 */
export async function reopenThread(
  ctx: AppContext,
  actor: UserDto,
  member: Membership,
  threadId: string,
  body: string | undefined,
): Promise<ThreadDto> {
  await withTransaction(ctx.db.pool, ctx.log, async (tx) => {
    const row = await threadOf(tx, member, threadId)
    const mayResolve = can(member.role, 'resolve')
    if (!mayResolve && row.author_id !== actor.id)
      throw new ForbiddenError('Only authors, or the expert who opened it, may reopen a thread.')
    if (!mayResolve && !body) {
      throw new BadRequestError('Say why you reopen the thread.', {
        fields: { body: 'Write why the decision should change' },
      })
    }
    assertCanMove(row, 'open')
    if (!(await reopenThreadRow(tx, row.id))) throw new ConflictError('This thread is open already.')
    if (body) {
      const commentId = await insertComment(tx, row.id, actor.id, body)
      await notifyAboutComment(tx, {
        documentId: member.document_id,
        threadId: row.id,
        commentId,
        authorId: actor.id,
        body,
      })
    }
    publishAfterCommit(ctx, tx, member.document_id, row.id, 'thread.reopened')
  })
  return getThread(ctx, member, threadId)
}

/**
 * Applies a thread's proposed change to the live text and resolves it as accepted, as one step: the text is
 * replaced only if the anchor still holds its quote (409 otherwise), and if resolving then fails (someone
 * resolved it meanwhile: 409), the edit is undone. Every editor shows the change at once.
 */
export async function applyProposal(
  ctx: AppContext,
  actor: UserDto,
  member: Membership,
  threadId: string,
): Promise<ThreadDto> {
  const row = await threadOf(ctx.db.pool, member, threadId)
  assertCanMove(row, 'resolved')
  if (row.proposed_text === null) throw new ConflictError('This thread proposes no change.')
  if (row.anchor_kind !== 'text')
    throw new ConflictError('A comment on the whole document has no text to replace.')
  const proposed = row.proposed_text
  await ctx.live.with(member.document_id, async (live) => {
    const { undo, anchor } = await applyToLiveText(
      live,
      {
        kind: 'text',
        start: row.anchor_start,
        end: row.anchor_end,
        quote: row.quote,
        prefix: row.prefix,
        suffix: row.suffix,
      },
      proposed,
    )
    try {
      await withTransaction(ctx.db.pool, ctx.log, async (tx) => {
        const done = await resolveThreadRow(tx, row.id, {
          resolution: 'accepted',
          note: 'Proposed change applied.',
          userId: actor.id,
        })
        if (!done) throw new ConflictError('This thread was resolved meanwhile; the change was not applied.')
        if (anchor) await moveThreadAnchor(tx, row.id, anchor.start, anchor.end)
        await notifyPerson(tx, {
          userId: row.author_id,
          documentId: member.document_id,
          threadId: row.id,
          actorId: actor.id,
          kind: 'resolved',
        })
        publishAfterCommit(ctx, tx, member.document_id, row.id, 'thread.resolved')
      })
    } catch (error) {
      await undo()
      throw error
    }
  })
  return getThread(ctx, member, threadId)
}

/** Resolves several open threads with one decision; the ones already resolved (or not found) are skipped. */
export async function bulkResolve(
  ctx: AppContext,
  actor: UserDto,
  member: Membership,
  input: { threadIds: string[]; resolution: Resolution; note?: string | undefined },
): Promise<{ resolved: string[]; skipped: string[] }> {
  const resolved: string[] = []
  const skipped: string[] = []
  await withTransaction(ctx.db.pool, ctx.log, async (tx) => {
    for (const threadId of new Set(input.threadIds)) {
      const row = await threadOf(tx, member, threadId).catch(() => undefined)
      if (
        !row ||
        !(await resolveThreadRow(tx, row.id, {
          resolution: input.resolution,
          note: input.note ?? null,
          userId: actor.id,
        }))
      ) {
        skipped.push(threadId)
        continue
      }
      await notifyPerson(tx, {
        userId: row.author_id,
        documentId: member.document_id,
        threadId: row.id,
        actorId: actor.id,
        kind: 'resolved',
      })
      publishAfterCommit(ctx, tx, member.document_id, row.id, 'thread.resolved')
      resolved.push(row.id)
    }
  })
  return { resolved, skipped }
}

/** Open threads, resolved ones by decision, and both per top-level section. */
export async function progressOf(ctx: AppContext, member: Membership): Promise<ProgressDto> {
  const rows = await progressRows(ctx.db.pool, member.document_id)
  const progress: ProgressDto = {
    open: 0,
    resolved: { accepted: 0, partially_accepted: 0, rejected: 0, noted: 0 },
    sections: [],
  }
  const sections = new Map<string, { open: number; resolved: number }>()
  for (const row of rows) {
    const name = row.section ?? ''
    const section = sections.get(name) ?? { open: 0, resolved: 0 }
    if (row.status === 'open') {
      progress.open += row.n
      section.open += row.n
    } else {
      if (row.resolution) progress.resolved[row.resolution] += row.n
      section.resolved += row.n
    }
    sections.set(name, section)
  }
  progress.sections = [...sections].map(([section, counts]) => ({ section, ...counts }))
  return progress
}
