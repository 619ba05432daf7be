import type pg from 'pg'
import { prosemirrorToYXmlFragment } from 'y-prosemirror'
import * as Y from 'yjs'
import { parseMarkdown } from '../../shared/schema/index.ts'
import {
  countLoggedUpdates,
  lockSnapshot,
  lockUpdateLog,
  readLateUpdates,
  readStoredState,
  replaceSnapshot,
} from '../db/document-state.repo.ts'
import { withTransaction } from '../db/transaction.ts'
import type { Log } from '../log.ts'

/** The name of the shared type that holds the text (y-prosemirror's default). */
export const fragmentName = 'prosemirror'

/** The origin tag of updates applied while loading from storage. */
export const loadOrigin = { source: 'load' } as const

/** Builds the Yjs state of a document from Markdown, as one update (a new document's first logged update). */
export function stateFromMarkdown(markdown: string): Uint8Array {
  const doc = new Y.Doc()
  prosemirrorToYXmlFragment(parseMarkdown(markdown), doc.getXmlFragment(fragmentName))
  const state = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return state
}

/** Loads a document's state from Postgres: the snapshot, then every update logged after it. */
export async function loadDocument(
  pool: pg.Pool,
  documentId: string,
): Promise<{ doc: Y.Doc; bytes: number; logged: number }> {
  const stored = await readStoredState(pool, documentId)
  const doc = new Y.Doc({ gc: true })
  let bytes = 0
  for (const update of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) {
    Y.applyUpdate(doc, update, loadOrigin)
    bytes += update.byteLength
  }
  return { doc, bytes, logged: stored.updates.length }
}

/** Compaction on unload is due once this many updates are logged after the snapshot. */
export const compactionThreshold = 500

/** A fold applies this many logged updates, then lets the event loop through. */
const foldSliceUpdates = 250

/**
 * Folds the update log into the snapshot, from what is stored (not from memory), so it is safe while this and
 * other processes append. Answers how many updates it folded (0 when another compaction got there first).
 *
 * The fold runs outside any lock, in slices that let the event loop through: a 100-page draft takes some
 * 20–60 ms to decode and 2,000 small updates about 20 ms to apply. Only the swap holds the log's lock, which
 * waits for writes in flight, so rows whose ids were handed out before the read but committed after it are
 * folded in too; appends to the document wait for the swap (an UPDATE and a DELETE), not for the fold.
 */
export async function compactDocument(pool: pg.Pool, log: Log, documentId: string): Promise<number> {
  const stored = await readStoredState(pool, documentId)
  if (stored.updates.length === 0) return 0
  const doc = new Y.Doc({ gc: true })
  try {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
    for (let i = 0; i < stored.updates.length; i += foldSliceUpdates) {
      await new Promise((resolve) => setImmediate(resolve))
      for (const update of stored.updates.slice(i, i + foldSliceUpdates)) Y.applyUpdate(doc, update)
    }
    return await withTransaction(pool, log, async (tx) => {
      // The log's lock first: a deletion or another compaction takes them in this order too, never a cycle.
      await lockUpdateLog(tx, documentId)
      // Another compaction swapped meanwhile: what was read is stale. The next one starts afresh.
      if ((await lockSnapshot(tx, documentId)) !== stored.snapshotUpdateId) return 0
      const late = await readLateUpdates(
        tx,
        documentId,
        stored.snapshotUpdateId,
        stored.lastUpdateId,
        stored.updateIds,
      )
      for (const update of late) Y.applyUpdate(doc, update)
      await replaceSnapshot(tx, documentId, Y.encodeStateAsUpdate(doc), stored.lastUpdateId)
      return stored.updates.length + late.length
    })
  } finally {
    doc.destroy()
  }
}

/** Compacts when the log has grown past the threshold. */
export async function compactIfDue(pool: pg.Pool, log: Log, documentId: string): Promise<void> {
  if ((await countLoggedUpdates(pool, documentId)) < compactionThreshold) return
  const started = Date.now()
  const folded = await compactDocument(pool, log, documentId)
  log.info({ documentId, folded, ms: Date.now() - started }, 'collab.compacted')
}
