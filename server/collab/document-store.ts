import type pg from 'pg'
import { prosemirrorToYXmlFragment } from 'y-prosemirror'
import * as Y from 'yjs'
import { parseMarkdown } from '../../shared/schema/index.ts'
import {
  countLoggedUpdates,
  lockSnapshot,
  lockUpdateLog,
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
): Promise<{ doc: Y.Doc; bytes: number }> {
  const stored = await readStoredState(pool, documentId)
  const doc = new Y.Doc({ gc: true })
  let bytes = 0
  for (const update of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) {
    Y.applyUpdate(doc, update, loadOrigin)
    bytes += update.byteLength
  }
  return { doc, bytes }
}

/** Compaction is due once this many updates are logged after the snapshot. */
export const compactionThreshold = 500

/**
 * Folds the update log into the snapshot, in one transaction under the snapshot's row lock, from what is
 * stored (not from memory), so it is safe while other processes append. Answers how many updates it folded.
 */
export async function compactDocument(pool: pg.Pool, log: Log, documentId: string): Promise<number> {
  return withTransaction(pool, log, async (tx) => {
    // The log's lock first: a deletion or another compaction takes them in this order too, never a cycle.
    await lockUpdateLog(tx, documentId)
    await lockSnapshot(tx, documentId)
    const stored = await readStoredState(tx, documentId)
    if (stored.updates.length === 0) return 0
    const doc = new Y.Doc({ gc: true })
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
    for (const update of stored.updates) Y.applyUpdate(doc, update)
    await replaceSnapshot(tx, documentId, Y.encodeStateAsUpdate(doc), stored.lastUpdateId)
    doc.destroy()
    return stored.updates.length
  })
}

/** Compacts when the log has grown past the threshold. */
export async function compactIfDue(pool: pg.Pool, log: Log, documentId: string): Promise<void> {
  if ((await countLoggedUpdates(pool, documentId)) < compactionThreshold) return
  const started = Date.now()
  const folded = await compactDocument(pool, log, documentId)
  log.info({ documentId, folded, ms: Date.now() - started }, 'collab.compacted')
}
