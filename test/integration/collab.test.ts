import type { Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import type { UserDto } from '../../shared/api/users.ts'
import {
  closeCodes,
  messageAwareness,
  messageQueryAwareness,
  messageSync,
} from '../../shared/collab/messages.ts'
import { type CollabClient, connectCollab } from '../support/collab-client.ts'
import { givenDocument, givenUser, testPassword } from '../support/given.ts'
import { HttpAgent } from '../support/http-agent.ts'
import {
  awarenessMessage,
  openRawSocket,
  presenceUpdate,
  type RawSocket,
  syncStep2Message,
  updateMessage,
} from '../support/raw-socket.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'
import { appendParagraph, eventually, paragraphs } from '../support/ydoc-text.ts'

let server: TestServer
const clients: CollabClient[] = []
const pool = () => server.ctx.db.pool

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  for (const client of clients) client.destroy()
  await server?.stop()
})

async function agentOf(user: UserDto): Promise<HttpAgent> {
  const agent = new HttpAgent(server.url)
  await agent.signIn(user.email, testPassword)
  return agent
}

async function world() {
  const [author, author2, commenter, viewer] = [
    await givenUser(pool()),
    await givenUser(pool()),
    await givenUser(pool()),
    await givenUser(pool()),
  ]
  const documentId = await givenDocument(pool(), 'Live draft', [
    [author, 'owner'],
    [author2, 'author'],
    [commenter, 'commenter'],
    [viewer, 'viewer'],
  ])
  return { author, author2, commenter, viewer, documentId }
}

async function connect(user: UserDto, documentId: string): Promise<CollabClient> {
  const client = connectCollab(server.url, await agentOf(user), documentId)
  clients.push(client)
  await client.synced
  return client
}

/** The TCP socket under a raw socket (ws keeps it as `_socket`): to see or make its writes. */
const socketOf = (raw: RawSocket) => (raw.ws as unknown as { _socket: Socket })._socket

const liveState = (documentId: string) => Y.encodeStateAsUpdate(server.ctx.live.get(documentId)!.doc)

