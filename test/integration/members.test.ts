import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { givenDocument, givenUser, testPassword } from '../support/given.ts'
import { HttpAgent } from '../support/http-agent.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

let server: TestServer
const pool = () => server.ctx.db.pool

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server?.stop())

async function world() {
  const [owner, editor, author, expert] = [
    await givenUser(pool(), { name: 'Owner' }),
    await givenUser(pool(), { name: 'Editor' }),
    await givenUser(pool(), { name: 'Author' }),
    await givenUser(pool(), { name: 'Expert', country: 'PK', organization: 'AIOU' }),
  ]
  const documentId = await givenDocument(pool(), 'Guidelines', [
    [owner, 'owner'],
    [editor, 'editor'],
    [author, 'author'],
    [expert, 'commenter'],
  ])
  const as = async (user: { email: string }) => {
    const agent = new HttpAgent(server.url)
    await agent.signIn(user.email, testPassword)
    return agent
  }
  return { owner, editor, author, expert, documentId, as }
}

describe('members', () => {
  it('lists members with name, country, organization and role, widest role first', async () => {
    const { documentId, editor, as } = await world()
    const response = await (await as(editor)).get(`/api/documents/${documentId}/members`)
    expect(response.body.items.map((m: { role: string }) => m.role)).toEqual([
      'owner',
      'editor',
      'author',
      'commenter',
    ])
    expect(response.body.items[3].user).toMatchObject({ name: 'Expert', country: 'PK', organization: 'AIOU' })
  })

  it('lets an editor change and remove members up to editor, and records both in the audit log', async () => {
    const { documentId, editor, expert, as } = await world()
    const agent = await as(editor)
    const changed = await agent.request('PUT', `/api/documents/${documentId}/members/${expert.id}`, {
      json: { role: 'author' },
    })
    expect(changed.body).toMatchObject({ role: 'author', user: { id: expert.id } })
    expect((await agent.delete(`/api/documents/${documentId}/members/${expert.id}`)).status).toBe(204)
    const audit = await agent.get(`/api/documents/${documentId}/audit`)
    expect(audit.body.items.slice(0, 2)).toMatchObject([
      {
        action: 'member.removed',
        actor: { id: editor.id },
        target: { id: expert.id },
        details: { role: 'author' },
      },
      { action: 'member.role_changed', details: { from: 'commenter', to: 'author' } },
    ])
    const gone = await (await as(expert)).get(`/api/documents/${documentId}`)
    expect(gone.status).toBe(404)
  })

  it('keeps an editor from granting owner or touching an owner', async () => {
    const { documentId, owner, editor, expert, as } = await world()
    const agent = await as(editor)
    const grant = await agent.request('PUT', `/api/documents/${documentId}/members/${expert.id}`, {
      json: { role: 'owner' },
    })
    expect(grant.status).toBe(403)
    const demote = await agent.request('PUT', `/api/documents/${documentId}/members/${owner.id}`, {
      json: { role: 'viewer' },
    })
    expect(demote.status).toBe(403)
    expect((await agent.delete(`/api/documents/${documentId}/members/${owner.id}`)).status).toBe(403)
  })

  it('never leaves a document without an owner', async () => {
    const { documentId, owner, editor, as } = await world()
    const agent = await as(owner)
    const demote = await agent.request('PUT', `/api/documents/${documentId}/members/${owner.id}`, {
      json: { role: 'editor' },
    })
    expect([demote.status, demote.body.error.code]).toEqual([409, 'conflict'])
    expect((await agent.delete(`/api/documents/${documentId}/members/${owner.id}`)).status).toBe(409)
    // With a second owner, the first may step down.
    await agent.request('PUT', `/api/documents/${documentId}/members/${editor.id}`, {
      json: { role: 'owner' },
    })
    const stepDown = await agent.request('PUT', `/api/documents/${documentId}/members/${owner.id}`, {
      json: { role: 'editor' },
    })
    expect(stepDown.body.role).toBe('editor')
  })

  it('lets only one of two owners demote the other at the same moment', async () => {
    const { documentId, owner, editor, as } = await world()
    const ownerAgent = await as(owner)
    await ownerAgent.request('PUT', `/api/documents/${documentId}/members/${editor.id}`, {
      json: { role: 'owner' },
    })
    const editorAgent = await as(editor)
    const results = await Promise.all([
      ownerAgent.request('PUT', `/api/documents/${documentId}/members/${editor.id}`, {
        json: { role: 'editor' },
      }),
      editorAgent.request('PUT', `/api/documents/${documentId}/members/${owner.id}`, {
        json: { role: 'editor' },
      }),
    ])
    // One wins; the other is refused: 409 when it reached the owner check, 403 when its access check
    // already saw the demotion. Either way exactly one owner remains.
    const statuses = results.map((r) => r.status).sort()
    expect(statuses[0]).toBe(200)
    expect([403, 409]).toContain(statuses[1])
    const { rows } = await pool().query(
      "SELECT count(*)::int AS n FROM document_members WHERE document_id = $1 AND role = 'owner'",
      [documentId],
    )
    expect(rows[0].n).toBe(1)
  })

  it('answers 404 for a member who is not there and names a bad role', async () => {
    const { documentId, owner, as } = await world()
    const stranger = await givenUser(pool())
    const agent = await as(owner)
    expect(
      (
        await agent.request('PUT', `/api/documents/${documentId}/members/${stranger.id}`, {
          json: { role: 'viewer' },
        })
      ).status,
    ).toBe(404)
    expect((await agent.delete(`/api/documents/${documentId}/members/not-a-uuid`)).status).toBe(404)
    const bad = await agent.request('PUT', `/api/documents/${documentId}/members/${stranger.id}`, {
      json: { role: 'emperor' },
    })
    expect(bad.body.error.details.fields).toHaveProperty('role')
  })
})

