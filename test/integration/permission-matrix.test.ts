/**
 * The permission matrix, generated from the endpoint list and the capability table: every role, plus a
 * non-member, an instance admin who is not a member, a signed-out caller and a disabled member, against
 * every endpoint. An endpoint without a sample request here fails the test, so new endpoints must join.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertInvite } from '../../server/db/invites.repo.ts'
import { addMemberIfAbsent } from '../../server/db/members.repo.ts'
import type { Endpoint } from '../../server/http/endpoint.ts'
import { createPassport } from '../../server/http/passport.ts'
import { apiEndpoints } from '../../server/http/routes/index.ts'
import { issuePasswordReset } from '../../server/services/password-resets.service.ts'
import { newToken } from '../../server/services/tokens.ts'
import { takeVersion } from '../../server/services/versions.service.ts'
import type { UserDto } from '../../shared/api/users.ts'
import { can, type DocumentRole, documentRoles } from '../../shared/roles.ts'
import { givenDocument, givenTextThread, givenThread, givenUser, testPassword } from '../support/given.ts'
import { HttpAgent } from '../support/http-agent.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

type Caller = 'signed_out' | 'disabled' | 'outsider' | 'admin' | DocumentRole
const callers: Caller[] = ['signed_out', 'disabled', 'outsider', 'admin', ...documentRoles]

let server: TestServer
const people = {} as Record<Exclude<Caller, 'signed_out'>, UserDto>

/** A request to make for one case, and the status a success has. */
interface Sample {
  path: string
  body?: unknown
  /** A multipart body instead of JSON. */
  form?: FormData
  /** The status of an allowed call (default: 200). */
  success?: number
  /** Overrides the expectation for callers whose answer is not decided by access alone. */
  expect?: Partial<Record<Caller, number>>
}

type Sampler = (documentId: string, caller: Caller) => Promise<Sample>

const pool = () => server.ctx.db.pool
const unique = () => Math.random().toString(36).slice(2, 10)

async function freshInviteToken(documentId: string): Promise<string> {
  const { token, hash } = newToken()
  await insertInvite(pool(), {
    documentId,
    tokenHash: hash,
    role: 'commenter',
    email: null,
    createdBy: people.owner.id,
    expiresAt: new Date(Date.now() + 86_400_000),
  })
  return token
}

async function freshMember(documentId: string): Promise<string> {
  const user = await givenUser(pool())
  await addMemberIfAbsent(pool(), documentId, user.id, 'commenter')
  return user.id
}

const newAccount = () => ({
  name: 'New Expert',
  email: `new-${unique()}@test.example`,
  password: testPassword,
  country: 'MY',
})

