import { spawn } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { migrate, migrationsApplied, readMigrations } from '../../server/db/migrate.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import { testLog } from '../support/log.ts'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function freshPool(): Promise<{ database: TestDatabase; pool: pg.Pool }> {
  const database = await createTestDatabase()
  const pool = new pg.Pool({ connectionString: database.url, max: 4 })
  cleanups.push(
    () => database.drop(),
    () => pool.end(),
  )
  return { database, pool }
}

function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/marginalia.js', ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    child.on('close', (code) => resolve({ code, output }))
  })
}

describe('the migration runner', () => {
  it('applies every migration once and records it', async () => {
    const { pool } = await freshPool()
    const files = await readMigrations()
    expect(await migrationsApplied(pool)).toBe(false)
    expect(await migrate(pool, testLog)).toEqual(files.map((f) => f.name))
    expect(await migrate(pool, testLog)).toEqual([])
    const { rows } = await pool.query('SELECT name FROM schema_migrations ORDER BY name')
    expect(rows.map((r) => r.name)).toEqual(files.map((f) => f.name))
    expect(await migrationsApplied(pool)).toBe(true)
  })

  it('refuses to run when an applied migration was edited', async () => {
    const { pool } = await freshPool()
    const dir = await mkdtemp(path.join(os.tmpdir(), 'migrations-'))
    await writeFile(path.join(dir, '0001_a.sql'), 'CREATE TABLE a (id int);')
    await migrate(pool, testLog, dir)
    await writeFile(path.join(dir, '0001_a.sql'), 'CREATE TABLE a (id bigint);')
    await expect(migrate(pool, testLog, dir)).rejects.toThrow(/0001_a.sql was edited/)
  })

  it('rolls back a failing migration whole and names it', async () => {
    const { pool } = await freshPool()
    const dir = await mkdtemp(path.join(os.tmpdir(), 'migrations-'))
    await writeFile(path.join(dir, '0001_ok.sql'), 'CREATE TABLE ok (id int);')
    await writeFile(path.join(dir, '0002_bad.sql'), 'CREATE TABLE half (id int); SELECT no_such_function();')
    await expect(migrate(pool, testLog, dir)).rejects.toThrow(/0002_bad.sql failed/)
    const { rows } = await pool.query("SELECT to_regclass('half') AS half, to_regclass('ok') AS ok")
    expect(rows[0]).toEqual({ half: null, ok: 'ok' })
  })

  it.skipIf(!process.env.TEST_DATABASE_URL && !process.env.DATABASE_URL)(
    'applies each migration once when two processes race (real Postgres: the embedded one has no advisory locks)',
    async () => {
      const { database, pool } = await freshPool()
      const [a, b] = await Promise.all([
        runCli(['migrate'], { DATABASE_URL: database.url }),
        runCli(['migrate'], { DATABASE_URL: database.url }),
      ])
      expect(a.code, a.output).toBe(0)
      expect(b.code, b.output).toBe(0)
      const { rows } = await pool.query(
        'SELECT name, count(*)::int AS n FROM schema_migrations GROUP BY name',
      )
      expect(rows.length).toBe((await readMigrations()).length)
      expect(rows.every((row) => row.n === 1)).toBe(true)
    },
  )
})