describe('documents: create, rename, phases, delete', () => {
  it('lets admins and allowed users create documents, owned by their creator', async () => {
    const admin = await givenUser(pool(), { isAdmin: true })
    const agent = new HttpAgent(server.url)
    await agent.signIn(admin.email, testPassword)
    const created = await agent.post('/api/documents', {
      title: '  Guidelines v2  ',
      markdown: '# Guidelines v2\n\nText.',
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ title: 'Guidelines v2', role: 'owner', phase: 'drafting' })
    const content = await agent.get(`/api/documents/${created.body.id}/content?format=text`)
    expect(content.text).toContain('Text.')
    const empty = await agent.post('/api/documents', { title: '   ' })
    expect(empty.body.error.details.fields).toHaveProperty('title')
  })

  it('moves phases one step at a time, with a deadline in the future, audited', async () => {
    const { documentId, editor, as } = await world()
    const agent = await as(editor)
    const skip = await agent.request('PATCH', `/api/documents/${documentId}`, { json: { phase: 'final' } })
    expect([skip.status, skip.body.error.code]).toEqual([409, 'conflict'])
    const past = await agent.request('PATCH', `/api/documents/${documentId}`, {
      json: { phase: 'consultation', commentDeadline: '2020-01-01T00:00:00Z' },
    })
    expect(past.body.error.details.fields).toHaveProperty('commentDeadline')
    const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString()
    const opened = await agent.request('PATCH', `/api/documents/${documentId}`, {
      json: { phase: 'consultation', commentDeadline: deadline, title: 'Guidelines (consultation)' },
    })
    expect(opened.body).toMatchObject({
      phase: 'consultation',
      commentDeadline: deadline,
      title: 'Guidelines (consultation)',
    })
    const audit = await agent.get(`/api/documents/${documentId}/audit`)
    expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'document.deadline_changed',
      'document.phase_changed',
      'document.renamed',
    ])
    const garbage = await agent.request('PATCH', `/api/documents/${documentId}`, {
      json: { commentDeadline: 'next Tuesday' },
    })
    expect(garbage.body.error.details.fields).toHaveProperty('commentDeadline')
  })

  it('lets only the owner delete, and then the document is gone for everyone', async () => {
    const { documentId, owner, editor, as } = await world()
    expect((await (await as(editor)).delete(`/api/documents/${documentId}`)).status).toBe(403)
    const ownerAgent = await as(owner)
    expect((await ownerAgent.delete(`/api/documents/${documentId}`)).status).toBe(204)
    expect((await ownerAgent.get(`/api/documents/${documentId}`)).status).toBe(404)
  })
})
