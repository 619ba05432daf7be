import http from 'node:http'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import type { UserDto } from '../../shared/api/users.ts'
import { type CollabClient, connectCollab } from '../support/collab-client.ts'
import { givenUser, testPassword } from '../support/given.ts'
import { HttpAgent } from '../support/http-agent.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

// The thread list is cached (server/services/threads/thread-list-cache.ts): every change anything on it shows
// must reach the very next list, whoever made it and however.
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

async function world() {
  const owner = await givenUser(pool(), { name: 'Li Wei', country: 'CN', isAdmin: true })
  const expert = await givenUser(pool(), { name: 'Kagiso Mothibi', country: 'BW', organization: 'BOU' })
  const viewer = await givenUser(pool(), { name: 'Omar Haddad', country: 'LB' })
  const ownerAgent = await as(owner)
  const created = await ownerAgent.post('/api/documents', {
    title: 'Guidelines',
    markdown: '# Guidelines\n\nIndicators should be few, reliable and comparable across institutions.\n',
  })
  const documentId = created.body.id as string
  for (const [user, role] of [
    [expert, 'commenter'],
    [viewer, 'viewer'],
  ] as const) {
    const invite = await ownerAgent.post(`/api/documents/${documentId}/invites`, { role })
    await (await as(user)).post(`/api/invites/${invite.body.token}/accept`, {})
  }
  const expertAgent = await as(expert)
  const thread = (
    await expertAgent.post(`/api/documents/${documentId}/threads`, {
      anchor: { quote: 'reliable' },
      body: 'Define it.',
    })
  ).body
  return { owner, expert, viewer, documentId, ownerAgent, expertAgent, thread }
}

/** A GET over node:http (no fetch: it decompresses and adds headers of its own), with `agent`'s cookies. */
function rawGet(
  agent: HttpAgent,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number | undefined; headers: http.IncomingHttpHeaders; body: Buffer }> {
  const cookie = [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  return new Promise((resolve, reject) =>
    http
      .get(new URL(path, server.url), { headers: { cookie, ...headers } }, (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }),
        )
      })
      .on('error', reject),
  )
}

