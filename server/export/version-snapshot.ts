import * as Y from 'yjs'
import { type AnchorContext, lazyAnchorContext, resolveAnchor } from '../../shared/anchors/index.ts'
import type { ThreadDto } from '../../shared/api/threads.ts'
import type { VersionThreadDto } from '../../shared/api/versions.ts'
import { schema } from '../../shared/schema/index.ts'
import { fragmentName } from '../collab/document-store.ts'
import type { AppContext } from '../context.ts'
import { listThreadRows, storedAnchorOf, type ThreadRow } from '../db/threads.repo.ts'
import { findVersion } from '../db/versions.repo.ts'
import { NotFoundError } from '../errors.ts'
import type { Membership } from '../policies/access.ts'
import { toThreadDtos } from '../services/threads/thread-dtos.ts'
import type { ExportSnapshot } from './snapshot.ts'

/** A version's snapshot for an export: its text, its threads as it recorded them, and its name. */
export interface VersionSnapshot extends ExportSnapshot {
  versionName: string
}

/** A version's text with the Yjs ↔ ProseMirror mapping that the threads' anchors resolve through. */
function versionContext(state: Uint8Array): AnchorContext {
  const ydoc = new Y.Doc()
  Y.applyUpdate(ydoc, state)
  return lazyAnchorContext(ydoc.getXmlFragment(fragmentName), schema)
}

/** Where a thread's anchor lies in the version's text: its relative positions, else its quote found again. */
function anchorIn(context: AnchorContext, row: ThreadRow): ThreadDto['anchor'] {
  const resolved = resolveAnchor(context, storedAnchorOf(row))
  return {
    state: resolved.state,
    from: resolved.from,
    to: resolved.to,
    quote: row.quote,
    currentText: resolved.currentText,
    start: row.anchor_start,
    end: row.anchor_end,
    reanchored: resolved.reanchored !== undefined,
  }
}

/**
 * A thread as the version recorded it: its type, status and decision then, its anchor in the version's text,
 * and only the comments written before the version was taken.
 */
function asRecorded(
  thread: ThreadDto,
  recorded: VersionThreadDto,
  anchor: ThreadDto['anchor'],
  takenAt: Date,
): ThreadDto {
  // Who decided and when is known only while the decision recorded is still the one in force.
  const stillTheSameDecision =
    recorded.status === 'resolved' &&
    thread.status === 'resolved' &&
    thread.resolvedAt !== null &&
    Date.parse(thread.resolvedAt) <= takenAt.getTime()
  return {
    ...thread,
    anchor,
    type: recorded.type,
    status: recorded.status,
    resolution: recorded.resolution,
    resolutionNote: recorded.resolutionNote,
    resolvedAt: stillTheSameDecision ? thread.resolvedAt : null,
    resolvedBy: stillTheSameDecision ? thread.resolvedBy : null,
    comments: thread.comments.filter((comment) => Date.parse(comment.createdAt) <= takenAt.getTime()),
  }
}

/**
 * A named version of the document, for an export: the version's text, and the threads it recorded with the
 * states it recorded (threads opened since are left out; `comments: 'open'` keeps those open then), each
 * anchored in that text by its relative positions or, failing those, its quote; with `comments: 'none'`, the
 * text alone. 404 naming the version when the document has no such version.
 */
export async function versionSnapshot(
  ctx: AppContext,
  member: Membership,
  versionId: string,
  comments: 'none' | 'open' | 'all',
): Promise<VersionSnapshot> {
  const version = await findVersion(ctx.db.pool, member.document_id, versionId)
  if (!version) throw new NotFoundError(`This document has no version ${versionId}.`)
  const context = versionContext(version.state)
  if (comments === 'none') return { doc: context.doc, threads: [], versionName: version.name }
  const recorded = new Map(
    version.threads
      .filter((thread) => comments === 'all' || thread.status === 'open')
      .map((thread) => [thread.id, thread]),
  )
  const rows = (await listThreadRows(ctx.db.pool, member.document_id, {}, 1_000_000)).filter((row) =>
    recorded.has(row.id),
  )
  // Anchors first: building the live form may store new positions on the rows (text moved since).
  const anchors = rows.map((row) => anchorIn(context, row))
  const dtos = await toThreadDtos(ctx, ctx.db.pool, member.document_id, rows)
  const threads = dtos.map((thread, i) =>
    asRecorded(thread, recorded.get(thread.id)!, anchors[i]!, version.created_at),
  )
  return { doc: context.doc, threads, versionName: version.name }
}
