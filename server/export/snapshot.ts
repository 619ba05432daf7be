import type { Node as ProseMirrorNode } from 'prosemirror-model'
import type { ThreadDto } from '../../shared/api/threads.ts'
import type { AppContext } from '../context.ts'
import type { ThreadFilters } from '../db/threads.repo.ts'
import type { Membership } from '../policies/access.ts'
import { listThreads } from '../services/threads/threads.service.ts'

/** The text of a document and its threads, with every anchor resolved against exactly that text. */
export interface ExportSnapshot {
  doc: ProseMirrorNode
  threads: ThreadDto[]
}

const pageSize = 500
const attempts = 5

/** Every thread matching the filters, page after page. */
async function allThreads(ctx: AppContext, member: Membership, filters: ThreadFilters): Promise<ThreadDto[]> {
  const threads: ThreadDto[] = []
  let cursor: string | undefined
  do {
    const page = await listThreads(ctx, member, { ...filters, limit: pageSize, cursor })
    threads.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return threads
}

/**
 * The live text and the threads matching `filters`, consistent with each other: the threads' positions are
 * resolved against the live text, so if an edit lands while they load (the text before and after differs),
 * they are loaded again. The document is held meanwhile, so it is not unloaded in between.
 */
export async function exportSnapshot(
  ctx: AppContext,
  member: Membership,
  filters: ThreadFilters,
): Promise<ExportSnapshot> {
  return ctx.live.with(member.document_id, async (live) => {
    let snapshot: ExportSnapshot | undefined
    for (let attempt = 0; attempt < attempts; attempt++) {
      const before = live.anchorContext().doc
      const threads = await allThreads(ctx, member, filters)
      const after = live.anchorContext().doc
      snapshot = { doc: after, threads }
      if (before === after || before.eq(after)) return snapshot
    }
    // A document edited without pause: export the last reading, whose anchors may be a few edits behind.
    ctx.log.warn({ documentId: member.document_id, attempts }, 'export.snapshot.unsettled')
    return snapshot!
  })
}
