import type pg from 'pg'
import type { Config } from '../config.ts'
import type { Log } from '../log.ts'
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded.ts'
import { createPool } from './pool.ts'

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
    // Leave a few spare connections for the CLI's one-off clients and the session store.
    embedded = await startEmbeddedPostgres(config.dataDir, config.databasePoolSize + 5, log)
    url = embedded.url
  }
  const pool = createPool(url, config.databasePoolSize, log)
  return {
    pool,
    embedded: embedded !== undefined,
    async close() {
      await pool.end()
      await embedded?.stop()
    },
  }
}
