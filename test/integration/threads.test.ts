import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { initProseMirrorDoc } from 'y-prosemirror'
import type * as Y from 'yjs'
import { anchorRange, findQuote } from '../../shared/anchors/index.ts'
import type { UserDto } from '../../shared/api/users.ts'
import { schema } from '../../shared/schema/index.ts'
import { type CollabClient, connectCollab } from '../support/collab-client.ts'
import { givenUser, testPassword } from '../support/given.ts'
import { HttpAgent } from '../support/http-agent.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'
import { eventually } from '../support/ydoc-text.ts'

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

const draft = [
  '# Guidelines',
  '',
  '## 4. Benchmarking tools',
  '',
  '### 4.3 Indicators and metrics',
  '',
  'Indicators should be few, reliable and comparable across institutions.',
  '',
  'The plan is good. The plan is late.',
].join('\n')

async function as(user: UserDto): Promise<HttpAgent> {
  const agent = new HttpAgent(server.url)
  await agent.signIn(user.email, testPassword)
  return agent
}

async function world() {
  const owner = await givenUser(pool(), { name: 'Li Wei', country: 'CN', isAdmin: true })
  const expert = await givenUser(pool(), { name: 'Kagiso Mothibi', country: 'BW', organization: 'BOU' })
  const expert2 = await givenUser(pool(), { name: 'Siti Rahayu', country: 'ID', organization: 'UT' })
  const author = await givenUser(pool(), { name: 'Thandiwe Moyo', country: 'ZW' })
  const viewer = await givenUser(pool(), { name: 'Omar Haddad', country: 'LB' })
  const ownerAgent = await as(owner)
  const created = await ownerAgent.post('/api/documents', { title: 'Guidelines', markdown: draft })
  const documentId = created.body.id as string
  for (const [user, role] of [
    [expert, 'commenter'],
    [expert2, 'commenter'],
    [author, 'author'],
    [viewer, 'viewer'],
  ] as const) {
    const invite = await ownerAgent.post(`/api/documents/${documentId}/invites`, { role })
    await (await as(user)).post(`/api/invites/${invite.body.token}/accept`, {})
  }
  return { owner, expert, expert2, author, viewer, documentId, ownerAgent }
}

