import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signInLimits } from '../../server/services/sign-in-limiter.ts'
import { givenDocument, givenUser, testPassword } from '../support/given.ts'
import { HttpAgent } from '../support/http-agent.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

let server: TestServer
const pool = () => server.ctx.db.pool

beforeAll(async () => {
  // Behind a (pretend) proxy on loopback, so tests can speak from several client addresses.
  server = await startTestServer({ TRUST_PROXY: 'loopback' })
})
afterAll(() => server?.stop())

async function signedIn(user: { email: string }, headers: Record<string, string> = {}) {
  const agent = new HttpAgent(server.url)
  await agent.get('/api/session')
  const response = await agent.request('POST', '/api/session', {
    json: { email: user.email, password: testPassword },
    headers,
  })
  if (response.status !== 200) throw new Error(response.text)
  return agent
}

describe('my profile', () => {
  it('reads and changes my own name, country, organization and locale', async () => {
    const user = await givenUser(pool())
    const agent = await signedIn(user)
    expect((await agent.get('/api/users/me')).body.id).toBe(user.id)
    const changed = await agent.request('PATCH', '/api/users/me', {
      json: { name: 'Siti Rahayu', country: 'id', organization: 'Universitas Terbuka', locale: 'id-ID' },
    })
    expect(changed.body).toMatchObject({
      name: 'Siti Rahayu',
      country: 'ID',
      organization: 'Universitas Terbuka',
      locale: 'id-ID',
    })
    const bad = await agent.request('PATCH', '/api/users/me', {
      json: { country: 'Indonesia', locale: 'not a tag!', isAdmin: true },
    })
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body.error.details.fields).sort()).toEqual(['(body)', 'country', 'locale'])
  })
})

describe('admin', () => {
  it('disables an account and ends its sessions at once; enables it again', async () => {
    const admin = await givenUser(pool(), { isAdmin: true })
    const expert = await givenUser(pool())
    const expertAgent = await signedIn(expert)
    const adminAgent = await signedIn(admin)
    const disabled = await adminAgent.request('PATCH', `/api/admin/users/${expert.id}`, {
      json: { disabled: true },
    })
    expect(disabled.body.user).toMatchObject({ id: expert.id, disabled: true })
    expect((await expertAgent.get('/api/users/me')).status).toBe(401)
    const { rows } = await pool().query(
      `SELECT count(*)::int AS n FROM session WHERE sess -> 'passport' ->> 'user' = $1`,
      [expert.id],
    )
    expect(rows[0].n).toBe(0)
    await adminAgent.request('PATCH', `/api/admin/users/${expert.id}`, { json: { disabled: false } })
    expect((await signedIn(expert).then((a) => a.get('/api/users/me'))).status).toBe(200)
  })

  it('keeps an admin from disabling or demoting themselves', async () => {
    const admin = await givenUser(pool(), { isAdmin: true })
    const agent = await signedIn(admin)
    expect(
      (await agent.request('PATCH', `/api/admin/users/${admin.id}`, { json: { disabled: true } })).status,
    ).toBe(409)
    expect(
      (await agent.request('PATCH', `/api/admin/users/${admin.id}`, { json: { isAdmin: false } })).status,
    ).toBe(409)
  })

  it('creates an account without a password and answers a single-use link to set one', async () => {
    const admin = await givenUser(pool(), { isAdmin: true })
    const agent = await signedIn(admin)
    const created = await agent.post('/api/admin/users', {
      email: 'farah@aiou.example',
      name: 'Farah Khan',
      country: 'PK',
      canCreateDocuments: true,
    })
    expect(created.status).toBe(201)
    expect(created.body.user).toMatchObject({
      email: 'farah@aiou.example',
      canCreateDocuments: true,
      disabled: false,
    })
    const token = created.body.passwordReset.url.split('/reset/')[1]
    const visitor = new HttpAgent(server.url)
    await visitor.get('/api/session')
    expect((await visitor.get(`/api/password-resets/${token}`)).status).toBe(200)
    expect(
      (await visitor.post(`/api/password-resets/${token}`, { password: 'her own new password' })).status,
    ).toBe(204)
    expect(
      (await visitor.post(`/api/password-resets/${token}`, { password: 'her own new password' })).status,
    ).toBe(410)
    const farah = await visitor.post('/api/session', {
      email: 'farah@aiou.example',
      password: 'her own new password',
    })
    expect(farah.status).toBe(200)
    const duplicate = await agent.post('/api/admin/users', { email: 'FARAH@aiou.example', name: 'Again' })
    expect(duplicate.status).toBe(409)
  })

  it('searches users by name, email, organization or country, and pages through them', async () => {
    const admin = await givenUser(pool(), { isAdmin: true })
    await givenUser(pool(), { name: 'Nguyen Thi Lan', country: 'VN', organization: 'Hanoi Open University' })
    const agent = await signedIn(admin)
    for (const q of ['nguyen', 'hanoi open', 'VN']) {
      const found = await agent.get(`/api/admin/users?q=${encodeURIComponent(q)}`)
      expect(found.body.items.map((u: { name: string }) => u.name)).toContain('Nguyen Thi Lan')
    }
    const first = await agent.get('/api/admin/users?limit=2')
    const second = await agent.get(`/api/admin/users?limit=2&cursor=${first.body.nextCursor}`)
    expect(
      second.body.items[0].name.localeCompare(first.body.items[1].name, 'en', { sensitivity: 'base' }),
    ).toBeGreaterThanOrEqual(0)
    const wildcard = await agent.get('/api/admin/users?q=%25')
    expect(wildcard.body.items).toEqual([])
  })

  it('lists every document with its owners and member count, and audits what admins do', async () => {
    const admin = await givenUser(pool(), { isAdmin: true })
    const owner = await givenUser(pool(), { name: 'Zanele Owner' })
    const documentId = await givenDocument(pool(), 'Overview draft', [[owner, 'owner']])
    const agent = await signedIn(admin)
    const overview = await agent.get('/api/admin/documents?limit=100')
    expect(overview.body.items.find((d: { id: string }) => d.id === documentId)).toMatchObject({
      title: 'Overview draft',
      memberCount: 1,
      owners: [{ id: owner.id, name: 'Zanele Owner' }],
    })
    await agent.request('PATCH', `/api/admin/users/${owner.id}`, {
      json: { canCreateDocuments: true, resetPassword: true },
    })
    const { rows } = await pool().query('SELECT action FROM audit_log WHERE actor_id = $1 ORDER BY id', [
      admin.id,
    ])
    expect(rows.map((r) => r.action)).toEqual(['admin.user_updated', 'admin.password_reset_link'])
  })
})