/** One sample per endpoint, keyed `METHOD path`. */
const samples: Record<string, Sampler> = {
  'GET /session': async () => ({ path: '/api/session', expect: { signed_out: 401, disabled: 401 } }),
  'POST /session': async () => {
    const user = await givenUser(pool())
    return { path: '/api/session', body: { email: user.email, password: testPassword } }
  },
  'DELETE /session': async () => ({ path: '/api/session', success: 204 }),
  'GET /users/me': async () => ({ path: '/api/users/me' }),
  'PATCH /users/me': async () => ({
    path: '/api/users/me',
    body: { organization: 'Open University of Mauritius' },
  }),
  'GET /documents': async () => ({ path: '/api/documents' }),
  'POST /documents': async () => ({
    path: '/api/documents',
    body: { title: 'A new draft' },
    success: 201,
    // Only admins and users an admin allowed may create documents.
    expect: Object.fromEntries([...documentRoles, 'outsider'].map((caller) => [caller, 403])),
  }),
  'GET /documents/:documentId': async (id) => ({ path: `/api/documents/${id}` }),
  'PATCH /documents/:documentId': async (id) => ({
    path: `/api/documents/${id}`,
    body: { title: 'Renamed draft' },
  }),
  'DELETE /documents/:documentId': async (id) => ({ path: `/api/documents/${id}`, success: 204 }),
  'GET /documents/:documentId/content': async (id) => ({
    path: `/api/documents/${id}/content?format=markdown`,
  }),
  'GET /documents/:documentId/members': async (id) => ({ path: `/api/documents/${id}/members` }),
  'PUT /documents/:documentId/members/:userId': async (id) => ({
    path: `/api/documents/${id}/members/${await freshMember(id)}`,
    body: { role: 'viewer' },
  }),
  'DELETE /documents/:documentId/members/:userId': async (id) => ({
    path: `/api/documents/${id}/members/${await freshMember(id)}`,
    success: 204,
  }),
  'POST /documents/:documentId/invites': async (id) => ({
    path: `/api/documents/${id}/invites`,
    body: { role: 'commenter' },
    success: 201,
  }),
  'GET /documents/:documentId/invites': async (id) => ({ path: `/api/documents/${id}/invites` }),
  'DELETE /documents/:documentId/invites/:inviteId': async (id) => {
    await freshInviteToken(id)
    const { rows } = await pool().query(
      'SELECT id FROM invites WHERE document_id = $1 ORDER BY created_at DESC LIMIT 1',
      [id],
    )
    return { path: `/api/documents/${id}/invites/${rows[0].id}`, success: 204 }
  },
  'GET /documents/:documentId/audit': async (id) => ({ path: `/api/documents/${id}/audit` }),
  'GET /invites/:token': async (id) => ({ path: `/api/invites/${await freshInviteToken(id)}` }),
  'POST /invites/:token/accept': async (id) => ({
    path: `/api/invites/${await freshInviteToken(id)}/accept`,
    body: newAccount(),
  }),
  'POST /password-resets': async () => ({
    path: '/api/password-resets',
    body: { email: people.viewer.email },
    success: 202,
  }),
  'GET /password-resets/:token': async () => {
    const user = await givenUser(pool())
    return {
      path: new URL((await issuePasswordReset(pool(), 'http://x', user.id)).url).pathname.replace(
        '/reset/',
        '/api/password-resets/',
      ),
    }
  },
  'POST /password-resets/:token': async () => {
    const user = await givenUser(pool())
    const link = await issuePasswordReset(pool(), 'http://x', user.id)
    return {
      path: new URL(link.url).pathname.replace('/reset/', '/api/password-resets/'),
      body: { password: 'a brand new password' },
      success: 204,
    }
  },
  'GET /admin/users': async () => ({ path: '/api/admin/users?q=test' }),
  'POST /admin/users': async () => ({
    path: '/api/admin/users',
    body: { email: `made-${unique()}@test.example`, name: 'Made By Admin' },
    success: 201,
  }),
  'PATCH /admin/users/:userId': async () => ({
    path: `/api/admin/users/${(await givenUser(pool())).id}`,
    body: { canCreateDocuments: true },
  }),
  'GET /admin/documents': async () => ({ path: '/api/admin/documents' }),
  'GET /admin/collab': async () => ({ path: '/api/admin/collab' }),
  'GET /documents/:documentId/threads': async (id) => ({ path: `/api/documents/${id}/threads` }),
  'GET /documents/:documentId/people': async (id) => ({ path: `/api/documents/${id}/people` }),
  'GET /notifications': async () => ({ path: '/api/notifications?unread=true' }),
  'POST /notifications/read': async () => ({ path: '/api/notifications/read', body: {}, success: 204 }),
  'POST /documents/:documentId/threads': async (id) => ({
    path: `/api/documents/${id}/threads`,
    body: { anchor: { document: true }, body: 'A general remark.', type: 'general' },
    success: 201,
  }),
  'GET /threads/:threadId': async (id) => ({
    path: `/api/threads/${(await givenThread(pool(), id, people.owner)).threadId}`,
  }),
  'PATCH /threads/:threadId': async (id, caller) => ({
    path: `/api/threads/${(await givenThread(pool(), id, authorFor(caller))).threadId}`,
    body: { type: 'technical' },
  }),
  'POST /threads/:threadId/comments': async (id) => ({
    path: `/api/threads/${(await givenThread(pool(), id, people.owner)).threadId}/comments`,
    body: { body: 'A reply.' },
    success: 201,
  }),
  'POST /threads/:threadId/support': async (id) => ({
    path: `/api/threads/${(await givenThread(pool(), id, people.owner)).threadId}/support`,
  }),
  'DELETE /threads/:threadId/support': async (id) => ({
    path: `/api/threads/${(await givenThread(pool(), id, people.owner)).threadId}/support`,
  }),
  'POST /threads/:threadId/resolve': async (id) => ({
    path: `/api/threads/${(await givenThread(pool(), id, people.owner)).threadId}/resolve`,
    body: { resolution: 'noted', note: 'Thank you.' },
  }),
  'POST /threads/:threadId/reopen': async (id, caller) => {
    const { threadId } = await givenThread(pool(), id, authorFor(caller))
    await pool().query("UPDATE threads SET status = 'resolved', resolution = 'rejected' WHERE id = $1", [
      threadId,
    ])
    return { path: `/api/threads/${threadId}/reopen`, body: { body: 'I contest this decision.' } }
  },
  'POST /threads/:threadId/apply': async (id) => ({
    path: `/api/threads/${await givenTextThread(pool(), id, people.owner, { markdown: 'Alpha beta gamma.', quote: 'beta', proposedText: 'BETA' })}/apply`,
  }),
  'POST /documents/:documentId/threads/resolve': async (id) => ({
    path: `/api/documents/${id}/threads/resolve`,
    body: { threadIds: [(await givenThread(pool(), id, people.owner)).threadId], resolution: 'accepted' },
  }),
  'GET /documents/:documentId/progress': async (id) => ({ path: `/api/documents/${id}/progress` }),
  // Readers may export the clean draft; with its comments, only editors and owners (export_with_comments).
  'GET /documents/:documentId/export': async (id) => ({
    path: `/api/documents/${id}/export?format=md&comments=all`,
    expect: { viewer: 403, commenter: 403, author: 403 },
  }),
  'GET /documents/:documentId/disposition': async (id) => ({
    path: `/api/documents/${id}/disposition?format=csv`,
  }),
  'GET /documents/:documentId/versions': async (id) => ({ path: `/api/documents/${id}/versions` }),
  'POST /documents/:documentId/import': async (id) => ({
    path: `/api/documents/${id}/import`,
    form: markdownUpload('# Imported\n\nText.'),
  }),
  'POST /documents/import': async () => ({
    path: '/api/documents/import',
    form: markdownUpload('# From a file\n\nText.'),
    success: 201,
    // Same rule as creating a document: only admins and users an admin allowed.
    expect: Object.fromEntries([...documentRoles, 'outsider'].map((caller) => [caller, 403])),
  }),
  'POST /documents/:documentId/versions': async (id) => ({
    path: `/api/documents/${id}/versions`,
    body: { name: 'Before the consultation' },
    success: 201,
  }),
  'GET /documents/:documentId/versions/:versionId/content': async (id) => ({
    path: `/api/documents/${id}/versions/${await givenVersion(id)}/content?format=text`,
  }),
  'GET /documents/:documentId/compare': async (id) => ({
    path: `/api/documents/${id}/compare?from=${await givenVersion(id)}&to=current`,
  }),
  'POST /documents/:documentId/versions/:versionId/restore': async (id) => ({
    path: `/api/documents/${id}/versions/${await givenVersion(id)}/restore`,
  }),
  'PATCH /comments/:commentId': async (id, caller) => ({
    path: `/api/comments/${(await givenThread(pool(), id, authorFor(caller))).commentId}`,
    body: { body: 'Edited.' },
  }),
  'DELETE /comments/:commentId': async (id, caller) => ({
    path: `/api/comments/${(await givenThread(pool(), id, authorFor(caller))).commentId}`,
    success: 204,
  }),
}

