import type { Queryable } from './queryable.ts'
import { prepared } from './statements.ts'

/** What is stored of a document's live state: the snapshot and the updates logged after it. */
export interface StoredState {
  snapshot: Uint8Array | null
  updates: Uint8Array[]
  /** Each update's id, in the same order. */
  updateIds: string[]
  /** The log id the snapshot covers up to ('0' without a snapshot). */
  snapshotUpdateId: string
  /** The id of the last update read (0 when none): compaction folds up to here. */
  lastUpdateId: string
}

/**
 * Reads the snapshot and every update logged after it, in order, in one statement: one view of the data, so a
 * compaction committing meanwhile (it moves rows into the snapshot) cannot fall between two reads.
 */
export async function readStoredState(db: Queryable, documentId: string): Promise<StoredState> {
  const { rows } = await db.query<{ snapshot: boolean; id: string; data: Buffer }>(
    `WITH s AS (SELECT state, last_update_id FROM document_snapshots WHERE document_id = $1)
     SELECT true AS snapshot, last_update_id AS n, last_update_id::text AS id, state AS data FROM s
     UNION ALL
     SELECT false, u.id, u.id::text, u.data FROM document_updates u
      WHERE u.document_id = $1 AND u.id > coalesce((SELECT last_update_id FROM s), 0)
     ORDER BY snapshot DESC, n`,
    [documentId],
  )
  const snapshot = rows[0]?.snapshot ? rows[0] : undefined
  const updates = snapshot ? rows.slice(1) : rows
  return {
    snapshot: snapshot?.data ?? null,
    updates: updates.map((row) => row.data),
    updateIds: updates.map((row) => row.id),
    snapshotUpdateId: snapshot?.id ?? '0',
    lastUpdateId: updates.at(-1)?.id ?? snapshot?.id ?? '0',
  }
}

/**
 * The updates logged with ids in (`after`, `upTo`] other than `known`, in order: rows that were still being
 * written (ids are handed out before commit) when `known` was read.
 */
export async function readLateUpdates(
  db: Queryable,
  documentId: string,
  after: string,
  upTo: string,
  known: string[],
): Promise<Uint8Array[]> {
  const { rows } = await db.query<{ data: Buffer }>(
    `SELECT data FROM document_updates
      WHERE document_id = $1 AND id > $2::bigint AND id <= $3::bigint
        AND id NOT IN (SELECT unnest($4::bigint[])) -- a hashed set: thousands of known ids cost one pass
      ORDER BY id`,
    [documentId, after, upTo, known],
  )
  return rows.map((row) => row.data)
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
  // Prepared once per connection: the group commit runs it hundreds of times a second.
  await db.query(
    prepared(
      'append-updates',
      `WITH locked AS (
       SELECT count(pg_advisory_xact_lock_shared(key)) AS n
         FROM (SELECT DISTINCT hashtextextended(id::text, 0) AS key FROM unnest($1::uuid[]) AS id ORDER BY 1) AS keys
     )
     INSERT INTO document_updates (document_id, data)
     SELECT u.document_id, u.data FROM unnest($1::uuid[], $2::bytea[]) AS u(document_id, data), locked`,
      [
        documentIds,
        updates.map((update) => Buffer.from(update.buffer, update.byteOffset, update.byteLength)),
      ],
    ),
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

/**
 * Locks the document's snapshot row (creating an empty one first) so only one compaction runs at a time, and
 * answers the log id it covers up to ('0' for the empty one).
 */
export async function lockSnapshot(db: Queryable, documentId: string): Promise<string> {
  await db.query(
    `INSERT INTO document_snapshots (document_id, state, last_update_id) VALUES ($1, '\\x0000', 0)
     ON CONFLICT (document_id) DO NOTHING`,
    [documentId],
  )
  const { rows } = await db.query<{ id: string }>(
    'SELECT last_update_id::text AS id FROM document_snapshots WHERE document_id = $1 FOR UPDATE',
    [documentId],
  )
  return rows[0]?.id ?? '0'
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

/** Of `documentIds`, those no longer in `documents` (deleted while their updates waited to be written). */
export async function missingDocuments(db: Queryable, documentIds: string[]): Promise<Set<string>> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM documents WHERE id = ANY($1::uuid[])', [
    documentIds,
  ])
  const present = new Set(rows.map((row) => row.id))
  return new Set(documentIds.filter((id) => !present.has(id)))
}