describe('password reset by mail', () => {
  it('answers the same whether or not the email has an account, and mails only a real one', async () => {
    const user = await givenUser(pool())
    const visitor = new HttpAgent(server.url)
    await visitor.get('/api/session')
    const known = await visitor.post('/api/password-resets', { email: user.email })
    const unknown = await visitor.post('/api/password-resets', { email: 'nobody-here@test.example' })
    expect([known.status, unknown.status]).toEqual([202, 202])
    expect(known.body).toEqual(unknown.body)
    const { rows } = await pool().query('SELECT recipient, body FROM outbox WHERE recipient IN ($1, $2)', [
      user.email,
      'nobody-here@test.example',
    ])
    expect(rows.map((r) => r.recipient)).toEqual([user.email])
    expect(rows[0].body).toMatch(/\/reset\/[\w-]{43}/)
  })
})

describe('sign-in abuse resistance', () => {
  it('limits failed sign-ins per account with 429 and Retry-After, whether or not the account exists', async () => {
    const user = await givenUser(pool())
    for (const email of [user.email, 'ghost@test.example']) {
      const agent = new HttpAgent(server.url)
      await agent.get('/api/session')
      // A distinct address per account, so the per-address limit does not interfere.
      const headers = { 'x-forwarded-for': `203.0.113.${email.length}` }
      const statuses: number[] = []
      for (let i = 0; i < signInLimits.perAccount + 1; i++) {
        const r = await agent.request('POST', '/api/session', {
          json: { email, password: 'wrong password' },
          headers,
        })
        statuses.push(r.status)
      }
      expect(statuses.slice(0, signInLimits.perAccount).every((s) => s === 401)).toBe(true)
      const limited = await agent.request('POST', '/api/session', {
        json: { email, password: testPassword },
        headers,
      })
      expect(limited.status).toBe(429)
      expect(limited.body.error.code).toBe('rate_limited')
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    }
  })

  it('limits failed sign-ins per address, across accounts', async () => {
    const agent = new HttpAgent(server.url)
    await agent.get('/api/session')
    const headers = { 'x-forwarded-for': '198.51.100.7' }
    for (let i = 0; i < signInLimits.perAddress; i++) {
      await agent.request('POST', '/api/session', {
        json: { email: `spray-${i}@test.example`, password: 'x' },
        headers,
      })
    }
    const user = await givenUser(pool())
    const blocked = await agent.request('POST', '/api/session', {
      json: { email: user.email, password: testPassword },
      headers,
    })
    expect(blocked.status).toBe(429)
    const elsewhere = await agent.request('POST', '/api/session', {
      json: { email: user.email, password: testPassword },
      headers: { 'x-forwarded-for': '198.51.100.8' },
    })
    expect(elsewhere.status).toBe(200)
  })

  it("clears an account's failures after a successful sign-in", async () => {
    const user = await givenUser(pool())
    const agent = new HttpAgent(server.url)
    await agent.get('/api/session')
    for (let i = 0; i < signInLimits.perAccount - 1; i++)
      await agent.post('/api/session', { email: user.email, password: 'nope' })
    expect((await agent.post('/api/session', { email: user.email, password: testPassword })).status).toBe(200)
    expect((await agent.post('/api/session', { email: user.email, password: 'nope' })).status).toBe(401)
  })
})
