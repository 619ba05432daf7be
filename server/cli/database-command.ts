import type pg from 'pg'
import type { Config } from '../config.ts'
import { openDatabase } from '../db/database.ts'
import { migrate } from '../db/migrate.ts'
import type { Log } from '../log.ts'

/** Runs a one-off command against the migrated database, then closes it (and the embedded Postgres). */
export async function withMigratedDatabase<T>(
  config: Config,
  log: Log,
  work: (pool: pg.Pool) => Promise<T>,
): Promise<T> {
  const db = await openDatabase({ ...config, databasePoolSize: 2 }, log)
  try {
    await migrate(db.pool, log)
    return await work(db.pool)
  } finally {
    await db.close()
  }
}
