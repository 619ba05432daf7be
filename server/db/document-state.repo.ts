import type { Queryable } from './queryable.ts'

/** What is stored of a document's live state: the snapshot and the updates logged after it. */
export interface StoredState {
  snapshot: Uint8Array | null
  updates: Uint8Array[]
  /** The id of the last update read (0 when none): compaction folds up to here. */
  lastUpdateId: string
}

/** Reads the snapshot and every update logged after it, in order. */
export async function readStoredState(db: Queryable, documentId: string): Promise<StoredState> {
  const snapshot = await db.query<{ state: Buffer; last_update_id: string }>(
    'SELECT state, last_update_id::text FROM document_snapshots WHERE document_id = $1',
    [documentId],
  )
  const after = snapshot.rows[0]?.last_update_id ?? '0'
  const { rows } = await db.query<{ id: string; data: Buffer }>(
    'SELECT id::text, data FROM document_updates WHERE document_id = $1 AND id > $2::bigint ORDER BY id',
    [documentId, after],
  )
  return {
    snapshot: snapshot.rows[0]?.state ?? null,
    updates: rows.map((row) => row.data),
    lastUpdateId: rows.at(-1)?.id ?? after,
  }
}

/**
 * Appends updates to the log in one statement (group commit); `documentIds[i]` owns `updates[i]`.
 *
 * The statement first takes a shared advisory lock per document (in key order, so writers never wait on
 * each other in a cycle), held until it commits; compaction takes the same lock exclusively. With several
 * processes writing, ids are handed out in one order and committed in another: without the lock a compaction
 * could fold up to id 102 while id 101 was still uncommitted, and 101 would be skipped by every later load.
 */
export async function appendUpdates(
  db: Queryable,
  documentIds: string[],
  updates: Uint8Array[],
): Promise<void> {
  await db.query(
    `WITH locked AS (
       SELECT count(pg_advisory_xact_lock_shared(key)) AS n
         FROM (SELECT DISTINCT hashtextextended(id::text, 0) AS key FROM unnest($1::uuid[]) AS id ORDER BY 1) AS keys
     )
     INSERT INTO document_updates (document_id, data)
     SELECT u.document_id, u.data FROM unnest($1::uuid[], $2::bytea[]) AS u(document_id, data), locked`,
    [documentIds, updates.map((update) => Buffer.from(update.buffer, update.byteOffset, update.byteLength))],
  )
}

/** Waits until no write to the document's log is in flight, and holds new ones off until the transaction ends. */
export async function lockUpdateLog(db: Queryable, documentId: string): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1::text, 0))', [documentId])
}

/** How many updates are logged after the snapshot (compaction is due when this grows). */
export async function countLoggedUpdates(db: Queryable, documentId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM document_updates u
      WHERE u.document_id = $1
        AND u.id > coalesce((SELECT last_update_id FROM document_snapshots WHERE document_id = $1), 0)`,
    [documentId],
  )
  return rows[0]?.n ?? 0
}

/** Locks the document's snapshot row (creating an empty one first) so only one compaction runs at a time. */
export async function lockSnapshot(db: Queryable, documentId: string): Promise<void> {
  await db.query(
    `INSERT INTO document_snapshots (document_id, state, last_update_id) VALUES ($1, '\\x0000', 0)
     ON CONFLICT (document_id) DO NOTHING`,
    [documentId],
  )
  await db.query('SELECT 1 FROM document_snapshots WHERE document_id = $1 FOR UPDATE', [documentId])
}

/** Replaces the snapshot with `state`, covering the log up to `lastUpdateId`, and drops those log rows. */
export async function replaceSnapshot(
  db: Queryable,
  documentId: string,
  state: Uint8Array,
  lastUpdateId: string,
): Promise<void> {
  await db.query(
    `UPDATE document_snapshots SET state = $2, last_update_id = $3::bigint, updated_at = now() WHERE document_id = $1`,
    [documentId, Buffer.from(state.buffer, state.byteOffset, state.byteLength), lastUpdateId],
  )
  await db.query('DELETE FROM document_updates WHERE document_id = $1 AND id <= $2::bigint', [
    documentId,
    lastUpdateId,
  ])
}