describe('threads', () => {
  it('opens a thread on a quote, with its section, quote, author country and organization', async () => {
    const { expert, documentId } = await world()
    const agent = await as(expert)
    const response = await agent.post(`/api/documents/${documentId}/threads`, {
      anchor: { quote: 'few, reliable and comparable' },
      body: 'Add "valid" to this list.',
      type: 'technical',
      proposedText: 'few, valid, reliable and comparable',
    })
    expect(response.status).toBe(201)
    expect(response.body).toMatchObject({
      documentId,
      type: 'technical',
      status: 'open',
      proposedText: 'few, valid, reliable and comparable',
      section: ['4. Benchmarking tools', '4.3 Indicators and metrics'],
      author: { id: expert.id, name: 'Kagiso Mothibi', country: 'BW', organization: 'BOU' },
      anchor: {
        state: 'anchored',
        quote: 'few, reliable and comparable',
        currentText: 'few, reliable and comparable',
      },
      comments: [{ body: 'Add "valid" to this list.', deleted: false, author: { country: 'BW' } }],
    })
    expect(response.body.anchor.to - response.body.anchor.from).toBe('few, reliable and comparable'.length)
  })

  it('answers 422 for a quote that is absent or ambiguous, and places a repeat by its context', async () => {
    const { expert, documentId } = await world()
    const agent = await as(expert)
    const absent = await agent.post(`/api/documents/${documentId}/threads`, {
      anchor: { quote: 'not there' },
      body: 'x',
    })
    expect([absent.status, absent.body.error.code]).toEqual([422, 'anchor_not_found'])
    const ambiguous = await agent.post(`/api/documents/${documentId}/threads`, {
      anchor: { quote: 'The plan is' },
      body: 'x',
    })
    expect(ambiguous.status).toBe(422)
    expect(ambiguous.body.error.details).toMatchObject({ reason: 'ambiguous', matches: 2 })
    const placed = await agent.post(`/api/documents/${documentId}/threads`, {
      anchor: { quote: 'The plan is', prefix: 'good. ' },
      body: 'Which plan?',
    })
    expect(placed.status).toBe(201)
    expect(placed.body.anchor.from).toBeGreaterThan(0)
  })

  it('takes relative positions from a live client, and general comments on the whole document', async () => {
    const { author, documentId } = await world()
    const agent = await as(author)
    const client = connectCollab(server.url, agent, documentId)
    clients.push(client)
    await client.synced
    const fragment = client.doc.getXmlFragment('prosemirror')
    const { doc, mapping } = initProseMirrorDoc(fragment, schema)
    const found = findQuote(doc, { quote: 'comparable across institutions' })
    if (!('from' in found)) throw new Error('quote missing')
    const positions = anchorRange({ doc, fragment, mapping: mapping as never }, found.from, found.to)
    const fromClient = await agent.post(`/api/documents/${documentId}/threads`, {
      anchor: positions,
      body: 'Across which?',
    })
    expect(fromClient.status).toBe(201)
    expect(fromClient.body.anchor).toMatchObject({
      state: 'anchored',
      currentText: 'comparable across institutions',
      ...positions,
    })
    const general = await agent.post(`/api/documents/${documentId}/threads`, {
      anchor: { document: true },
      body: 'Overall, good.',
    })
    expect(general.body.anchor).toMatchObject({ state: 'document', from: null, to: null })
    const bad = await agent.post(`/api/documents/${documentId}/threads`, {
      anchor: { start: 'AAAA', end: 'AAAA' },
      body: 'x',
    })
    expect(bad.status).toBe(422)
  })

  it('follows live edits, and keeps a thread whose text was deleted as orphaned', async () => {
    const { expert, author, documentId } = await world()
    const thread = (
      await (
        await as(expert)
      ).post(`/api/documents/${documentId}/threads`, { anchor: { quote: 'reliable' }, body: 'Define it.' })
    ).body
    const client = connectCollab(server.url, await as(author), documentId)
    clients.push(client)
    await client.synced
    const paragraph = client.doc.getXmlFragment('prosemirror').get(3) as Y.XmlElement
    const text = paragraph.get(0) as Y.XmlText
    text.insert(0, 'In short: ')
    await client.saved()
    const moved = await (await as(expert)).get(`/api/threads/${thread.id}`)
    expect(moved.body.anchor).toMatchObject({
      state: 'anchored',
      currentText: 'reliable',
      from: thread.anchor.from + 10,
    })
    const at = text.toString().indexOf('reliable')
    text.delete(at, 'reliable'.length)
    await client.saved()
    const orphaned = await (await as(expert)).get(`/api/threads/${thread.id}`)
    expect(orphaned.body.anchor).toMatchObject({ state: 'orphaned', quote: 'reliable', from: null })
  })

  it('sends thread.created to every other client of the document', async () => {
    const { expert, author, documentId } = await world()
    const watcher = connectCollab(server.url, await as(author), documentId)
    clients.push(watcher)
    await watcher.synced
    const created = await (await as(expert)).post(`/api/documents/${documentId}/threads`, {
      anchor: { document: true },
      body: 'Hello',
    })
    await eventually(
      () => watcher.events.some((e) => e.type === 'thread.created' && e.thread.id === created.body.id),
      'thread.created arrives',
    )
    await (await as(author)).post(`/api/threads/${created.body.id}/comments`, { body: 'Thanks' })
    await eventually(
      () => watcher.events.some((e) => e.type === 'comment.created' && e.thread.comments.length === 2),
      'comment.created arrives',
    )
  })

  it('lets nobody below commenter open threads, and closes them to experts by phase and deadline', async () => {
    const { expert, author, viewer, documentId, ownerAgent } = await world()
    const open = (agent: HttpAgent) =>
      agent.post(`/api/documents/${documentId}/threads`, { anchor: { document: true }, body: 'x' })
    expect((await open(await as(viewer))).status).toBe(403)
    await ownerAgent.request('PATCH', `/api/documents/${documentId}`, {
      json: { phase: 'consultation', commentDeadline: new Date(Date.now() + 3_600_000).toISOString() },
    })
    expect((await open(await as(expert))).status).toBe(201)
    await pool().query("UPDATE documents SET comment_deadline = now() - interval '1 minute' WHERE id = $1", [
      documentId,
    ])
    const late = await open(await as(expert))
    expect([late.status, late.body.error.code]).toEqual([403, 'phase_closed'])
    expect((await open(await as(author))).status).toBe(201)
    await ownerAgent.request('PATCH', `/api/documents/${documentId}`, { json: { phase: 'revision' } })
    expect((await open(await as(expert))).body.error.code).toBe('phase_closed')
  })

  it('filters by status, type, country, section, author and text; injection strings match nothing', async () => {
    const { expert, expert2, documentId } = await world()
    const a = await as(expert)
    const b = await as(expert2)
    await a.post(`/api/documents/${documentId}/threads`, {
      anchor: { quote: 'reliable' },
      body: 'Define reliability.',
      type: 'technical',
    })
    await b.post(`/api/documents/${documentId}/threads`, {
      anchor: { document: true },
      body: 'Typos throughout.',
      type: 'editorial',
    })
    const list = (query: string) =>
      a.get(`/api/documents/${documentId}/threads?${query}`).then((r) => r.body.items)
    expect(await list('')).toHaveLength(2)
    expect(
      (await list('type=editorial')).map((t: { author: { country: string } }) => t.author.country),
    ).toEqual(['ID'])
    expect(await list('country=bw')).toHaveLength(1)
    expect(await list(`author=${expert2.id}`)).toHaveLength(1)
    expect(await list(`section=${encodeURIComponent('4.3 Indicators and metrics')}`)).toHaveLength(1)
    expect(await list('q=reliab')).toHaveLength(1)
    expect(await list('status=resolved')).toHaveLength(0)
    for (const evil of ["%' OR 1=1 --", '%', '_', "'; DROP TABLE threads; --"]) {
      expect(await list(`q=${encodeURIComponent(evil)}`)).toHaveLength(0)
    }
    const bad = await a.get(`/api/documents/${documentId}/threads?status=maybe&type=x&author=me`)
    expect(Object.keys(bad.body.error.details.fields).sort()).toEqual(['author', 'status', 'type'])
  })

  it("replies, edits with history, deletes as a tombstone, and guards other people's comments", async () => {
    const { expert, expert2, owner, documentId } = await world()
    const a = await as(expert)
    const thread = (
      await a.post(`/api/documents/${documentId}/threads`, { anchor: { document: true }, body: 'First' })
    ).body
    const replied = await (await as(expert2)).post(`/api/threads/${thread.id}/comments`, {
      body: 'Agreed <script>alert(1)</script>',
    })
    expect(replied.status).toBe(201)
    expect(replied.body.body).toBe('Agreed <script>alert(1)</script>')
    const commentId = thread.comments[0].id
    expect(
      (await (await as(expert2)).request('PATCH', `/api/comments/${commentId}`, { json: { body: 'hijack' } }))
        .status,
    ).toBe(403)
    const edited = await a.request('PATCH', `/api/comments/${commentId}`, { json: { body: 'First, edited' } })
    expect(edited.body).toMatchObject({ body: 'First, edited', editedAt: expect.any(String) })
    const history = await pool().query('SELECT body FROM comment_revisions WHERE comment_id = $1', [
      commentId,
    ])
    expect(history.rows.map((r) => r.body)).toEqual(['First'])
    expect((await (await as(expert2)).delete(`/api/comments/${commentId}`)).status).toBe(403)
    expect((await (await as(owner)).delete(`/api/comments/${replied.body.id}`)).status).toBe(204)
    const after = await a.get(`/api/threads/${thread.id}`)
    expect(after.body.comments[1]).toMatchObject({ deleted: true, body: '' })
    const tooLong = await a.post(`/api/threads/${thread.id}/comments`, { body: 'x'.repeat(10_001) })
    expect(tooLong.body.error.details.fields).toHaveProperty('body')
    const blank = await a.post(`/api/threads/${thread.id}/comments`, { body: '   ' })
    expect(blank.status).toBe(400)
  })

  it('lets the thread author change its type and proposal, and authors assign it to an author', async () => {
    const { expert, expert2, author, documentId } = await world()
    const thread = (
      await (
        await as(expert)
      ).post(`/api/documents/${documentId}/threads`, { anchor: { document: true }, body: 'x' })
    ).body
    expect(
      (
        await (
          await as(expert2)
        ).request('PATCH', `/api/threads/${thread.id}`, { json: { type: 'editorial' } })
      ).status,
    ).toBe(403)
    const changed = await (await as(expert)).request('PATCH', `/api/threads/${thread.id}`, {
      json: { type: 'editorial', proposedText: 'New words' },
    })
    expect(changed.body).toMatchObject({ type: 'editorial', proposedText: 'New words' })
    expect(
      (
        await (
          await as(expert)
        ).request('PATCH', `/api/threads/${thread.id}`, { json: { assigneeId: author.id } })
      ).status,
    ).toBe(403)
    const assigned = await (await as(author)).request('PATCH', `/api/threads/${thread.id}`, {
      json: { assigneeId: author.id },
    })
    expect(assigned.body.assigneeId).toBe(author.id)
    const toExpert = await (await as(author)).request('PATCH', `/api/threads/${thread.id}`, {
      json: { assigneeId: expert.id },
    })
    expect(toExpert.body.error.details.fields).toHaveProperty('assigneeId')
  })

  it('records which countries support a thread', async () => {
    const { expert, expert2, documentId } = await world()
    const thread = (
      await (
        await as(expert)
      ).post(`/api/documents/${documentId}/threads`, { anchor: { document: true }, body: 'x' })
    ).body
    const supported = await (await as(expert2)).post(`/api/threads/${thread.id}/support`)
    expect(supported.body.supporters.map((s: { country: string }) => s.country)).toEqual(['ID'])
    const withdrawn = await (await as(expert2)).delete(`/api/threads/${thread.id}/support`)
    expect(withdrawn.body.supporters).toEqual([])
  })

  it('answers 404 for threads and comments of documents I may not see', async () => {
    const { expert, documentId } = await world()
    const thread = (
      await (
        await as(expert)
      ).post(`/api/documents/${documentId}/threads`, { anchor: { document: true }, body: 'x' })
    ).body
    const stranger = await as(await givenUser(pool()))
    expect((await stranger.get(`/api/threads/${thread.id}`)).status).toBe(404)
    expect((await stranger.get('/api/threads/not-a-uuid')).status).toBe(404)
    expect(
      (await stranger.request('PATCH', `/api/comments/${thread.comments[0].id}`, { json: { body: 'x' } }))
        .status,
    ).toBe(404)
  })
})
