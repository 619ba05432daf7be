import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashToken } from '../../server/services/tokens.ts'
import { givenDocument, givenUser, testPassword } from '../support/given.ts'
import { HttpAgent } from '../support/http-agent.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

let server: TestServer
const pool = () => server.ctx.db.pool

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server?.stop())

async function editorWithDocument() {
  const editor = await givenUser(pool(), { name: 'Li Wei', country: 'CN' })
  const documentId = await givenDocument(pool(), 'Benchmarking draft', [[editor, 'owner']])
  const agent = new HttpAgent(server.url)
  await agent.signIn(editor.email, testPassword)
  return { editor, documentId, agent }
}

const account = (email: string) => ({
  name: 'Kagiso Mothibi',
  email,
  password: testPassword,
  country: 'bw',
  organization: 'BOU',
})

describe('invitations', () => {
  it('creates a single-use link, keeps only its hash, and lets a new expert join as a commenter', async () => {
    const { documentId, agent } = await editorWithDocument()
    const created = await agent.post(`/api/documents/${documentId}/invites`, { role: 'commenter' })
    expect(created.status).toBe(201)
    expect(created.body.token).toMatch(/^[\w-]{43}$/)
    expect(created.body.url).toBe(`${server.ctx.config.publicUrl}/invite/${created.body.token}`)
    expect(created.body.status).toBe('pending')
    expect(Date.parse(created.body.expiresAt) - Date.now()).toBeGreaterThan(13.9 * 86_400_000)

    const stored = await pool().query('SELECT token_hash FROM invites WHERE id = $1', [created.body.id])
    expect(stored.rows[0].token_hash).toBe(hashToken(created.body.token))
    const leaked = await pool().query('SELECT count(*)::int AS n FROM invites WHERE token_hash = $1', [
      created.body.token,
    ])
    expect(leaked.rows[0].n).toBe(0)

    const expert = new HttpAgent(server.url)
    await expert.get('/api/session')
    const preview = await expert.get(`/api/invites/${created.body.token}`)
    expect(preview.body).toMatchObject({
      documentId,
      documentTitle: 'Benchmarking draft',
      role: 'commenter',
      invitedBy: 'Li Wei',
    })
    const accepted = await expert.post(
      `/api/invites/${created.body.token}/accept`,
      account(`kagiso-${Date.now()}@bou.example`),
    )
    expect(accepted.status).toBe(200)
    expect(accepted.body).toMatchObject({
      documentId,
      role: 'commenter',
      user: { country: 'BW', organization: 'BOU' },
    })
    const document = await expert.get(`/api/documents/${documentId}`)
    expect(document.body.role).toBe('commenter')
    expect(document.body.capabilities).not.toContain('edit')

    const again = new HttpAgent(server.url)
    await again.get('/api/session')
    expect((await again.get(`/api/invites/${created.body.token}`)).body.error.code).toBe('invite_used')
    const reuse = await again.post(
      `/api/invites/${created.body.token}/accept`,
      account(`other-${Date.now()}@x.example`),
    )
    expect(reuse.status).toBe(410)
    expect(reuse.body.error.code).toBe('invite_used')
  })

  it('refuses an expired link with 410 invite_expired, and an unknown or malformed one with 404', async () => {
    const { documentId, agent } = await editorWithDocument()
    const created = await agent.post(`/api/documents/${documentId}/invites`, {
      role: 'viewer',
      expiresInDays: 1,
    })
    await pool().query("UPDATE invites SET expires_at = now() - interval '1 minute' WHERE id = $1", [
      created.body.id,
    ])
    const visitor = new HttpAgent(server.url)
    await visitor.get('/api/session')
    const expired = await visitor.get(`/api/invites/${created.body.token}`)
    expect([expired.status, expired.body.error.code]).toEqual([410, 'invite_expired'])
    expect((await visitor.get(`/api/invites/${'x'.repeat(43)}`)).status).toBe(404)
    expect((await visitor.get('/api/invites/short')).status).toBe(404)
    const listed = await agent.get(`/api/documents/${documentId}/invites`)
    expect(listed.body.items[0]).toMatchObject({ id: created.body.id, status: 'expired' })
  })

  it('lets only one of two people racing for a link join', async () => {
    const { documentId, agent } = await editorWithDocument()
    const { body } = await agent.post(`/api/documents/${documentId}/invites`, { role: 'commenter' })
    const [a, b] = [new HttpAgent(server.url), new HttpAgent(server.url)]
    await Promise.all([a.get('/api/session'), b.get('/api/session')])
    const results = await Promise.all([
      a.post(`/api/invites/${body.token}/accept`, account(`race-a-${Date.now()}@x.example`)),
      b.post(`/api/invites/${body.token}/accept`, account(`race-b-${Date.now()}@x.example`)),
    ])
    expect(results.map((r) => r.status).sort()).toEqual([200, 410])
  })

  it('adds the role to a signed-in account, keeping a wider role it already has', async () => {
    const { documentId, agent } = await editorWithDocument()
    const author = await givenUser(pool())
    const member = new HttpAgent(server.url)
    await member.signIn(author.email, testPassword)
    const first = await agent.post(`/api/documents/${documentId}/invites`, { role: 'author' })
    expect((await member.post(`/api/invites/${first.body.token}/accept`, {})).body.role).toBe('author')
    const second = await agent.post(`/api/documents/${documentId}/invites`, { role: 'viewer' })
    expect((await member.post(`/api/invites/${second.body.token}/accept`, {})).body.role).toBe('author')
  })

  it('asks an invitee whose email has an account to sign in first, and names missing fields', async () => {
    const { documentId, agent } = await editorWithDocument()
    const existing = await givenUser(pool())
    const { body } = await agent.post(`/api/documents/${documentId}/invites`, { role: 'commenter' })
    const visitor = new HttpAgent(server.url)
    await visitor.get('/api/session')
    const taken = await visitor.post(`/api/invites/${body.token}/accept`, account(existing.email))
    expect([taken.status, taken.body.error.code]).toEqual([409, 'conflict'])
    const missing = await visitor.post(`/api/invites/${body.token}/accept`, { name: 'X' })
    expect(missing.status).toBe(400)
    expect(Object.keys(missing.body.error.details.fields).sort()).toEqual(['country', 'password'])
    const badCountry = await visitor.post(`/api/invites/${body.token}/accept`, {
      ...account('c@x.example'),
      country: 'XX',
    })
    expect(badCountry.body.error.details.fields).toHaveProperty('country')
    // The link was not used up by the failed attempts.
    expect((await visitor.get(`/api/invites/${body.token}`)).status).toBe(200)
  })

  it('mails the link when an email is given, and never lets an editor invite an owner', async () => {
    const editor = await givenUser(pool())
    const documentId = await givenDocument(pool(), 'Draft', [
      [await givenUser(pool()), 'owner'],
      [editor, 'editor'],
    ])
    const agent = new HttpAgent(server.url)
    await agent.signIn(editor.email, testPassword)
    const owner = await agent.post(`/api/documents/${documentId}/invites`, { role: 'owner' })
    expect(owner.status).toBe(403)
    const mailed = await agent.post(`/api/documents/${documentId}/invites`, {
      role: 'commenter',
      email: 'siti@ut.example',
    })
    expect(mailed.status).toBe(201)
    const outbox = await pool().query("SELECT subject, body FROM outbox WHERE recipient = 'siti@ut.example'")
    expect(outbox.rows[0].subject).toContain('Draft')
    expect(outbox.rows[0].body).toContain(mailed.body.url)
  })

  it('stops a revoked link working', async () => {
    const { documentId, agent } = await editorWithDocument()
    const { body } = await agent.post(`/api/documents/${documentId}/invites`, { role: 'commenter' })
    expect((await agent.delete(`/api/documents/${documentId}/invites/${body.id}`)).status).toBe(204)
    const visitor = new HttpAgent(server.url)
    expect((await visitor.get(`/api/invites/${body.token}`)).status).toBe(404)
    expect((await agent.delete(`/api/documents/${documentId}/invites/${body.id}`)).status).toBe(404)
  })

  it('validates the invite request', async () => {
    const { documentId, agent } = await editorWithDocument()
    const response = await agent.post(`/api/documents/${documentId}/invites`, {
      role: 'king',
      expiresInDays: 400,
      email: 'no',
    })
    expect(response.status).toBe(400)
    expect(Object.keys(response.body.error.details.fields).sort()).toEqual(['email', 'expiresInDays', 'role'])
  })
})
