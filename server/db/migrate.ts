import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type pg from 'pg'
import type { Log } from '../log.ts'

/** The project's migrations folder: numbered plain SQL files, forward-only. */
export const migrationsDir = fileURLToPath(new URL('../../migrations/', import.meta.url))

/** An arbitrary constant that names "the migration lock" among Postgres advisory locks. */
const migrationLockKey = 7_314_420_001

/** One migration file on disk. */
export interface MigrationFile {
  name: string
  sql: string
  sha256: string
}

/** Reads `NNNN_name.sql` files in order; anything else in the folder is ignored. */
export async function readMigrations(dir = migrationsDir): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((name) => /^\d{4}_[\w-]+\.sql$/.test(name)).sort()
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name), 'utf8')
      return { name, sql, sha256: createHash('sha256').update(sql).digest('hex') }
    }),
  )
}

/**
 * Applies pending migrations, each in its own transaction, under a session advisory lock so that
 * processes starting together apply each file once. Refuses to run when an applied file was edited.
 * Returns the names it applied.
 */
export async function migrate(pool: pg.Pool, log: Log, dir = migrationsDir): Promise<string[]> {
  const files = await readMigrations(dir)
  const client = await pool.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [migrationLockKey])
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        name text PRIMARY KEY,
        sha256 text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`)
      const { rows } = await client.query<{ name: string; sha256: string }>(
        'SELECT name, sha256 FROM schema_migrations',
      )
      const applied = new Map(rows.map((row) => [row.name, row.sha256]))
      const done: string[] = []
      for (const file of files) {
        const recorded = applied.get(file.name)
        if (recorded !== undefined) {
          if (recorded !== file.sha256) {
            throw new Error(
              `Migration ${file.name} was edited after it was applied; add a new migration instead.`,
            )
          }
          continue
        }
        const started = Date.now()
        await client.query('BEGIN')
        try {
          await client.query(file.sql)
          await client.query('INSERT INTO schema_migrations (name, sha256) VALUES ($1, $2)', [
            file.name,
            file.sha256,
          ])
          await client.query('COMMIT')
        } catch (error) {
          await client.query('ROLLBACK')
          throw new Error(`Migration ${file.name} failed: ${(error as Error).message}`, { cause: error })
        }
        log.info({ migration: file.name, ms: Date.now() - started }, 'db.migration.applied')
        done.push(file.name)
      }
      return done
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [migrationLockKey])
    }
  } finally {
    client.release()
  }
}

/** True when every migration file on disk has been applied (what `/readyz` asks). */
export async function migrationsApplied(pool: pg.Pool, dir = migrationsDir): Promise<boolean> {
  const files = await readMigrations(dir)
  const exists = await pool.query<{ present: boolean }>(
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS present",
  )
  if (!exists.rows[0]?.present) return files.length === 0
  const { rows } = await pool.query<{ name: string }>('SELECT name FROM schema_migrations')
  const applied = new Set(rows.map((row) => row.name))
  return files.every((file) => applied.has(file.name))
}
