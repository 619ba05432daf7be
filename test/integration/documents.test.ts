import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { givenDocument, givenUser, testPassword } from '../support/given.ts'
import { HttpAgent } from '../support/http-agent.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server?.stop())

describe('my documents', () => {
  it('lists nothing for a new account', async () => {
    const user = await givenUser(server.ctx.db.pool)
    const agent = new HttpAgent(server.url)
    await agent.signIn(user.email, testPassword)
    const response = await agent.get('/api/documents')
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ items: [], nextCursor: null })
  })

  it('lists the documents I am a member of, with my role, and pages through them', async () => {
    const pool = server.ctx.db.pool
    const [me, other] = [await givenUser(pool), await givenUser(pool)]
    await givenDocument(pool, 'Not mine', [[other, 'owner']])
    const ids: string[] = []
    for (const [i, role] of (['commenter', 'author', 'editor'] as const).entries()) {
      ids.push(
        await givenDocument(pool, `Draft ${i}`, [
          [other, 'owner'],
          [me, role],
        ]),
      )
    }
    const agent = new HttpAgent(server.url)
    await agent.signIn(me.email, testPassword)
    const first = await agent.get('/api/documents?limit=2')
    expect(first.body.items).toHaveLength(2)
    expect(first.body.nextCursor).toEqual(expect.any(String))
    const second = await agent.get(`/api/documents?limit=2&cursor=${first.body.nextCursor}`)
    expect(second.body.nextCursor).toBeNull()
    const all = [...first.body.items, ...second.body.items]
    expect(all.map((d: { id: string }) => d.id).sort()).toEqual([...ids].sort())
    const commented = all.find((d: { title: string }) => d.title === 'Draft 0')
    expect(commented).toMatchObject({
      role: 'commenter',
      phase: 'drafting',
      threadCounts: { open: 0, resolved: 0 },
    })
    expect(commented.capabilities).toContain('comment')
    expect(commented.capabilities).not.toContain('edit')
  })

  it('names a bad limit and a forged cursor', async () => {
    const user = await givenUser(server.ctx.db.pool)
    const agent = new HttpAgent(server.url)
    await agent.signIn(user.email, testPassword)
    const limit = await agent.get('/api/documents?limit=1000')
    expect(limit.status).toBe(400)
    expect(limit.body.error.details.fields).toHaveProperty('limit')
    const cursor = await agent.get('/api/documents?cursor=not-a-cursor')
    expect(cursor.status).toBe(400)
    expect(cursor.body.error.details.fields).toHaveProperty('cursor')
  })

  it('answers 404 alike for a document I may not see and one that does not exist', async () => {
    const pool = server.ctx.db.pool
    const [me, other] = [await givenUser(pool), await givenUser(pool)]
    const hidden = await givenDocument(pool, 'Private', [[other, 'owner']])
    const agent = new HttpAgent(server.url)
    await agent.signIn(me.email, testPassword)
    const a = await agent.get(`/api/documents/${hidden}`)
    const b = await agent.get('/api/documents/7c4e1a52-1111-4222-8333-944455556666')
    const c = await agent.get('/api/documents/not-a-uuid')
    expect([a.status, b.status, c.status]).toEqual([404, 404, 404])
    expect(a.body).toEqual(b.body)
  })
})
