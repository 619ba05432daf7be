import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import type { UserDto } from '../../shared/api/users.ts'
import { type CollabClient, connectCollab } from '../support/collab-client.ts'
import { givenUser, testPassword } from '../support/given.ts'
import { HttpAgent } from '../support/http-agent.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'
import { eventually, paragraphs } from '../support/ydoc-text.ts'

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

async function as(user: UserDto): Promise<HttpAgent> {
  const agent = new HttpAgent(server.url)
  await agent.signIn(user.email, testPassword)
  return agent
}

const draft =
  '# Guidelines\n\n## 4. Tools\n\nIndicators should be few, reliable and comparable.\n\n## 5. Dimensions\n\nLearner support matters most.'

async function world() {
  const owner = await givenUser(pool(), { name: 'Li Wei', isAdmin: true })
  const author = await givenUser(pool(), { name: 'Thandiwe Moyo' })
  const expert = await givenUser(pool(), { name: 'Kagiso Mothibi', country: 'BW' })
  const expert2 = await givenUser(pool(), { name: 'Siti Rahayu', country: 'ID' })
  const ownerAgent = await as(owner)
  const documentId = (await ownerAgent.post('/api/documents', { title: 'Guidelines', markdown: draft })).body
    .id as string
  for (const [user, role] of [
    [author, 'author'],
    [expert, 'commenter'],
    [expert2, 'commenter'],
  ] as const) {
    const invite = await ownerAgent.post(`/api/documents/${documentId}/invites`, { role })
    await (await as(user)).post(`/api/invites/${invite.body.token}/accept`, {})
  }
  const propose = async (user: UserDto, quote: string, proposedText: string) =>
    (
      await (
        await as(user)
      ).post(`/api/documents/${documentId}/threads`, { anchor: { quote }, body: 'Proposal', proposedText })
    ).body
  return { owner, author, expert, expert2, documentId, ownerAgent, propose }
}

describe('applying a proposed change', () => {
  it('replaces exactly the anchored text everywhere, resolves as accepted, and refuses a second time', async () => {
    const { author, expert, documentId, propose } = await world()
    const watcher = connectCollab(server.url, await as(author), documentId)
    clients.push(watcher)
    await watcher.synced
    const thread = await propose(expert, 'few, reliable', 'few, valid, reliable')
    const applied = await (await as(author)).post(`/api/threads/${thread.id}/apply`)
    expect(applied.status).toBe(200)
    expect(applied.body).toMatchObject({
      status: 'resolved',
      resolution: 'accepted',
      resolvedBy: { id: author.id },
    })
    expect(applied.body.anchor).toMatchObject({ state: 'anchored', currentText: 'few, valid, reliable' })
    await eventually(
      () => paragraphs(watcher.doc).includes('Indicators should be few, valid, reliable and comparable.'),
      'the live client sees the change',
    )
    const stored = await (await as(author)).get(`/api/documents/${documentId}/content?format=text`)
    expect(stored.text).toContain('few, valid, reliable and comparable')
    const twice = await (await as(author)).post(`/api/threads/${thread.id}/apply`)
    expect([twice.status, twice.body.error.code]).toEqual([409, 'conflict'])
    const inbox = await (await as(expert)).get('/api/notifications')
    expect(inbox.body.items[0]).toMatchObject({ kind: 'resolved', threadId: thread.id })
  })

  it('answers 409 with both versions and changes nothing when the text was edited inside the anchor', async () => {
    const { author, expert, documentId, propose } = await world()
    const thread = await propose(expert, 'Learner support matters most.', 'Learner support matters.')
    const editor = connectCollab(server.url, await as(author), documentId)
    clients.push(editor)
    await editor.synced
    const paragraph = editor.doc.getXmlFragment('prosemirror').get(4) as Y.XmlElement
    ;(paragraph.get(0) as Y.XmlText).insert(7, ' (online)')
    await editor.saved()
    const before = await (await as(author)).get(`/api/documents/${documentId}/content?format=markdown`)
    const refused = await (await as(author)).post(`/api/threads/${thread.id}/apply`)
    expect(refused.status).toBe(409)
    expect(refused.body.error.details).toEqual({
      quote: 'Learner support matters most.',
      currentText: 'Learner (online) support matters most.',
    })
    const after = await (await as(author)).get(`/api/documents/${documentId}/content?format=markdown`)
    expect(after.text).toBe(before.text)
    expect((await (await as(author)).get(`/api/threads/${thread.id}`)).body.status).toBe('open')
  })
})

