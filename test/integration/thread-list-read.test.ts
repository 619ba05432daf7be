import http from 'node:http'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { UserDto } from '../../shared/api/users.ts'
import { givenDocument, givenThread, givenUser, testPassword } from '../support/given.ts'
import { HttpAgent } from '../support/http-agent.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

// The thread list is served ahead of the /api pipeline (server/http/thread-list-read.ts) when the session is
// good; every other case falls through to the pipeline. Both paths must answer alike, headers included.
let server: TestServer
let owner: UserDto
let documentId: string
const pool = () => server.ctx.db.pool
const listPath = () => `/api/documents/${documentId}/threads`

async function signedIn(user: UserDto): Promise<HttpAgent> {
  const agent = new HttpAgent(server.url)
  await agent.signIn(user.email, testPassword)
  return agent
}

/** The session id an agent's signed cookie (`s:<id>.<mac>`, URI-encoded) carries. */
function sessionIdOf(agent: HttpAgent): string {
  const signed = decodeURIComponent(agent.cookies.get('marginalia.sid') ?? '')
  return signed.slice(2, signed.lastIndexOf('.'))
}

/** A GET with Node's http client, which sends only the headers given and hands the body over as it came. */
function rawGet(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = http.get(new URL(path, server.url), { headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      )
    })
    request.on('error', reject)
  })
}

/** A `Set-Cookie` value without its expiry, which moves with the clock. */
const withoutExpiry = (cookie: string | null) => cookie?.replace(/Expires=[^;]+/, 'Expires=…')

beforeAll(async () => {
  server = await startTestServer()
  owner = await givenUser(pool(), { name: 'Kagiso Mothibi', country: 'BW' })
  documentId = await givenDocument(pool(), 'Guidelines', [[owner, 'owner']])
  for (let i = 0; i < 30; i++) await givenThread(pool(), documentId, owner, `Remark ${i} `.repeat(10))
})
afterAll(async () => {
  await server?.stop()
})

describe('the thread list read ahead of the pipeline', () => {
  it('answers a member with the list, renewing the session as express-session does', async () => {
    const agent = await signedIn(owner)
    const sid = sessionIdOf(agent)
    await pool().query(`UPDATE session SET expire = now() + interval '1 hour' WHERE sid = $1`, [sid])

    const list = await agent.get(listPath())
    expect(list.status).toBe(200)
    expect(list.body.items).toHaveLength(30)
    expect(list.headers.get('cache-control')).toBe('no-store')
    expect(list.headers.get('x-request-id')).toBeTruthy()
    expect(list.headers.get('content-security-policy')).toContain("default-src 'self'")

    // The same cookie, attribute for attribute, as the pipeline renews it on another read.
    const other = await agent.get(`/api/documents/${documentId}`)
    expect(other.status).toBe(200)
    expect(withoutExpiry(list.headers.get('set-cookie'))).toBe(withoutExpiry(other.headers.get('set-cookie')))
    const expires = Date.parse(/Expires=([^;]+)/.exec(list.headers.get('set-cookie') ?? '')?.[1] ?? '')
    expect(expires).toBeGreaterThan(Date.now() + 13 * 24 * 3600 * 1000)

    const { rows } = await pool().query<{ expire: Date }>('SELECT expire FROM session WHERE sid = $1', [sid])
    expect(rows[0]!.expire.getTime()).toBeGreaterThan(Date.now() + 13 * 24 * 3600 * 1000)
  })

  it('answers 304 to a caller that has the answer, and gzip to a caller that takes it', async () => {
    const agent = await signedIn(owner)
    const cookie = `marginalia.sid=${agent.cookies.get('marginalia.sid')}`
    const zipped = await rawGet(listPath(), { cookie, 'accept-encoding': 'gzip' })
    expect(zipped.headers['content-encoding']).toBe('gzip')
    expect(zipped.headers.vary).toContain('Accept-Encoding')
    expect(JSON.parse(gunzipSync(zipped.body).toString()).items).toHaveLength(30)

    const again = await rawGet(listPath(), { cookie, 'if-none-match': String(zipped.headers.etag) })
    expect(again.status).toBe(304)
    expect(again.body.byteLength).toBe(0)
  })

  it('leaves every other case to the pipeline, with its usual errors', async () => {
    const agent = await signedIn(owner)
    const cookie = agent.cookies.get('marginalia.sid')!
    const ask = async (value: string | undefined, path = listPath()) => {
      const answer = await rawGet(path, value === undefined ? {} : { cookie: value })
      return { status: answer.status, body: JSON.parse(answer.body.toString()) }
    }

    expect(await ask(undefined)).toMatchObject({ status: 401, body: { error: { code: 'unauthenticated' } } })
    const forged = cookie.replace(/\.[^.]+$/, '.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')
    expect((await ask(`marginalia.sid=${forged}`)).body.error.code).toBe('unauthenticated')
    expect((await ask('marginalia.sid=%E0%A4%A')).status).toBe(401)
    expect((await ask(`other=1; xmarginalia.sid=${cookie}`)).status).toBe(401)

    const bad = await ask(`marginalia.sid=${cookie}`, `${listPath()}?limit=0`)
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.body)).toContain('limit')

    const stranger = await givenUser(pool())
    const strangerAgent = await signedIn(stranger)
    expect((await strangerAgent.get(listPath())).status).toBe(404)

    const disabled = await givenUser(pool())
    await pool().query(
      `INSERT INTO document_members (document_id, user_id, role) VALUES ($1, $2, 'viewer')`,
      [documentId, disabled.id],
    )
    const disabledAgent = await signedIn(disabled)
    expect((await disabledAgent.get(listPath())).status).toBe(200)
    await pool().query('UPDATE users SET disabled_at = now() WHERE id = $1', [disabled.id])
    expect((await disabledAgent.get(listPath())).status).toBe(401)

    await pool().query(`UPDATE session SET expire = now() - interval '1 minute' WHERE sid = $1`, [
      sessionIdOf(agent),
    ])
    expect((await ask(`marginalia.sid=${cookie}`)).status).toBe(401)
  })
})