/** A multipart body with a Markdown file in the field `file`. */
function markdownUpload(markdown: string): FormData {
  const form = new FormData()
  form.append('file', new Blob([markdown], { type: 'text/markdown' }), 'draft.md')
  return form
}

/** A version of a document, taken as its owner would. */
async function givenVersion(documentId: string): Promise<string> {
  return (await takeVersion(server.ctx, people.owner.id, documentId, 'A version', 'manual')).id
}

/** The caller when it can write comments of its own, else the owner (whose comment the caller then tries to touch). */
function authorFor(caller: Caller): UserDto {
  return caller === 'signed_out' ? people.owner : people[caller]
}

function expectedStatus(e: Endpoint, caller: Caller, sample: Sample): number {
  const override = sample.expect?.[caller]
  if (override !== undefined) return override
  const success = sample.success ?? 200
  const rule = e.access
  if (rule.kind === 'public') return success
  if (caller === 'signed_out' || caller === 'disabled') return 401
  if (rule.kind === 'user') return success
  if (rule.kind === 'admin') return caller === 'admin' ? success : 403
  if (caller === 'outsider' || caller === 'admin') return 404
  return can(caller, rule.capability) ? success : 403
}

async function agentFor(caller: Caller): Promise<HttpAgent> {
  const agent = new HttpAgent(server.url)
  if (caller === 'signed_out') {
    await agent.get('/api/session')
    return agent
  }
  await agent.signIn(people[caller].email, testPassword)
  return agent
}

