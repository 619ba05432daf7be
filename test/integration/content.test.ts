import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoDraftUrl } from '../../server/demo/seed.ts'
import { parseMarkdown, serializeMarkdown } from '../../shared/schema/index.ts'
import { connectCollab } from '../support/collab-client.ts'
import { givenUser, testPassword } from '../support/given.ts'
import { HttpAgent } from '../support/http-agent.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'
import { appendParagraph } from '../support/ydoc-text.ts'

let server: TestServer
let agent: HttpAgent

beforeAll(async () => {
  server = await startTestServer()
  const admin = await givenUser(server.ctx.db.pool, { isAdmin: true })
  agent = new HttpAgent(server.url)
  await agent.signIn(admin.email, testPassword)
})
afterAll(() => server?.stop())

describe('the content API', () => {
  it('answers a document created from Markdown in every format', async () => {
    const markdown = await readFile(demoDraftUrl, 'utf8')
    const created = await agent.post('/api/documents', { title: 'Guidelines', markdown })
    const id = created.body.id
    const md = await agent.get(`/api/documents/${id}/content?format=markdown`)
    expect(md.headers.get('content-type')).toMatch(/text\/markdown/)
    expect(md.text).toBe(serializeMarkdown(parseMarkdown(markdown)))
    const json = await agent.get(`/api/documents/${id}/content?format=json`)
    expect(json.body.doc.type).toBe('doc')
    const html = await agent.get(`/api/documents/${id}/content?format=html`)
    expect(html.text).toContain('<h2>1. Introduction</h2>')
    expect(html.text).toContain('<title>Guidelines</title>')
    const text = await agent.get(`/api/documents/${id}/content?format=text`)
    expect(text.text).toContain('Benchmarking is not a ranking.')
    const bad = await agent.get(`/api/documents/${id}/content?format=pdf`)
    expect(bad.body.error.details.fields).toHaveProperty('format')
  })

  it('reflects live edits at once', async () => {
    const created = await agent.post('/api/documents', { title: 'Live', markdown: '# Live\n\nFirst.' })
    const client = connectCollab(server.url, agent, created.body.id)
    await client.synced
    appendParagraph(client.doc, 'Typed in Gaborone.')
    await client.saved()
    const md = await agent.get(`/api/documents/${created.body.id}/content?format=markdown`)
    expect(md.text).toBe('# Live\n\nFirst.\n\nTyped in Gaborone.\n')
    client.destroy()
  })

  it('creates the initial text once even when many clients load the new document at the same moment', async () => {
    const created = await agent.post('/api/documents', { title: 'Race', markdown: 'Only once.' })
    const clients = Array.from({ length: 8 }, () => connectCollab(server.url, agent, created.body.id))
    await Promise.all(clients.map((c) => c.synced))
    const md = await agent.get(`/api/documents/${created.body.id}/content?format=markdown`)
    expect(md.text).toBe('Only once.\n')
    for (const c of clients) c.destroy()
  })
})
