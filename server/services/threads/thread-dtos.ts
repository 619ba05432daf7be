import { type AnchorContext, resolveAnchor } from '../../../shared/anchors/index.ts'
import type { CommentDto, ParticipantDto, ThreadDto } from '../../../shared/api/threads.ts'
import type { AppContext } from '../../context.ts'
import { type CommentRow, commentsOfThreads, supportersOfThreads } from '../../db/comments.repo.ts'
import type { Queryable } from '../../db/queryable.ts'
import { storedAnchorOf, type ThreadRow, updateThreadAnchor } from '../../db/threads.repo.ts'

function participant(
  id: string | null,
  name: string | null,
  country: string | null,
  organization: string | null,
): ParticipantDto | null {
  return id && name ? { id, name, country, organization } : null
}

/** Groups rows by their `thread_id` (Node 20 has no `Map.groupBy`). */
function groupByThread<T extends { thread_id: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const row of rows) {
    const group = groups.get(row.thread_id)
    if (group) group.push(row)
    else groups.set(row.thread_id, [row])
  }
  return groups
}

function toCommentDto(row: CommentRow): CommentDto {
  return {
    id: row.id,
    author: participant(row.author_id, row.author_name, row.author_country, row.author_organization),
    body: row.deleted_at ? '' : row.body,
    createdAt: row.created_at.toISOString(),
    editedAt: row.edited_at?.toISOString() ?? null,
    deleted: row.deleted_at !== null,
  }
}

/**
 * Builds the API form of threads: their comments and supporters, and where each anchor is in the live text
 * now. Threads whose text moved and was found again get their new positions stored on the way.
 */
export async function toThreadDtos(
  ctx: AppContext,
  db: Queryable,
  documentId: string,
  rows: ThreadRow[],
): Promise<ThreadDto[]> {
  if (rows.length === 0) return []
  const ids = rows.map((row) => row.id)
  const [comments, supporters] = await Promise.all([commentsOfThreads(db, ids), supportersOfThreads(db, ids)])
  const anchors = await ctx.live.with(documentId, (live) => {
    const context: AnchorContext = live.anchorContext()
    return rows.map((row) => resolveAnchor(context, storedAnchorOf(row)))
  })
  const moved = rows.flatMap((row, i) => {
    const again = anchors[i]!.reanchored
    return again ? [{ row, again }] : []
  })
  for (const { row, again } of moved) {
    await updateThreadAnchor(db, row.id, again.start, again.end)
    row.anchor_start = again.start
    row.anchor_end = again.end
    row.reanchored_at = new Date()
  }
  if (moved.length > 0) ctx.log.info({ documentId, threads: moved.length }, 'threads.reanchored')

  const commentsByThread = groupByThread(comments)
  const supportersByThread = groupByThread(supporters)
  return rows.map((row, i) => {
    const anchor = anchors[i]!
    return {
      id: row.id,
      documentId: row.document_id,
      anchor: {
        state: anchor.state,
        from: anchor.from,
        to: anchor.to,
        quote: row.quote,
        currentText: anchor.currentText,
        start: row.anchor_start,
        end: row.anchor_end,
        reanchored: row.reanchored_at !== null,
      },
      type: row.type,
      status: row.status,
      resolution: row.resolution,
      resolutionNote: row.resolution_note,
      proposedText: row.proposed_text,
      assigneeId: row.assignee_id,
      author: participant(row.author_id, row.author_name, row.author_country, row.author_organization),
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      resolvedAt: row.resolved_at?.toISOString() ?? null,
      resolvedBy:
        row.resolved_by && row.resolved_by_name ? { id: row.resolved_by, name: row.resolved_by_name } : null,
      section: row.section,
      comments: (commentsByThread.get(row.id) ?? []).map(toCommentDto),
      supporters: (supportersByThread.get(row.id) ?? []).map((s) => ({
        id: s.id,
        name: s.name,
        country: s.country,
        organization: s.organization,
      })),
    }
  })
}
