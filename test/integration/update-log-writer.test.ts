/**
 * The group-commit writer against a real Postgres: a deleted document's updates do not block everyone
 * else's, and one document's durability does not wait for a queue that other documents keep filling.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { UpdateLogWriter } from '../../server/collab/update-log-writer.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import { givenDocument, givenUser } from '../support/given.ts'
import { testLog } from '../support/log.ts'

let database: TestDatabase
let pool: pg.Pool
beforeAll(async () => {
  database = await createTestDatabase({ migrated: true })
  pool = new pg.Pool({ connectionString: database.url, max: 2 })
})
afterAll(async () => {
  await pool?.end()
  await database?.drop()
})

function anUpdate(text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

async function loggedRows(documentId: string): Promise<number> {
  const { rows } = await pool.query(
    'SELECT count(*)::int AS n FROM document_updates WHERE document_id = $1',
    [documentId],
  )
  return rows[0].n
}

describe('the update log writer', () => {
  it("drops a deleted document's updates and still writes the rest of the batch", async () => {
    const owner = await givenUser(pool)
    const kept = await givenDocument(pool, 'Kept', [[owner, 'owner']])
    const deleted = await givenDocument(pool, 'Deleted', [[owner, 'owner']])
    await pool.query('DELETE FROM documents WHERE id = $1', [deleted])
    const writer = new UpdateLogWriter(pool, testLog)
    // Queued in one turn: one batch, one statement, which the missing document makes fail at first.
    await Promise.all([
      writer.append(kept, anUpdate('a')),
      writer.append(deleted, anUpdate('b')),
      writer.append(kept, anUpdate('c')),
    ])
    expect(await loggedRows(kept)).toBe(2)
    expect(writer.hasPending(deleted)).toBe(false)
  })

  it("answers one document's durability while others keep the queue busy", async () => {
    const owner = await givenUser(pool)
    const quiet = await givenDocument(pool, 'Quiet', [[owner, 'owner']])
    const busy = await givenDocument(pool, 'Busy', [[owner, 'owner']])
    const writer = new UpdateLogWriter(pool, testLog)
    let typing = true
    const storm = (async () => {
      while (typing) {
        void writer.append(busy, anUpdate('x'))
        await new Promise((resolve) => setTimeout(resolve, 1))
      }
    })()
    await new Promise((resolve) => setTimeout(resolve, 20))
    void writer.append(quiet, anUpdate('once'))
    // Waiting for the whole queue to empty would wait as long as the storm lasts; this must not.
    await writer.durable(quiet)
    typing = false
    await storm
    await writer.drained()
    expect(await loggedRows(quiet)).toBe(1)
  })
})