describe('resolving and reopening', () => {
  it('moves through the transition table and lets an expert contest only their own thread, with a reason', async () => {
    const { author, expert, expert2, documentId } = await world()
    const mine = (
      await (
        await as(expert)
      ).post(`/api/documents/${documentId}/threads`, { anchor: { document: true }, body: 'Mine' })
    ).body
    const resolve = (user: UserDto) =>
      as(user).then((a) =>
        a.post(`/api/threads/${mine.id}/resolve`, { resolution: 'rejected', note: 'Out of scope.' }),
      )
    expect((await resolve(expert)).status).toBe(403)
    const resolved = await resolve(author)
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      resolution: 'rejected',
      resolutionNote: 'Out of scope.',
    })
    expect((await resolve(author)).status).toBe(409)
    expect(
      (await (await as(expert2)).post(`/api/threads/${mine.id}/reopen`, { body: 'Me too' })).status,
    ).toBe(403)
    const silent = await (await as(expert)).post(`/api/threads/${mine.id}/reopen`, {})
    expect(silent.body.error.details.fields).toHaveProperty('body')
    const reopened = await (await as(expert)).post(`/api/threads/${mine.id}/reopen`, {
      body: 'It is in scope: see section 2.',
    })
    expect(reopened.body).toMatchObject({ status: 'open', resolution: null })
    expect(reopened.body.comments.at(-1).body).toBe('It is in scope: see section 2.')
    expect((await (await as(author)).post(`/api/threads/${mine.id}/reopen`, {})).status).toBe(409)
    const bad = await (await as(author)).post(`/api/threads/${mine.id}/resolve`, { resolution: 'maybe' })
    expect(bad.body.error.details.fields).toHaveProperty('resolution')
  })

  it('resolves twenty threads in one go, skipping the resolved, and counts progress', async () => {
    const { author, expert, documentId, ownerAgent } = await world()
    const agent = await as(expert)
    const ids: string[] = []
    for (let i = 0; i < 20; i++) {
      ids.push(
        (
          await agent.post(`/api/documents/${documentId}/threads`, {
            anchor: { quote: i % 2 ? 'reliable' : 'Learner support' },
            body: `t${i}`,
          })
        ).body.id,
      )
    }
    await (await as(author)).post(`/api/threads/${ids[0]}/resolve`, { resolution: 'accepted' })
    const bulk = await (await as(author)).post(`/api/documents/${documentId}/threads/resolve`, {
      threadIds: ids,
      resolution: 'noted',
      note: 'Thanks.',
    })
    expect(bulk.body.resolved).toHaveLength(19)
    expect(bulk.body.skipped).toEqual([ids[0]])
    const progress = await (await as(expert)).get(`/api/documents/${documentId}/progress`)
    expect(progress.body).toMatchObject({
      open: 0,
      resolved: { accepted: 1, noted: 19, rejected: 0, partially_accepted: 0 },
    })
    expect(progress.body.sections.map((s: { section: string }) => s.section).sort()).toEqual([
      '4. Tools',
      '5. Dimensions',
    ])
    const list = await ownerAgent.get('/api/documents')
    expect(list.body.items.find((d: { id: string }) => d.id === documentId).threadCounts).toEqual({
      open: 0,
      resolved: 20,
    })
  })

  it('tells an assignee, and after the deadline lets experts answer only where they are involved', async () => {
    const { owner, author, expert, expert2, documentId, ownerAgent } = await world()
    const theirs = (
      await (
        await as(expert2)
      ).post(`/api/documents/${documentId}/threads`, { anchor: { document: true }, body: 'Q' })
    ).body
    const mine = (
      await (
        await as(expert)
      ).post(`/api/documents/${documentId}/threads`, { anchor: { document: true }, body: 'Mine' })
    ).body
    await (await as(author)).request('PATCH', `/api/threads/${theirs.id}`, { json: { assigneeId: owner.id } })
    const ownerInbox = await ownerAgent.get('/api/notifications')
    expect(
      ownerInbox.body.items.some(
        (n: { kind: string; threadId: string }) => n.kind === 'assigned' && n.threadId === theirs.id,
      ),
    ).toBe(true)
    await ownerAgent.request('PATCH', `/api/documents/${documentId}`, { json: { phase: 'consultation' } })
    await ownerAgent.request('PATCH', `/api/documents/${documentId}`, { json: { phase: 'revision' } })
    const expertAgent = await as(expert)
    expect(
      (await expertAgent.post(`/api/threads/${mine.id}/comments`, { body: 'More detail.' })).status,
    ).toBe(201)
    const elsewhere = await expertAgent.post(`/api/threads/${theirs.id}/comments`, { body: 'Me too' })
    expect([elsewhere.status, elsewhere.body.error.code]).toEqual([403, 'phase_closed'])
    await (await as(author)).post(`/api/threads/${theirs.id}/comments`, {
      body: '@Kagiso Mothibi, what do you think?',
    })
    expect((await expertAgent.post(`/api/threads/${theirs.id}/comments`, { body: 'I agree.' })).status).toBe(
      201,
    )
  })
})
