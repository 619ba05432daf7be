/**
 * Randomized convergence, in the manner of Yjs's own tests: several clients make random concurrent edits
 * (insert and delete paragraphs, type and delete inside them) while randomly dropping and restoring their
 * connections. Afterwards every replica, and what the server stored, must be identical.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { UserDto } from '../../shared/api/users.ts'
import { type CollabClient, connectCollab } from '../support/collab-client.ts'
import { givenDocument, givenUser, testPassword } from '../support/given.ts'
import { HttpAgent } from '../support/http-agent.ts'
import { prng } from '../support/prng.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'
import { eventually } from '../support/ydoc-text.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server?.stop())

function randomEdit(doc: Y.Doc, random: () => number, label: string): void {
  const fragment = doc.getXmlFragment('prosemirror')
  const pick = random()
  if (fragment.length === 0 || pick < 0.25) {
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText(label)])
    fragment.insert(Math.floor(random() * (fragment.length + 1)), [paragraph])
  } else if (pick < 0.35) {
    fragment.delete(Math.floor(random() * fragment.length), 1)
  } else {
    const paragraph = fragment.get(Math.floor(random() * fragment.length)) as Y.XmlElement
    const text = paragraph.get(0) as Y.XmlText | undefined
    if (!text) return
    if (pick < 0.8 || text.length === 0) text.insert(Math.floor(random() * (text.length + 1)), label)
    else text.delete(Math.floor(random() * text.length), Math.min(3, text.length))
  }
}

describe('random concurrent edits with random disconnects', () => {
  it('converges every replica and the stored state', async () => {
    const seed = Number(process.env.COLLAB_SEED ?? Date.now() % 100_000)
    const random = prng(seed)
    const pool = server.ctx.db.pool
    const users: UserDto[] = []
    for (let i = 0; i < 5; i++) users.push(await givenUser(pool))
    const documentId = await givenDocument(
      pool,
      'Random',
      users.map((u, i) => [u, i === 0 ? 'owner' : 'author']),
    )
    const clients: CollabClient[] = []
    for (const user of users) {
      const agent = new HttpAgent(server.url)
      await agent.signIn(user.email, testPassword)
      const client = connectCollab(server.url, agent, documentId)
      await client.synced
      clients.push(client)
    }
    for (let step = 0; step < 400; step++) {
      const client = clients[Math.floor(random() * clients.length)]!
      const roll = random()
      if (roll < 0.05 && client.provider.shouldConnect) client.provider.disconnect()
      else if (roll < 0.12 && !client.provider.shouldConnect) client.provider.connect()
      else client.doc.transact(() => randomEdit(client.doc, random, `c${clients.indexOf(client)}s${step}`))
      if (step % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    }
    for (const client of clients) if (!client.provider.shouldConnect) client.provider.connect()
    await eventually(() => clients.every((c) => c.provider.synced), `seed ${seed}: every client syncs`)
    await Promise.all(clients.map((c) => c.saved())).catch((error: Error) => {
      throw new Error(`seed ${seed}: ${error.message}`)
    })
    const states = () => clients.map((c) => c.doc.getXmlFragment('prosemirror').toString())
    await eventually(() => new Set(states()).size === 1, `seed ${seed}: replicas converge`)

    // A fresh reader after the document was unloaded reads what was stored.
    for (const client of clients) client.destroy()
    await eventually(() => server.ctx.live.get(documentId) === undefined, 'the document unloads')
    const reader = new HttpAgent(server.url)
    await reader.signIn(users[0]!.email, testPassword)
    const fresh = connectCollab(server.url, reader, documentId)
    await fresh.synced
    expect(fresh.doc.getXmlFragment('prosemirror').toString(), `seed ${seed}`).toBe(states()[0])
    fresh.destroy()
  })
})
