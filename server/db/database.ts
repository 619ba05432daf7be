import type pg from 'pg'
import type { Config } from '../config.ts'
import type { Log } from '../log.ts'
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded.ts'
import { createPool } from './pool.ts'
import { detectSharedSession } from './statements.ts'

/**
 * The embedded database gets one connection. PGlite is a single backend session behind the socket server,
 * which queues protocol *messages*, not whole queries: two connections' extended-protocol sequences
 * (Parse/Bind/Execute/Sync) can interleave and overwrite each other's unnamed statement and portal
 * ("portal does not exist", parameters bound to the wrong statement). One connection keeps every query whole;
 * PGlite runs one query at a time anyway.
 */
export const embeddedPoolSize = 1

/** The process's database: a pool, and whether it talks to the embedded Postgres. */
export interface Database {
  pool: pg.Pool
  embedded: boolean
  /** Ends the pool, then stops the embedded Postgres if there is one. */
  close(): Promise<void>
}

/**
 * Connects to `DATABASE_URL`, or starts the embedded Postgres under `DATA_DIR/pg` when it is unset.
 * Both paths hand back the same `pg` pool, so nothing else knows which one it got.
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'databasePoolSize'>,
  log: Log,
): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined
  let url = config.databaseUrl
  if (!url) {
    embedded = await startEmbeddedPostgres(config.dataDir, embeddedPoolSize + 4, log)
    url = embedded.url
  }
  const pool = createPool(url, embedded ? embeddedPoolSize : config.databasePoolSize, log)
  await detectSharedSession(pool)
  return {
    pool,
    embedded: embedded !== undefined,
    async close() {
      await pool.end()
      await embedded?.stop()
    },
  }
}
