import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { givenUser, testPassword } from '../support/given.ts'
import { HttpAgent } from '../support/http-agent.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server?.stop())

describe('session', () => {
  it('gives a signed-out caller a CSRF token with its 401', async () => {
    const agent = new HttpAgent(server.url)
    const response = await agent.get('/api/session')
    expect(response.status).toBe(401)
    expect(response.body.error.code).toBe('unauthenticated')
    expect(response.body.csrfToken).toMatch(/^[\w-]{40,}$/)
  })

  it('refuses sign-in without the CSRF header', async () => {
    const user = await givenUser(server.ctx.db.pool)
    const agent = new HttpAgent(server.url)
    await agent.get('/api/session')
    const response = await agent.request('POST', '/api/session', {
      json: { email: user.email, password: testPassword },
      csrf: false,
    })
    expect(response.status).toBe(403)
    expect(response.body.error.code).toBe('csrf_failed')
  })

  it('signs in, regenerates the session id, and answers the user with a new CSRF token', async () => {
    const user = await givenUser(server.ctx.db.pool, { country: 'VN', organization: 'Hanoi Open University' })
    const agent = new HttpAgent(server.url)
    await agent.get('/api/session')
    const before = agent.cookies.get('marginalia.sid')
    const anonymousToken = agent.csrfToken
    const response = await agent.post('/api/session', {
      email: user.email.toUpperCase(),
      password: testPassword,
    })
    expect(response.status).toBe(200)
    expect(response.body.user).toEqual(user)
    expect(response.body.user).not.toHaveProperty('passwordHash')
    expect(agent.cookies.get('marginalia.sid')).not.toBe(before)
    expect(response.body.csrfToken).not.toBe(anonymousToken)
    const me = await agent.get('/api/session')
    expect(me.status).toBe(200)
    expect(me.body.user.country).toBe('VN')
  })

  it('sets an HttpOnly, SameSite=Lax session cookie without Secure on http', async () => {
    const agent = new HttpAgent(server.url)
    const response = await agent.get('/api/session')
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('marginalia.sid='))
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    expect(cookie).not.toMatch(/Secure/i)
  })

  it('answers a wrong password and an unknown email the same way', async () => {
    const user = await givenUser(server.ctx.db.pool)
    const agent = new HttpAgent(server.url)
    await agent.get('/api/session')
    const wrong = await agent.post('/api/session', { email: user.email, password: 'not the password' })
    const unknown = await agent.post('/api/session', {
      email: 'nobody@test.example',
      password: 'not the password',
    })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(wrong.body).toEqual(unknown.body)
    expect(wrong.body.error.code).toBe('invalid_credentials')
  })

  it('names the missing fields of a sign-in', async () => {
    const agent = new HttpAgent(server.url)
    await agent.get('/api/session')
    const response = await agent.post('/api/session', { email: '' })
    expect(response.status).toBe(400)
    expect(response.body.error.code).toBe('invalid_request')
    expect(Object.keys(response.body.error.details.fields).sort()).toEqual(['email', 'password'])
  })

  it('refuses a disabled account, and signs out a disabled account at once', async () => {
    const pool = server.ctx.db.pool
    const user = await givenUser(pool)
    const agent = new HttpAgent(server.url)
    await agent.signIn(user.email, testPassword)
    await pool.query('UPDATE users SET disabled_at = now() WHERE id = $1', [user.id])
    expect((await agent.get('/api/session')).status).toBe(401)
    const again = await agent.post('/api/session', { email: user.email, password: testPassword })
    expect(again.status).toBe(401)
  })

  it('destroys the session server-side at sign-out, so the old cookie is worthless', async () => {
    const user = await givenUser(server.ctx.db.pool)
    const agent = new HttpAgent(server.url)
    await agent.signIn(user.email, testPassword)
    const stolenCookie = agent.cookies.get('marginalia.sid')!
    const sid = decodeURIComponent(stolenCookie).slice(2).split('.')[0]
    expect((await agent.delete('/api/session')).status).toBe(204)
    const rows = await server.ctx.db.pool.query('SELECT 1 FROM session WHERE sid = $1', [sid])
    expect(rows.rowCount).toBe(0)
    const replay = new HttpAgent(server.url)
    replay.cookies.set('marginalia.sid', stolenCookie)
    expect((await replay.get('/api/session')).status).toBe(401)
  })
})
