import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectCollab } from '../support/collab-client.ts'
import { givenUser, testPassword } from '../support/given.ts'
import { HttpAgent } from '../support/http-agent.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'
import { appendParagraph } from '../support/ydoc-text.ts'

// GET /api/admin/collab: what this process holds, and how long updates waited from arrival to commit.
let server: TestServer
let admin: HttpAgent

beforeAll(async () => {
  server = await startTestServer()
  const account = await givenUser(server.ctx.db.pool, { isAdmin: true })
  admin = new HttpAgent(server.url)
  await admin.signIn(account.email, testPassword)
})
afterAll(() => server?.stop())

describe("the collaboration figures for an instance's admins", () => {
  it('counts documents, sockets and every update made durable', async () => {
    const before = await admin.get('/api/admin/collab')
    expect(before.status).toBe(200)
    expect(before.body).toMatchObject({ documents: 0, connections: 0, durableMs: { count: 0, buckets: [] } })

    const created = await admin.post('/api/documents', { title: 'Live', markdown: '# Live\n\nFirst.' })
    const client = connectCollab(server.url, admin, created.body.id)
    await client.synced
    appendParagraph(client.doc, 'Typed in Gaborone.')
    appendParagraph(client.doc, 'And in Lahore.')
    await client.saved()

    const after = await admin.get('/api/admin/collab')
    expect(after.body).toMatchObject({ documents: 1, connections: 1 })
    const durable = after.body.durableMs
    expect(durable.count).toBeGreaterThanOrEqual(2)
    expect(durable.p50).toBeGreaterThan(0)
    expect(durable.p99).toBeGreaterThanOrEqual(durable.p50)
    expect(durable.maxMs).toBeGreaterThan(0)
    expect(durable.buckets.reduce((sum: number, [, n]: [number, number]) => sum + n, 0)).toBe(durable.count)
    client.destroy()
  })

  it('is for instance admins only', async () => {
    const someone = await givenUser(server.ctx.db.pool)
    const agent = new HttpAgent(server.url)
    await agent.signIn(someone.email, testPassword)
    expect((await agent.get('/api/admin/collab')).status).toBe(403)
    expect((await new HttpAgent(server.url).get('/api/admin/collab')).status).toBe(401)
  })
})