describe('the cached thread list', () => {
  it('is gzipped for callers that accept it, the same entity under the same ETag, and 304 to it', async () => {
    const { documentId, expertAgent } = await world()
    for (const quote of ['Indicators', 'few', 'comparable', 'institutions']) {
      await expertAgent.post(`/api/documents/${documentId}/threads`, { anchor: { quote }, body: 'Why?' })
    }
    const path = `/api/documents/${documentId}/threads`
    const plain = await rawGet(expertAgent, path, {})
    expect(plain.status).toBe(200)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.headers.vary).toMatch(/Accept-Encoding/i)
    expect(plain.body.byteLength).toBeGreaterThan(1024)
    expect(JSON.parse(plain.body.toString()).items).toHaveLength(5)

    const zipped = await rawGet(expertAgent, path, { 'accept-encoding': 'gzip, deflate, br' })
    expect(zipped.status).toBe(200)
    expect(zipped.headers['content-encoding']).toBe('gzip')
    expect(zipped.headers.vary).toMatch(/Accept-Encoding/i)
    expect(Number(zipped.headers['content-length'])).toBe(zipped.body.byteLength)
    expect(zipped.body.byteLength).toBeLessThan(plain.body.byteLength)
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true)
    expect(zipped.headers.etag).toBe(plain.headers.etag)

    const refused = await rawGet(expertAgent, path, { 'accept-encoding': 'gzip;q=0, br' })
    expect(refused.headers['content-encoding']).toBeUndefined()
    expect(refused.body.equals(plain.body)).toBe(true)

    const notModified = await rawGet(expertAgent, path, {
      'accept-encoding': 'gzip',
      'if-none-match': plain.headers.etag!,
    })
    expect(notModified.status).toBe(304)
    expect(notModified.headers['content-encoding']).toBeUndefined()
    expect(notModified.body.byteLength).toBe(0)

    // Signed out: no list, compressed or not.
    const stranger = await rawGet(new HttpAgent(server.url), path, { 'accept-encoding': 'gzip' })
    expect(stranger.status).toBe(401)
  })

  it('answers the same list twice, and the next list shows every change made through the API', async () => {
    const { documentId, ownerAgent, expertAgent, thread } = await world()
    const list = async () => (await ownerAgent.get(`/api/documents/${documentId}/threads`)).body.items[0]
    const first = await list()
    expect(await list()).toEqual(first)
    const path = `/api/documents/${documentId}/threads`
    const etag = (await ownerAgent.get(path)).headers.get('etag')
    expect(etag).toMatch(/^W\//)
    // node:http, not fetch: fetch adds Cache-Control: no-cache to a conditional request.
    const status = await new Promise<number | undefined>((resolve, reject) =>
      http
        .get(
          new URL(path, server.url),
          {
            headers: {
              cookie: ownerAgent.cookies.size
                ? [...ownerAgent.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
                : '',
              'if-none-match': etag!,
            },
          },
          (response) => {
            response.resume()
            resolve(response.statusCode)
          },
        )
        .on('error', reject),
    )
    expect(status).toBe(304)

    const replied = await ownerAgent.post(`/api/threads/${thread.id}/comments`, { body: 'Which sense?' })
    expect((await list()).comments.map((c: { body: string }) => c.body)).toEqual([
      'Define it.',
      'Which sense?',
    ])

    await ownerAgent.request('PATCH', `/api/comments/${replied.body.id}`, {
      json: { body: 'In which sense?' },
    })
    expect((await list()).comments[1]).toMatchObject({
      body: 'In which sense?',
      editedAt: expect.any(String),
    })

    await ownerAgent.delete(`/api/comments/${replied.body.id}`)
    expect((await list()).comments[1]).toMatchObject({ body: '', deleted: true })

    await ownerAgent.post(`/api/threads/${thread.id}/support`)
    expect((await list()).supporters.map((s: { country: string }) => s.country)).toEqual(['CN'])

    await expertAgent.request('PATCH', `/api/threads/${thread.id}`, { json: { type: 'editorial' } })
    expect((await list()).type).toBe('editorial')

    await ownerAgent.post(`/api/threads/${thread.id}/resolve`, { resolution: 'noted' })
    expect(await list()).toMatchObject({ status: 'resolved', resolution: 'noted' })

    await expertAgent.post(`/api/documents/${documentId}/threads`, {
      anchor: { document: true },
      body: 'More',
    })
    expect((await ownerAgent.get(`/api/documents/${documentId}/threads`)).body.items).toHaveLength(2)
  })

  it('shows a renamed author, and a change written straight to the database (any process, any path)', async () => {
    const { expert, documentId, ownerAgent, expertAgent, thread } = await world()
    const list = async () => (await ownerAgent.get(`/api/documents/${documentId}/threads`)).body.items[0]
    expect((await list()).author.name).toBe('Kagiso Mothibi')
    await expertAgent.request('PATCH', '/api/users/me', {
      json: { organization: 'Botswana Open University' },
    })
    expect((await list()).author.organization).toBe('Botswana Open University')
    expect((await list()).comments[0].author.organization).toBe('Botswana Open University')

    await pool().query("UPDATE comments SET body = 'Changed elsewhere' WHERE thread_id = $1", [thread.id])
    expect((await list()).comments[0].body).toBe('Changed elsewhere')
    await pool().query("UPDATE threads SET status = 'resolved', resolution = 'rejected' WHERE id = $1", [
      thread.id,
    ])
    expect((await list()).status).toBe('resolved')
    await pool().query('DELETE FROM thread_supports WHERE thread_id = $1', [thread.id])
    await pool().query('INSERT INTO thread_supports (thread_id, user_id) VALUES ($1, $2)', [
      thread.id,
      expert.id,
    ])
    expect((await list()).supporters.map((s: { id: string }) => s.id)).toEqual([expert.id])
  })

  it('follows the live text: an edit moves the anchor in the next list', async () => {
    const { owner, documentId, ownerAgent, thread } = await world()
    const list = async () => (await ownerAgent.get(`/api/documents/${documentId}/threads`)).body.items[0]
    expect((await list()).anchor.from).toBe(thread.anchor.from)
    const client = connectCollab(server.url, await as(owner), documentId)
    clients.push(client)
    await client.synced
    const paragraph = client.doc.getXmlFragment('prosemirror').get(1) as Y.XmlElement
    ;(paragraph.get(0) as Y.XmlText).insert(0, 'In short: ')
    await client.saved()
    expect((await list()).anchor).toMatchObject({ from: thread.anchor.from + 10, currentText: 'reliable' })
  })

  it('keys answers by query, and still asks who may see them on every request', async () => {
    const { viewer, expert, documentId, ownerAgent, expertAgent, thread } = await world()
    await expertAgent.post(`/api/documents/${documentId}/threads`, {
      anchor: { document: true },
      body: 'Two',
    })
    const path = `/api/documents/${documentId}/threads`
    expect((await ownerAgent.get(`${path}?limit=1`)).body.items).toHaveLength(1)
    expect((await ownerAgent.get(`${path}?limit=2`)).body.items).toHaveLength(2)
    expect((await ownerAgent.get(`${path}?q=Two`)).body.items.map((t: { id: string }) => t.id)).not.toContain(
      thread.id,
    )
    const viewerAgent = await as(viewer)
    expect((await viewerAgent.get(path)).status).toBe(200)
    expect((await ownerAgent.delete(`/api/documents/${documentId}/members/${viewer.id}`)).status).toBe(204)
    expect((await viewerAgent.get(path)).status).toBe(404)
    expect((await expertAgent.get(path)).status).toBe(200)
    expect(
      (await ownerAgent.request('PATCH', `/api/admin/users/${expert.id}`, { json: { disabled: true } }))
        .status,
    ).toBe(200)
    expect((await expertAgent.get(path)).status).toBe(401)
  })
})
