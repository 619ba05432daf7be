/**
 * Durability: writers type unique tokens while the server is killed with SIGKILL and restarted, several
 * times. Every token a writer was told is saved must be in the stored state afterwards, and every replica
 * must converge. CI runs a modest storm; `npm run bench` runs the long one (test/load/durability.ts).
 */
import type { ChildProcess } from 'node:child_process'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { type CollabClient, connectCollab } from '../support/collab-client.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import { givenDocument, givenUser, testPassword } from '../support/given.ts'
import { HttpAgent } from '../support/http-agent.ts'
import { startServerChild } from '../support/server-child.ts'
import { freePort } from '../support/test-server.ts'
import { appendParagraph, eventually, paragraphs } from '../support/ydoc-text.ts'

const writers = 3
const kills = 3
const stormMs = 400

let database: TestDatabase | undefined
let child: ChildProcess | undefined
afterAll(async () => {
  child?.kill('SIGKILL')
  await database?.drop()
})

describe('durability under SIGKILL', () => {
  it('keeps every token a client was told is saved, across repeated kills, and converges', async () => {
    database = await createTestDatabase({ migrated: true })
    const pool = new pg.Pool({ connectionString: database.url, max: 2 })
    const users = await Promise.all(Array.from({ length: writers }, () => givenUser(pool)))
    const documentId = await givenDocument(
      pool,
      'Storm',
      users.map((u, i) => [u, i === 0 ? 'owner' : 'author']),
    )
    const port = await freePort()
    const env = {
      DATABASE_URL: database.url,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SESSION_SECRET: 'durability-secret-durability-secret-0123',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
    }
    child = await startServerChild(env)
    const url = `http://127.0.0.1:${port}`
    const clients: CollabClient[] = []
    for (const user of users) {
      const agent = new HttpAgent(url)
      await agent.signIn(user.email, testPassword)
      const client = connectCollab(url, agent, documentId)
      await client.synced
      clients.push(client)
    }

    // token → the writer's own clock right after typing it; a token is confirmed once a `saved` covers it.
    const typed = clients.map(() => new Map<string, number>())
    const confirmed = new Set<string>()
    const confirm = () => {
      clients.forEach((client, i) => {
        for (const event of client.events) {
          if (event.type !== 'saved') continue
          const clock = event.clocks[String(client.doc.clientID)] ?? 0
          for (const [token, at] of typed[i]!) if (at <= clock) confirmed.add(token)
        }
      })
    }
    let counter = 0
    const storm = async (ms: number) => {
      const until = Date.now() + ms
      while (Date.now() < until) {
        clients.forEach((client, i) => {
          const token = `w${i}-t${counter++}`
          appendParagraph(client.doc, token)
          typed[i]!.set(token, Y.getState(client.doc.store, client.doc.clientID))
        })
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
    }

    for (let round = 0; round < kills; round++) {
      await storm(stormMs)
      confirm()
      child.kill('SIGKILL')
      await new Promise((resolve) => child!.once('exit', resolve))
      await storm(100) // typing on while the server is down: kept locally
      child = await startServerChild(env)
      await eventually(() => clients.every((c) => c.provider.synced), 'every client reconnects', 20_000)
    }
    await storm(stormMs)
    await Promise.all(clients.map((c) => c.saved()))
    confirm()
    child.kill('SIGTERM')
    await new Promise((resolve) => child!.once('exit', resolve))
    child = undefined

    // What is stored, read back without any server.
    const stored = new Y.Doc()
    const { rows } = await pool.query(
      `SELECT state AS data, 0 AS id FROM document_snapshots WHERE document_id = $1
       UNION ALL SELECT data, id FROM document_updates WHERE document_id = $1 ORDER BY id`,
      [documentId],
    )
    for (const row of rows) Y.applyUpdate(stored, row.data)
    const storedTokens = new Set(paragraphs(stored))
    const lost = [...confirmed].filter((token) => !storedTokens.has(token))
    expect(confirmed.size).toBeGreaterThan(writers * kills)
    expect(lost).toEqual([])
    for (const client of clients) expect(new Set(paragraphs(client.doc))).toEqual(storedTokens)
    for (const client of clients) client.destroy()
    await pool.end()
  }, 120_000)
})