beforeAll(async () => {
  server = await startTestServer()
  for (const caller of callers) {
    if (caller === 'signed_out') continue
    people[caller] = await givenUser(pool(), { name: `The ${caller}`, isAdmin: caller === 'admin' })
  }
})
afterAll(() => server?.stop())

describe('the permission matrix', () => {
  const endpoints = () => apiEndpoints(server.ctx, createPassport(pool()))

  it('has a sample request for every endpoint', () => {
    const missing = endpoints()
      .map((e) => `${e.method.toUpperCase()} ${e.path}`)
      .filter((key) => !samples[key])
    expect(missing, 'add these endpoints to the samples of the permission matrix').toEqual([])
  })

  it('answers every caller of every endpoint as the capability table says', async () => {
    const failures: string[] = []
    let cases = 0
    for (const e of endpoints()) {
      const key = `${e.method.toUpperCase()} ${e.path}`
      for (const caller of callers) {
        const members: Array<[UserDto, DocumentRole]> = documentRoles.map((role) => [people[role], role])
        members.push([people.disabled, 'editor'])
        const documentId = await givenDocument(pool(), `Matrix ${key} ${caller}`, members)
        const sample = await samples[key]!(documentId, caller)
        const agent = await agentFor(caller)
        if (caller === 'disabled')
          await pool().query('UPDATE users SET disabled_at = now() WHERE id = $1', [people.disabled.id])
        const response = await agent.request(
          e.method.toUpperCase(),
          sample.path,
          sample.form ? { form: sample.form } : sample.body === undefined ? {} : { json: sample.body },
        )
        if (caller === 'disabled')
          await pool().query('UPDATE users SET disabled_at = NULL WHERE id = $1', [people.disabled.id])
        const expected = expectedStatus(e, caller, sample)
        cases++
        if (response.status !== expected) {
          failures.push(
            `${key} as ${caller}: expected ${expected}, got ${response.status} ${response.text.slice(0, 160)}`,
          )
        }
      }
    }
    expect(failures).toEqual([])
    expect(cases).toBe(endpoints().length * callers.length)
  }, 180_000)
})
