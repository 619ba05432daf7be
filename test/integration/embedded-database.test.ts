import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../server/db/embedded.ts'
import { testLog } from '../support/log.ts'

// Always the embedded Postgres (PGlite), whatever TEST_DATABASE_URL says: it is what `npm start` runs on.
let embedded: EmbeddedPostgres
beforeAll(async () => {
  embedded = await startEmbeddedPostgres(undefined, 4, testLog)
}, 60_000)
afterAll(async () => {
  await embedded?.stop()
})

/** One named statement, as the session read uses. */
const named = { name: 'embedded-named', text: 'SELECT $1::int + 1 AS n', values: [41] }

describe('the embedded database', () => {
  it('lets a new connection prepare a statement by the name a closed one used (one PGlite session)', async () => {
    for (let connection = 0; connection < 3; connection++) {
      const client = new pg.Client({ connectionString: embedded.url })
      await client.connect()
      const { rows } = await client.query(named)
      expect(rows[0].n).toBe(42)
      // Used again on the same connection: prepared once, bound twice.
      expect((await client.query(named)).rows[0].n).toBe(42)
      await client.end()
    }
  })
})
