import type { VersionKind, VersionThreadDto } from '../../shared/api/versions.ts'
import type { Queryable } from './queryable.ts'

/** A version row, without its state unless asked. */
export interface VersionRow {
  id: string
  document_id: string
  name: string
  kind: VersionKind
  created_at: Date
  created_by: string | null
  created_by_name: string | null
}

/** Stores a version; answers its id. */
export async function insertVersion(
  db: Queryable,
  v: {
    documentId: string
    name: string
    kind: VersionKind
    state: Uint8Array
    threads: VersionThreadDto[]
    createdBy: string | null
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO document_versions (document_id, name, kind, state, threads, created_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      v.documentId,
      v.name,
      v.kind,
      Buffer.from(v.state.buffer, v.state.byteOffset, v.state.byteLength),
      JSON.stringify(v.threads),
      v.createdBy,
    ],
  )
  return rows[0]!.id
}

/** A document's versions, newest first. */
export async function listVersions(db: Queryable, documentId: string): Promise<VersionRow[]> {
  const { rows } = await db.query<VersionRow>(
    `SELECT v.id, v.document_id, v.name, v.kind, v.created_at, v.created_by, u.name AS created_by_name
       FROM document_versions v LEFT JOIN users u ON u.id = v.created_by
      WHERE v.document_id = $1 ORDER BY v.created_at DESC, v.id DESC`,
    [documentId],
  )
  return rows
}

/** One version of a document with its state and thread states, or undefined. */
export async function findVersion(
  db: Queryable,
  documentId: string,
  versionId: string,
): Promise<(VersionRow & { state: Buffer; threads: VersionThreadDto[] }) | undefined> {
  const { rows } = await db.query<VersionRow & { state: Buffer; threads: VersionThreadDto[] }>(
    `SELECT v.id, v.document_id, v.name, v.kind, v.created_at, v.created_by, u.name AS created_by_name, v.state, v.threads
       FROM document_versions v LEFT JOIN users u ON u.id = v.created_by
      WHERE v.document_id = $1 AND v.id = $2`,
    [documentId, versionId],
  )
  return rows[0]
}

/** Every thread's state now, as a version keeps it. */
export async function threadStates(db: Queryable, documentId: string): Promise<VersionThreadDto[]> {
  const { rows } = await db.query<VersionThreadDto>(
    `SELECT t.id, t.type, t.status, t.resolution, t.resolution_note AS "resolutionNote", t.quote,
            u.name AS "authorName", u.country AS "authorCountry"
       FROM threads t LEFT JOIN users u ON u.id = t.author_id
      WHERE t.document_id = $1 ORDER BY t.created_at, t.id`,
    [documentId],
  )
  return rows
}
