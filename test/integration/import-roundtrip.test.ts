import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { UserDto } from '../../shared/api/users.ts'
import { download } from '../support/export-readers.ts'
import { givenUser, testPassword } from '../support/given.ts'
import { HttpAgent } from '../support/http-agent.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

let server: TestServer
let owner: UserDto
let agent: HttpAgent

beforeAll(async () => {
  server = await startTestServer()
  owner = await givenUser(server.ctx.db.pool, { isAdmin: true })
  agent = new HttpAgent(server.url)
  await agent.signIn(owner.email, testPassword)
})
afterAll(() => server?.stop())

/** A draft with every structure an export must carry: headings, nested lists, a table, links and emphasis. */
const draft = [
  '# Benchmarking guidelines',
  '',
  '## 1. Scope',
  '',
  'Benchmarking compares **practices** across *institutions*, as [the guide](https://example.org/guide) says.',
  '',
  '- First item',
  '  - Nested item with **bold** text',
  '  - Another nested item',
  '- Second item',
  '',
  '1. Step one',
  '2. Step two, with *emphasis*',
  '',
  '| Indicator | Source |',
  '| --- | --- |',
  '| Completion rate | Registry |',
  '| Cost per *graduate* | Finance office |',
  '',
  '### 1.1 Details',
  '',
  '> A quoted paragraph.',
  '',
  'A last paragraph with `code` and ***both marks***.',
].join('\n')

/**
 * Creates a document with a comment thread, exports it (with `query`), imports the file into a fresh
 * document, and answers both texts.
 */
async function roundTrip(format: 'docx' | 'md' | 'html', query = '') {
  const source = (await agent.post('/api/documents', { title: 'Round trip', markdown: draft })).body
    .id as string
  const thread = await agent.post(`/api/documents/${source}/threads`, {
    anchor: { quote: 'compares practices across' },
    body: 'Which practices?',
  })
  expect(thread.status, thread.text).toBe(201)
  const file = await download(agent, `/api/documents/${source}/export?format=${format}${query}`)
  expect(file.status).toBe(200)
  const target = (await agent.post('/api/documents', { title: 'Imported', markdown: 'Old text.' })).body
    .id as string
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(file.bytes)]), `Round trip.${format}`)
  const imported = await agent.request('POST', `/api/documents/${target}/import`, { form })
  expect(imported.status, imported.text).toBe(200)
  const content = async (id: string) => ({
    markdown: (await agent.get(`/api/documents/${id}/content?format=markdown`)).text,
    json: (await agent.get(`/api/documents/${id}/content?format=json`)).body.doc,
  })
  return { before: await content(source), after: await content(target) }
}

describe('export then import', () => {
  for (const format of ['md', 'html', 'docx'] as const) {
    it(`keeps headings, nested lists, table cells, links, emphasis and text through .${format}`, async () => {
      const { before, after } = await roundTrip(format)
      expect(after.markdown).toBe(before.markdown)
      expect(after.json).toEqual(before.json)
    })
  }

  it('keeps the text of a Word file with comments, and leaves the comments out of it', async () => {
    const { before, after } = await roundTrip('docx', '&comments=all')
    expect(after.markdown).toBe(before.markdown)
    expect(after.markdown).not.toContain('Which practices?')
  })
})
