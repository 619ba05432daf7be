import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { replaceContent } from '../../server/services/content.service.ts'
import type { ThreadDto } from '../../shared/api/threads.ts'
import { parseMarkdown } from '../../shared/schema/index.ts'
import { download, pandocRead } from '../support/export-readers.ts'
import { exportDraftMarkdown, exportWorld, signedIn } from '../support/export-world.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server?.stop())

/**
 * The export world with a version "First reading" taken, its exports as they were then, and changes since:
 * a reply and a decision on open threads, a new thread, and an edit that removes the text of one thread.
 */
async function worldWithVersion() {
  const world = await exportWorld(server)
  const { ownerAgent, documentId, threads } = world
  const exportPath = (query: string) => `/api/documents/${documentId}/export?${query}`
  const then = {
    docx: await download(ownerAgent, exportPath('format=docx&comments=all')),
    markdown: await download(ownerAgent, exportPath('format=md&comments=all')),
    clean: await download(ownerAgent, exportPath('format=md')),
  }
  const version = await ownerAgent.post(`/api/documents/${documentId}/versions`, { name: 'First reading' })
  expect(version.status).toBe(201)

  const open = threads.filter((thread) => thread.status === 'open' && thread.anchor.state === 'anchored')
  const authorAgent = await signedIn(server, world.author)
  const reply = await authorAgent.post(`/api/threads/${open[0]!.id}/comments`, { body: 'A reply after.' })
  expect(reply.status).toBe(201)
  expect(
    (await ownerAgent.post(`/api/threads/${open[1]!.id}/resolve`, { resolution: 'rejected', note: 'No.' }))
      .status,
  ).toBe(200)
  expect(
    (
      await ownerAgent.post(`/api/documents/${documentId}/threads`, {
        anchor: { quote: 'Benchmarking compares' },
        body: 'A thread after the version.',
      })
    ).status,
  ).toBe(201)
  await replaceContent(
    server.ctx,
    documentId,
    parseMarkdown(
      exportDraftMarkdown
        .replace('Self-assessment frameworks come first.\n\n', '')
        .replace('Peer review follows, and the plan is late.', 'Peer review follows.'),
    ),
  )
  const now = (await ownerAgent.get(`/api/documents/${documentId}/threads`)).body.items as ThreadDto[]
  return { ...world, versionId: version.body.id as string, then, now, exportPath }
}

describe('exporting a named version', () => {
  it('writes Word with the text and the threads the version recorded, not the ones of now', async () => {
    const { ownerAgent, versionId, then, now, exportPath } = await worldWithVersion()
    // The live text has moved on: a new thread, a new decision, a thread whose text is gone.
    expect(now.some((thread) => thread.comments[0]!.body === 'A thread after the version.')).toBe(true)
    expect(now.filter((thread) => thread.status === 'resolved')).toHaveLength(2)

    const file = await download(ownerAgent, exportPath(`format=docx&comments=all&version=${versionId}`))
    expect(file.status).toBe(200)
    expect(file.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''Guidelines%20%28First%20reading%2C%20comments%29.docx`,
    )
    const fromVersion = await pandocRead(file.bytes)
    const fromThen = await pandocRead(then.docx.bytes)
    expect(fromVersion.text).toContain('Peer review follows, and the plan is late.')
    expect(fromVersion.text).toBe(fromThen.text)
    expect(fromVersion.comments).toEqual(fromThen.comments)
    expect(fromVersion.comments.some((comment) => comment.body === 'A reply after.')).toBe(false)
    expect(fromVersion.comments.some((comment) => comment.body.startsWith('A thread after'))).toBe(false)
    expect(fromVersion.comments.find((comment) => comment.body.startsWith('<script>'))?.range).toBe(
      'the plan is late',
    )
  }, 60_000)

  it('writes Markdown as the version was, with its notes, or clean', async () => {
    const { ownerAgent, versionId, then, exportPath } = await worldWithVersion()
    const withNotes = await download(ownerAgent, exportPath(`format=md&comments=all&version=${versionId}`))
    expect(withNotes.status).toBe(200)
    expect(withNotes.text).toBe(then.markdown.text)
    const clean = await download(ownerAgent, exportPath(`format=md&version=${versionId}`))
    expect(clean.text).toBe(then.clean.text)
    expect(clean.headers.get('content-disposition')).toContain('filename="Guidelines (First reading).md"')
    const live = await download(ownerAgent, exportPath('format=md'))
    expect(live.text).not.toContain('the plan is late')
    const page = await download(ownerAgent, exportPath(`format=html&version=${versionId}`))
    expect(page.text).toContain('<title>Guidelines — First reading</title>')
    expect(page.text).toContain('Peer review follows, and the plan is late.')
  }, 60_000)

  it('answers 404 naming a version of no such document, and 400 naming a malformed one', async () => {
    const { ownerAgent, exportPath } = await worldWithVersion()
    const unknown = randomUUID()
    const missing = await ownerAgent.get(exportPath(`format=docx&version=${unknown}`))
    expect([missing.status, missing.body.error.code]).toEqual([404, 'not_found'])
    expect(missing.body.error.message).toContain(unknown)

    const other = (await ownerAgent.post('/api/documents', { title: 'Other', markdown: 'Other text.' })).body
      .id as string
    const otherVersion = (await ownerAgent.post(`/api/documents/${other}/versions`, { name: 'Theirs' })).body
      .id as string
    const foreign = await ownerAgent.get(exportPath(`format=md&comments=all&version=${otherVersion}`))
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'not_found'])
    expect(foreign.body.error.message).toContain(otherVersion)
    expect(
      (await ownerAgent.get(`/api/documents/${other}/export?format=md&version=${otherVersion}`)).status,
    ).toBe(200)

    const malformed = await ownerAgent.get(exportPath('format=md&version=v1'))
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'invalid_request'])
    expect(Object.keys(malformed.body.error.details.fields)).toEqual(['version'])
  }, 60_000)
})
