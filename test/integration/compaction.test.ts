/**
 * Compaction: the update log folded into the snapshot, from what is stored, while writes go on. On unload
 * (server/collab/registry.ts) and, for a document that stays open, in the background once its log has grown
 * (server/collab/live-compaction.ts).
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { compactDocument, loadDocument } from '../../server/collab/document-store.ts'
import { LiveCompaction } from '../../server/collab/live-compaction.ts'
import { appendUpdates } from '../../server/db/document-state.repo.ts'
import { type CollabClient, connectCollab } from '../support/collab-client.ts'
import { testServerUrl } from '../support/database.ts'
import { givenDocument, givenUser, testPassword } from '../support/given.ts'
import { HttpAgent } from '../support/http-agent.ts'
import { testLog } from '../support/log.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'
import { appendParagraph, paragraphs } from '../support/ydoc-text.ts'

let server: TestServer
const clients: CollabClient[] = []
const pool = () => server.ctx.db.pool

beforeAll(async () => {
  server = await startTestServer({}, undefined, { compactAfterUpdates: 50 })
})
afterAll(async () => {
  for (const client of clients) client.destroy()
  await server?.stop()
})

/** A writer's document whose updates (one paragraph each) are collected, as a client would send them. */
function typist() {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  return {
    updates,
    type: (text: string) => {
      appendParagraph(doc, text)
      return updates.at(-1)!
    },
  }
}

async function givenDraft(): Promise<string> {
  return givenDocument(pool(), 'Compacted', [[await givenUser(pool()), 'owner']])
}

/** A draft whose log holds one update per token (a paragraph each), and the writer that typed them. */
async function givenLoggedDraft(tokens: string[]) {
  const documentId = await givenDraft()
  const writer = typist()
  for (const token of tokens) writer.type(token)
  await appendUpdates(
    pool(),
    writer.updates.map(() => documentId),
    writer.updates,
  )
  return { documentId, writer }
}

async function logRows(documentId: string): Promise<number> {
  const { rows } = await pool().query<{ n: number }>(
    'SELECT count(*)::int AS n FROM document_updates WHERE document_id = $1',
    [documentId],
  )
  return rows[0]!.n
}

async function storedParagraphs(documentId: string): Promise<string[]> {
  const { doc } = await loadDocument(pool(), documentId)
  return paragraphs(doc)
}

describe('compaction', () => {
  it('folds the log into the snapshot: the rows go, the text stays', async () => {
    const tokens = Array.from({ length: 600 }, (_, i) => `t${i}`)
    const { documentId } = await givenLoggedDraft(tokens)

    expect(await compactDocument(pool(), testLog, documentId)).toBe(600)

    expect(await logRows(documentId)).toBe(0)
    expect(await storedParagraphs(documentId)).toEqual(tokens)
    expect(await compactDocument(pool(), testLog, documentId)).toBe(0)
  })

  // A write held open on a connection of its own needs a real server: the embedded database's connections
  // share one session.
  it.skipIf(!testServerUrl())(
    'folds in a row whose id was handed out before it read the log but committed after',
    async () => {
      const documentId = await givenDraft()
      const writer = typist()
      await appendUpdates(pool(), [documentId], [writer.type('committed early')])
      // A write in flight: its row has an id, but is not committed (the group commit holds the log's shared lock).
      const inFlight = new pg.Client({ connectionString: server.database.url })
      await inFlight.connect()
      try {
        await inFlight.query('BEGIN')
        await appendUpdates(inFlight, [documentId], [writer.type('in flight')])
        // A later row with a higher id commits first, so the fold reads up to past the one in flight.
        await appendUpdates(pool(), [documentId], [writer.type('committed later')])

        const compaction = compactDocument(pool(), testLog, documentId)
        // The fold is done and the swap waits for the log's lock, held by the write in flight.
        await waitForAdvisoryLockWaiter()
        await inFlight.query('COMMIT')
        expect(await compaction).toBe(3)
      } finally {
        await inFlight.end()
      }

      expect(await logRows(documentId)).toBe(0)
      expect(new Set(await storedParagraphs(documentId))).toEqual(
        new Set(['committed early', 'in flight', 'committed later']),
      )
    },
  )

  it('keeps every update appended while it folds', async () => {
    const { documentId, writer } = await givenLoggedDraft(
      Array.from({ length: 2_000 }, (_, i) => `before ${i}`),
    )
    let compacting = true
    const compaction = compactDocument(pool(), testLog, documentId).finally(() => {
      compacting = false
    })
    const during: string[] = []
    while (compacting) {
      const token = `during ${during.length}`
      during.push(token)
      await appendUpdates(pool(), [documentId], [writer.type(token)])
    }
    expect(await compaction).toBeGreaterThanOrEqual(2_000)
    const stored = await storedParagraphs(documentId)
    expect(stored).toHaveLength(2_000 + during.length)
    expect(new Set(stored)).toEqual(
      new Set([...Array.from({ length: 2_000 }, (_, i) => `before ${i}`), ...during]),
    )
    expect(during.length).toBeGreaterThan(0)
  })

  it('folds the log of a document that stays open, in the background, as it grows', async () => {
    const owner = await givenUser(pool())
    const documentId = await givenDocument(pool(), 'Open all day', [[owner, 'owner']])
    const agent = new HttpAgent(server.url)
    await agent.signIn(owner.email, testPassword)
    const client = connectCollab(server.url, agent, documentId)
    clients.push(client)
    await client.synced

    const tokens: string[] = []
    for (let i = 0; i < 200; i++) {
      tokens.push(`typed ${i}`)
      appendParagraph(client.doc, `typed ${i}`)
      if (i % 10 === 9) await client.saved()
    }
    await client.saved()
    await server.ctx.live.compaction.idle()

    // Still open: nothing was unloaded, yet the log was folded as it passed 50 rows at a time.
    expect(server.ctx.live.get(documentId)).toBeDefined()
    const { rows } = await pool().query<{ covered: string }>(
      'SELECT last_update_id::text AS covered FROM document_snapshots WHERE document_id = $1',
      [documentId],
    )
    expect(Number(rows[0]?.covered ?? 0)).toBeGreaterThan(0)
    expect(await logRows(documentId)).toBeLessThan(100)
    expect(await storedParagraphs(documentId)).toEqual(paragraphs(client.doc))
    expect(paragraphs(client.doc)).toEqual(expect.arrayContaining(tokens))
  })
})

describe('background compaction', () => {
  it('folds a document noted past its threshold, once, and starts none after stop', async () => {
    const { documentId, writer } = await givenLoggedDraft(Array.from({ length: 30 }, (_, i) => `t${i}`))
    const compaction = new LiveCompaction(pool(), testLog, 20)
    compaction.note(documentId, 10)
    await compaction.idle()
    expect(await logRows(documentId)).toBe(30)
    compaction.note(documentId, 20)
    await compaction.idle()
    expect(await logRows(documentId)).toBe(0)

    await appendUpdates(pool(), [documentId], [writer.type('after')])
    await compaction.stop()
    compaction.note(documentId, 100)
    await compaction.idle()
    expect(await logRows(documentId)).toBe(1)
    expect(await storedParagraphs(documentId)).toEqual([
      ...Array.from({ length: 30 }, (_, i) => `t${i}`),
      'after',
    ])
  })
})

/** Waits until some session waits for an advisory lock (the compaction's swap, behind the write in flight). */
async function waitForAdvisoryLockWaiter(): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const { rows } = await pool().query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
    )
    if (rows[0]!.n > 0) return
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error('the compaction never waited for the log lock')
}
