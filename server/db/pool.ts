import pg from 'pg'
import type { Log } from '../log.ts'

/** Opens a `pg` pool; an idle client's error is logged instead of crashing the process. */
export function createPool(connectionString: string, max: number, log: Log): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
  })
  pool.on('error', (error) => log.warn({ err: error }, 'db.pool.idle_client_error'))
  return pool
}
