import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../server/db/embedded.ts'
import { migrate } from '../../server/db/migrate.ts'
import { useUnnamedStatements } from '../../server/db/statements.ts'
import { testLog } from './log.ts'

/** A fresh database of one test file's own, and how to drop it. */
export interface TestDatabase {
  url: string
  /** 'postgres' (the machine's server) or 'embedded' (PGlite, when no TEST_DATABASE_URL is set). */
  kind: 'postgres' | 'embedded'
  drop(): Promise<void>
}

/** The server tests use: `TEST_DATABASE_URL`, else `DATABASE_URL`, else none (embedded); read at each call. */
export function testServerUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined
}

/**
 * Creates an empty database for one test file: on the machine's Postgres a new database with a random
 * name (dropped after, even with connections open), otherwise an in-memory embedded Postgres.
 * With `migrated`, all migrations are applied first.
 */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  let database: TestDatabase
  const serverUrl = testServerUrl()
  if (serverUrl) {
    const name = `marginalia_test_${randomBytes(6).toString('hex')}`
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${name}`)
    await admin.end()
    const url = new URL(serverUrl)
    url.pathname = `/${name}`
    database = {
      url: url.toString(),
      kind: 'postgres',
      async drop() {
        const client = new pg.Client({ connectionString: serverUrl })
        await client.connect()
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
        await client.end()
      },
    }
  } else {
    const embedded: EmbeddedPostgres = await startEmbeddedPostgres(undefined, 20, testLog)
    database = { url: embedded.url, kind: 'embedded', drop: () => embedded.stop() }
    // Its connections share one session, so this process must not prepare statements by name.
    useUnnamedStatements()
  }
  if (options.migrated) {
    const pool = new pg.Pool({ connectionString: database.url, max: 2 })
    await migrate(pool, testLog)
    await pool.end()
  }
  return database
}
