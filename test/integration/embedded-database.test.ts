import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../server/db/embedded.ts'
import { detectSharedSession, prepared } from '../../server/db/statements.ts'
import { testLog } from '../support/log.ts'

// Always the embedded Postgres (PGlite), whatever TEST_DATABASE_URL says: it is what `npm start` runs on.
let embedded: EmbeddedPostgres
beforeAll(async () => {
  embedded = await startEmbeddedPostgres(undefined, 4, testLog)
}, 60_000)
afterAll(async () => {
  await embedded?.stop()
})

const addOne = () => prepared('embedded-add-one', 'SELECT $1::int + 1 AS n', [41])

describe('the embedded database', () => {
  it('is one session for every connection: a statement prepared by name on one exists on the next', async () => {
    const first = new pg.Client({ connectionString: embedded.url })
    await first.connect()
    await first.query({ name: 'shared', text: 'SELECT 1', values: [] })
    await first.end()
    const next = new pg.Client({ connectionString: embedded.url })
    await next.connect()
    await expect(next.query({ name: 'shared', text: 'SELECT 1', values: [] })).rejects.toThrow(
      /already exists/,
    )
    await next.end()
  })

  it('is recognised, and then no statement is named: connections one after another, and at once', async () => {
    const pool = new pg.Pool({ connectionString: embedded.url, max: 1 })
    await detectSharedSession(pool)
    expect(addOne().name).toBeUndefined()
    expect((await pool.query(addOne())).rows[0].n).toBe(42)
    await pool.end()
    // A restarted app (a new pool), and two pools open together (two processes on one test database).
    const again = new pg.Pool({ connectionString: embedded.url, max: 1 })
    const other = new pg.Pool({ connectionString: embedded.url, max: 1 })
    for (const p of [again, other, again, other]) expect((await p.query(addOne())).rows[0].n).toBe(42)
    await Promise.all([again.end(), other.end()])
  })
})
