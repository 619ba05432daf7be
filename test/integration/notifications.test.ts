import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mailNotifications } from '../../server/services/notifications.service.ts'
import type { UserDto } from '../../shared/api/users.ts'
import { givenDocument, givenUser, testPassword } from '../support/given.ts'
import { HttpAgent } from '../support/http-agent.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

let server: TestServer
const pool = () => server.ctx.db.pool

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server?.stop())

async function as(user: UserDto): Promise<HttpAgent> {
  const agent = new HttpAgent(server.url)
  await agent.signIn(user.email, testPassword)
  return agent
}

describe('mentions and the inbox', () => {
  it("notifies a mentioned member and the thread's participants, never the writer, and mails in batches", async () => {
    const kagiso = await givenUser(pool(), { name: 'Kagiso Mothibi', country: 'BW' })
    const siti = await givenUser(pool(), { name: 'Siti Rahayu', country: 'ID' })
    const li = await givenUser(pool(), { name: 'Li Wei', country: 'CN' })
    const outsider = await givenUser(pool(), { name: 'Not Member' })
    const documentId = await givenDocument(pool(), 'Guidelines', [
      [li, 'owner'],
      [kagiso, 'commenter'],
      [siti, 'commenter'],
    ])
    const people = await (await as(kagiso)).get(`/api/documents/${documentId}/people`)
    expect(people.body.items.map((p: { name: string }) => p.name).sort()).toEqual([
      'Kagiso Mothibi',
      'Li Wei',
      'Siti Rahayu',
    ])
    expect(people.body.items[0]).not.toHaveProperty('email')

    const thread = await (await as(kagiso)).post(`/api/documents/${documentId}/threads`, {
      anchor: { document: true },
      body: '@Li Wei, could you check this? cc @Not Member',
    })
    const liInbox = await (await as(li)).get('/api/notifications')
    expect(liInbox.body.unreadCount).toBe(1)
    expect(liInbox.body.items[0]).toMatchObject({
      kind: 'mention',
      documentId,
      documentTitle: 'Guidelines',
      threadId: thread.body.id,
      actor: { id: kagiso.id, name: 'Kagiso Mothibi', country: 'BW' },
      excerpt: '@Li Wei, could you check this? cc @Not Member',
    })
    expect((await (await as(outsider)).get('/api/notifications')).body.items).toEqual([])
    expect((await (await as(kagiso)).get('/api/notifications')).body.items).toEqual([])

    await (await as(siti)).post(`/api/threads/${thread.body.id}/comments`, { body: 'I agree with Kagiso.' })
    const kagisoInbox = await (await as(kagiso)).get('/api/notifications?unread=true')
    expect(kagisoInbox.body.items.map((n: { kind: string }) => n.kind)).toEqual(['reply'])

    // Mail: one per person per thread, then quiet for a while.
    expect(await mailNotifications(server.ctx)).toBe(2)
    await (await as(siti)).post(`/api/threads/${thread.body.id}/comments`, { body: 'And one more thing.' })
    expect(await mailNotifications(server.ctx)).toBe(0)
    const { rows } = await pool().query(
      'SELECT recipient, subject FROM outbox WHERE recipient IN ($1, $2) ORDER BY recipient',
      [kagiso.email, li.email],
    )
    expect(rows).toHaveLength(2)
    expect(rows.find((r) => r.recipient === li.email)!.subject).toContain('Kagiso Mothibi mentioned you')

    const liAgent = await as(li)
    await liAgent.post('/api/notifications/read', { ids: [liInbox.body.items[0].id] })
    expect((await liAgent.get('/api/notifications?unread=true')).body.unreadCount).toBe(0)
    expect((await liAgent.get('/api/notifications')).body.items[0].readAt).toEqual(expect.any(String))
    const kagisoAgent = await as(kagiso)
    expect((await kagisoAgent.get('/api/notifications?unread=true')).body.unreadCount).toBe(2)
    await kagisoAgent.post('/api/notifications/read', {})
    expect((await kagisoAgent.get('/api/notifications?unread=true')).body).toMatchObject({
      items: [],
      unreadCount: 0,
    })
    const bad = await liAgent.post('/api/notifications/read', { ids: ['nope'] })
    expect(bad.status).toBe(400)
  })
})