describe('the live draft over y-websocket', () => {
  it('lets two authors converge and tells each when its edits are saved', async () => {
    const { author, author2, documentId } = await world()
    const a = await connect(author, documentId)
    const b = await connect(author2, documentId)
    appendParagraph(a.doc, 'From Gaborone')
    appendParagraph(b.doc, 'From Shanghai')
    await eventually(
      () => paragraphs(a.doc).length === 2 && paragraphs(b.doc).length === 2,
      'both clients see both paragraphs',
    )
    expect(paragraphs(a.doc).sort()).toEqual(paragraphs(b.doc).sort())
    await Promise.all([a.saved(), b.saved()])
    const { rows } = await pool().query(
      'SELECT count(*)::int AS n FROM document_updates WHERE document_id = $1',
      [documentId],
    )
    expect(rows[0].n).toBeGreaterThanOrEqual(2)
    expect(a.events[0]).toMatchObject({ type: 'welcome', role: 'owner', readOnly: false })
  })

  it('says saved to a client that reconnects after the server already stored its edits', async () => {
    const { author, author2, documentId } = await world()
    // The edits of a client that lost its socket before hearing "saved" reach the server through another
    // connection; when it reconnects its sync reply carries nothing new, and it must still hear "saved".
    const offline = new Y.Doc()
    appendParagraph(offline, 'Written before the socket dropped')
    const relay = await connect(author2, documentId)
    Y.applyUpdate(relay.doc, Y.encodeStateAsUpdate(offline))
    await eventually(
      () => Y.getState(server.ctx.live.get(documentId)!.doc.store, offline.clientID) > 0,
      'the server holds the edits',
    )
    const back = connectCollab(server.url, await agentOf(author), documentId, { doc: offline })
    clients.push(back)
    await back.synced
    await back.saved()
    expect(back.events.some((e) => e.type === 'saved')).toBe(true)
  })

  it('drops every change from a commenter and a viewer: the document stays byte-identical and nobody hears it', async () => {
    const { author, commenter, viewer, documentId } = await world()
    const witness = await connect(author, documentId)
    appendParagraph(witness.doc, 'The real text')
    await witness.saved()
    const before = liveState(documentId)
    const witnessedBefore = Y.encodeStateAsUpdate(witness.doc)

    for (const user of [commenter, viewer]) {
      // The stock client: its editor is read-only, but a forged local change still reaches the socket.
      const forger = await connect(user, documentId)
      expect(forger.events[0]).toMatchObject({ type: 'welcome', readOnly: true })
      appendParagraph(forger.doc, `forged by ${user.name}`)
      await eventually(() => forger.events.some((e) => e.type === 'read_only'), 'the forger is told')

      // Raw bytes: an update message and a sync step 2 with content.
      const raw = await openRawSocket(server.url, await agentOf(user), documentId)
      const evil = new Y.Doc()
      appendParagraph(evil, 'raw forgery')
      raw.send(updateMessage(Y.encodeStateAsUpdate(evil)))
      raw.send(syncStep2Message(evil))
      await eventually(
        () => raw.events.filter((e) => e.type === 'read_only').length === 2,
        'both raw forgeries are refused',
      )
      raw.ws.close()
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(Buffer.from(liveState(documentId)).equals(Buffer.from(before))).toBe(true)
    expect(Buffer.from(Y.encodeStateAsUpdate(witness.doc)).equals(Buffer.from(witnessedBefore))).toBe(true)
    expect(paragraphs(witness.doc)).toEqual(['The real text'])
  })

  it('shares presence from every role, including read-only ones, and stores none of it', async () => {
    const { author, commenter, documentId } = await world()
    const a = await connect(author, documentId)
    const c = await connect(commenter, documentId)
    c.provider.awareness.setLocalStateField('user', { name: 'Kagiso', country: 'BW' })
    a.provider.awareness.setLocalStateField('user', { name: 'Li Wei', country: 'CN' })
    const names = (client: CollabClient) =>
      [...client.provider.awareness.getStates().values()]
        .map((s) => (s.user as { name?: string } | undefined)?.name)
        .sort()
    await eventually(
      () => names(a).join() === 'Kagiso,Li Wei' && names(c).join() === 'Kagiso,Li Wei',
      'both see both',
    )
    const { rows } = await pool().query(
      'SELECT count(*)::int AS n FROM document_updates WHERE document_id = $1',
      [documentId],
    )
    expect(rows[0].n).toBe(0)
    c.destroy()
    await eventually(() => names(a).join() === 'Li Wei', 'a leaver disappears')
  })

  it('sends an edit and the cursor that came with it in one write, and nobody their own presence back', async () => {
    const { author, commenter, documentId } = await world()
    const writer = await openRawSocket(server.url, await agentOf(author), documentId)
    const reader = await openRawSocket(server.url, await agentOf(commenter), documentId)
    // Which network read each of the reader's messages came out of: ws parses a chunk, emitting its messages,
    // before this listener (added after its own) counts the chunk.
    let chunk = 0
    const chunkOf: number[] = []
    reader.ws.on('message', () => chunkOf.push(chunk))
    socketOf(reader).on('data', () => chunk++)
    await eventually(() => reader.messages.length >= 2 && writer.messages.length >= 2, 'both are greeted')
    const greeted = { reader: reader.messages.length, writer: writer.messages.length }

    // A keystroke and the cursor move after it, as an editor sends them.
    const doc = new Y.Doc()
    appendParagraph(doc, 'typed')
    const presence = new Awareness(new Y.Doc())
    presence.setLocalState({ user: { name: 'Writer' }, cursor: { anchor: 5, head: 5 } })
    socketOf(writer).cork()
    writer.send(updateMessage(Y.encodeStateAsUpdate(doc)))
    writer.send(awarenessMessage(encodeAwarenessUpdate(presence, [presence.clientID])))
    socketOf(writer).uncork()

    await eventually(() => reader.messages.length >= greeted.reader + 2, 'the reader gets both')
    const [update, cursor] = reader.messages.slice(greeted.reader)
    expect([update![0], update![1]]).toEqual([messageSync, syncProtocol.messageYjsUpdate])
    expect(cursor![0]).toBe(messageAwareness)
    expect(chunkOf[greeted.reader + 1]).toBe(chunkOf[greeted.reader])

    // The writer asks who is here; an echo of its own presence would arrive before the answer.
    writer.send(new Uint8Array([messageQueryAwareness]))
    await eventually(() => writer.messages.length > greeted.writer, 'the writer is answered')
    await new Promise((resolve) => setTimeout(resolve, 100))
    const afterGreeting = writer.messages.slice(greeted.writer)
    expect(afterGreeting.filter((m) => m[0] === messageAwareness)).toHaveLength(1)
    expect(afterGreeting.filter((m) => m[0] === messageSync)).toHaveLength(0)
    writer.ws.close()
    reader.ws.close()
  })

  it("does not count a reader's ordinary sync reply as a violation, even after deletions", async () => {
    const { author, commenter, documentId } = await world()
    const a = await connect(author, documentId)
    appendParagraph(a.doc, 'to be deleted')
    appendParagraph(a.doc, 'kept')
    a.doc.getXmlFragment('prosemirror').delete(0, 1)
    await a.saved()
    const reader = await connect(commenter, documentId)
    // Reconnect with a local copy, as a reopened tab does.
    reader.provider.disconnect()
    reader.provider.connect()
    await reader.synced
    appendParagraph(a.doc, 'after')
    await eventually(() => paragraphs(reader.doc).includes('after'), 'the reader keeps syncing')
    expect(reader.events.filter((e) => e.type === 'read_only')).toEqual([])
  })

  it('closes a read-only socket that keeps sending changes', async () => {
    const { commenter, documentId } = await world()
    const raw = await openRawSocket(server.url, await agentOf(commenter), documentId)
    for (let i = 0; i < 25; i++) {
      const evil = new Y.Doc()
      appendParagraph(evil, `attempt ${i}`)
      raw.send(updateMessage(Y.encodeStateAsUpdate(evil)))
    }
    expect((await raw.closed).code).toBe(closeCodes.readOnlyViolation)
  })

  it("closes a demoted author's socket at once, and the reconnection is read-only", async () => {
    const { author, author2, documentId } = await world()
    const demoted = await connect(author2, documentId)
    const owner = await agentOf(author)
    await owner.request('PUT', `/api/documents/${documentId}/members/${author2.id}`, {
      json: { role: 'commenter' },
    })
    expect((await demoted.closed).code).toBe(closeCodes.accessChanged)
    await eventually(
      () => demoted.events.filter((e) => e.type === 'welcome').length === 2,
      'the client reconnects',
    )
    expect(demoted.events.at(-1)).toMatchObject({ type: 'welcome', role: 'commenter', readOnly: true })
  })

  it('makes everyone read-only when the document becomes final', async () => {
    const { author, documentId } = await world()
    const owner = await agentOf(author)
    const client = await connect(author, documentId)
    await owner.request('PATCH', `/api/documents/${documentId}`, { json: { phase: 'consultation' } })
    await eventually(
      () => client.events.filter((e) => e.type === 'welcome').length === 2,
      'reconnects after consultation opens',
    )
    await owner.request('PATCH', `/api/documents/${documentId}`, { json: { phase: 'revision' } })
    await eventually(
      () => client.events.filter((e) => e.type === 'welcome').length === 3,
      'reconnects after revision',
    )
    await owner.request('PATCH', `/api/documents/${documentId}`, { json: { phase: 'final' } })
    await eventually(
      () => client.events.filter((e) => e.type === 'welcome').length === 4,
      'reconnects after final',
    )
    expect(client.events.at(-1)).toMatchObject({ type: 'welcome', role: 'owner', readOnly: true })
  })

  it('signs a disabled account out of its sockets at once (4401)', async () => {
    const { author2, documentId } = await world()
    const client = await connect(author2, documentId)
    const admin = await givenUser(pool(), { isAdmin: true })
    await (await agentOf(admin)).request('PATCH', `/api/admin/users/${author2.id}`, {
      json: { disabled: true },
    })
    expect((await client.closed).code).toBe(closeCodes.unauthenticated)
  })

  it('closes a removed member for good (4404)', async () => {
    const { author, author2, documentId } = await world()
    const removed = await connect(author2, documentId)
    await (await agentOf(author)).delete(`/api/documents/${documentId}/members/${author2.id}`)
    expect((await removed.closed).code).toBe(closeCodes.notFound)
  })

  it('refuses the upgrade without a session, for a non-member, and from a foreign Origin', async () => {
    const { author, documentId } = await world()
    const outsider = await givenUser(pool())
    const anonymous = new HttpAgent(server.url)
    await expect(openRawSocket(server.url, anonymous, documentId)).rejects.toThrow('HTTP 401')
    await expect(openRawSocket(server.url, await agentOf(outsider), documentId)).rejects.toThrow('HTTP 404')
    await expect(
      openRawSocket(server.url, await agentOf(author), documentId, 'https://evil.example'),
    ).rejects.toThrow('HTTP 403')
    await expect(openRawSocket(server.url, await agentOf(author), 'not-a-document')).rejects.toThrow(
      'HTTP 404',
    )
  })

  it('survives malformed messages and an oversized frame, and other documents keep syncing', async () => {
    const first = await world()
    const second = await world()
    const a = await connect(second.author, second.documentId)
    const b = await connect(second.author2, second.documentId)
    const agent = await agentOf(first.author)
    const garbage = [
      new Uint8Array([]),
      new Uint8Array([0]),
      new Uint8Array([0, 2]),
      new Uint8Array([0, 2, 200, 1, 2, 3]),
      new Uint8Array([0, 9, 1]),
      new Uint8Array([7, 7, 7]),
      new Uint8Array([1, 255, 255, 255, 255, 15]),
      Uint8Array.from({ length: 200 }, (_, i) => (i * 37) % 256),
    ]
    for (let round = 0; round < 40; round++) {
      for (const bytes of garbage) {
        const raw = await openRawSocket(server.url, agent, first.documentId)
        raw.send(round === 0 ? bytes : Uint8Array.from(bytes, (x) => (x + round * 13) % 256))
        raw.ws.close()
      }
    }
    const big = await openRawSocket(server.url, agent, first.documentId)
    big.send(new Uint8Array(9 * 1024 * 1024))
    expect((await big.closed).code).toBe(1009)
    appendParagraph(a.doc, 'still alive')
    await eventually(() => paragraphs(b.doc).includes('still alive'), 'another document still syncs')
    expect((await new HttpAgent(server.url).get('/healthz')).status).toBe(200)
  })

  it('relays presence as it was sent, and closes a socket whose presence is not JSON before anyone gets it', async () => {
    const { author, author2, documentId } = await world()
    const a = await connect(author, documentId)
    const b = await connect(author2, documentId)
    // Spacing JSON.stringify would not write: the server relays the state's text as it came.
    const sent = '{ "user": { "name": "Thandiwe", "country": "ZA" } }'
    const raw = await openRawSocket(server.url, await agentOf(author), documentId)
    raw.send(awarenessMessage(presenceUpdate([4242, 1, sent])))
    await eventually(() => b.provider.awareness.getStates().has(4242), 'the presence reaches another client')
    expect(b.provider.awareness.getStates().get(4242)).toEqual(JSON.parse(sent))

    raw.send(awarenessMessage(presenceUpdate([4243, 1, '{"user": {"name": "Nobody"'])))
    expect((await raw.closed).code).toBe(closeCodes.protocolError)
    // The socket's leaving removes its valid presence; the refused one never arrives anywhere.
    await eventually(() => !b.provider.awareness.getStates().has(4242), 'the closed socket is gone')
    expect(a.provider.awareness.getStates().has(4243)).toBe(false)
    expect(b.provider.awareness.getStates().has(4243)).toBe(false)
  })

  it('keeps the text across a restart: the stored state equals the live one', async () => {
    const { author, documentId } = await world()
    const a = await connect(author, documentId)
    for (let i = 0; i < 30; i++) appendParagraph(a.doc, `line ${i}`)
    await a.saved()
    const live = paragraphs(a.doc)
    a.destroy()
    const database = server.database
    await server.stop({ keepDatabase: true })
    server = await startTestServer({}, database)
    const again = await connect(author, documentId)
    expect(paragraphs(again.doc)).toEqual(live)
  })
})
