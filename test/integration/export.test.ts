import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumAvailable } from '../../server/export/pdf.ts'
import type { ThreadDto } from '../../shared/api/threads.ts'
import {
  download,
  installed,
  libreOfficeContent,
  pandoc,
  pandocComments,
  zipPart,
} from '../support/export-readers.ts'
import { exportWorld, signedIn } from '../support/export-world.ts'
import { givenUser } from '../support/given.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

let server: TestServer
const pool = () => server.ctx.db.pool
const ci = process.env.CI === 'true'
const hasSoffice = installed('soffice')
const hasChromium = await chromiumAvailable()
if (!hasSoffice && !ci) console.warn('export.test: soffice is not installed; skipping the LibreOffice check')
if (!hasChromium && !ci) console.warn('export.test: /usr/bin/chromium is absent; skipping the PDF check')

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server?.stop())

let shared: ReturnType<typeof exportWorld> | undefined
/** The world of the tests that only read it, built once. */
const readOnlyWorld = () => {
  shared ??= exportWorld(server)
  return shared
}

/** The text an exported thread's comment should span: its own text, else the heading it is attached to. */
function expectedRange(thread: ThreadDto): string {
  if (thread.anchor.state === 'anchored') return thread.anchor.currentText
  return thread.anchor.state === 'orphaned' ? '2. Tools' : 'Guidelines for benchmarking'
}

function authorLabel(person: { name: string; country: string | null; organization: string | null } | null) {
  return `${person!.name} (${[person!.country, person!.organization].filter(Boolean).join(', ')})`
}

describe('the draft exported as Word', () => {
  it('carries every thread as a Word comment on exactly its text, with author, date, replies and decision', async () => {
    const { ownerAgent, documentId, threads } = await readOnlyWorld()
    expect(threads.map((thread) => thread.anchor.state).sort()).toEqual([
      'anchored',
      'anchored',
      'anchored',
      'anchored',
      'document',
      'orphaned',
    ])
    const file = await download(ownerAgent, `/api/documents/${documentId}/export?format=docx&comments=all`)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    )
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="Guidelines (comments).docx"; filename*=UTF-8''Guidelines%20%28comments%29.docx`,
    )
    const comments = await pandocComments(file.bytes)
    // One Word comment per comment of each thread, plus the decision of the resolved one.
    const total = threads.reduce((sum, thread) => sum + thread.comments.length, 0) + 1
    expect(comments).toHaveLength(total)
    for (const thread of threads) {
      const root = comments.find(
        (comment) =>
          comment.author === authorLabel(thread.author) && comment.body.startsWith(thread.comments[0]!.body),
      )
      expect(root, thread.comments[0]!.body).toBeDefined()
      expect(root!.date).toBe(thread.comments[0]!.createdAt)
      expect(root!.range).toBe(expectedRange(thread))
    }
    const resolved = threads.find((thread) => thread.status === 'resolved')!
    const reply = comments.find((comment) => comment.body === 'Agreed, will do.')!
    expect(reply).toMatchObject({ author: 'Thandiwe Moyo (ZW, ZOU)', range: 'few, reliable and comparable' })
    expect(reply.date).toBe(resolved.comments[1]!.createdAt)
    const decision = comments.find((comment) => comment.body.startsWith('Decision:'))!
    expect(decision).toMatchObject({
      author: 'Li Wei',
      body: 'Decision: accepted — Added “valid”.',
      range: 'few, reliable and comparable',
    })
    expect(decision.date).toBe(resolved.resolvedAt)
    const orphan = comments.find((comment) => comment.body.startsWith('Name some frameworks.'))!
    expect(orphan.body).toContain('On text no longer in the draft: “Self-assessment frameworks”')
    // The markdown reading shows the same, as a person would check it.
    const markdown = await pandoc(file.bytes, 'markdown')
    expect(markdown).toContain('author="Kagiso Mothibi (BW, BOU)"')
    expect(markdown).toMatch(/\{\.comment-start id="\d+" author="Siti Rahayu \(ID, UT\)" date="[^"]+"\}/)
  })

  it('marks resolved threads done and links replies to their thread', async () => {
    const { ownerAgent, documentId } = await readOnlyWorld()
    const file = await download(ownerAgent, `/api/documents/${documentId}/export?format=docx&comments=all`)
    const extended = (await zipPart(file.bytes, 'word/commentsExtended.xml'))!
    expect(extended.match(/w15:done="1"/g)).toHaveLength(3)
    expect(extended.match(/w15:paraIdParent=/g)).toHaveLength(2)
    const comments = (await zipPart(file.bytes, 'word/comments.xml'))!
    expect(comments).toContain('w:initials="KM"')
  })

  it('leaves resolved threads out with comments=open, and every comment out of a clean draft', async () => {
    const { ownerAgent, documentId, threads } = await readOnlyWorld()
    const open = await download(ownerAgent, `/api/documents/${documentId}/export?format=docx&comments=open`)
    const openComments = await pandocComments(open.bytes)
    expect(openComments).toHaveLength(threads.filter((thread) => thread.status === 'open').length)
    expect(openComments.some((comment) => comment.body.startsWith('Add "valid"'))).toBe(false)
    const clean = await download(ownerAgent, `/api/documents/${documentId}/export?format=docx`)
    expect(clean.status).toBe(200)
    expect(clean.headers.get('content-disposition')).toContain('filename="Guidelines.docx"')
    const markdown = await pandoc(clean.bytes, 'markdown')
    expect(markdown).not.toContain('comment-start')
    expect((await zipPart(clean.bytes, 'word/comments.xml')) ?? '').not.toContain('<w:comment ')
    expect(markdown).toContain('# Guidelines for benchmarking')
    expect(markdown).toContain('## 2. Tools')
    expect(markdown).toContain('Benchmarking compares **practices** across institutions.')
  })

  it.skipIf(!hasSoffice && !ci)(
    'is read by LibreOffice with every annotation and its range',
    async () => {
      if (!hasSoffice) throw new Error('soffice is missing: CI must install libreoffice-writer')
      const { ownerAgent, documentId, threads } = await readOnlyWorld()
      const file = await download(ownerAgent, `/api/documents/${documentId}/export?format=docx&comments=all`)
      const content = await libreOfficeContent(file.bytes)
      const total = threads.reduce((sum, thread) => sum + thread.comments.length, 0) + 1
      expect(content.match(/<office:annotation[ >]/g)).toHaveLength(total)
      expect(content.match(/<office:annotation-end /g)).toHaveLength(total)
      expect(content).toContain('<dc:creator>Kagiso Mothibi (BW, BOU)</dc:creator>')
      expect(content).toContain('<meta:creator-initials>KM</meta:creator-initials>')
      expect(content).toContain('loext:resolved="true"')
    },
    120_000,
  )
})

describe('who may export', () => {
  it('lets a viewer export the clean draft but not its comments', async () => {
    const { viewer, documentId } = await readOnlyWorld()
    const agent = await signedIn(server, viewer)
    expect((await download(agent, `/api/documents/${documentId}/export?format=md`)).status).toBe(200)
    const refused = await agent.get(`/api/documents/${documentId}/export?format=md&comments=all`)
    expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden'])
    expect((await agent.get(`/api/documents/${documentId}/export?format=docx&comments=open`)).status).toBe(
      403,
    )
  })

  it('lets an editor export with comments, and answers 404 to an outsider', async () => {
    const { editor, documentId } = await readOnlyWorld()
    const agent = await signedIn(server, editor)
    expect(
      (await download(agent, `/api/documents/${documentId}/export?format=html&comments=all`)).status,
    ).toBe(200)
    const outsider = await signedIn(server, await givenUser(pool()))
    expect((await outsider.get(`/api/documents/${documentId}/export?format=md`)).status).toBe(404)
  })

  it('names a bad format or comments choice in a 400', async () => {
    const { ownerAgent, documentId } = await readOnlyWorld()
    const badFormat = await ownerAgent.get(`/api/documents/${documentId}/export?format=odt`)
    expect(badFormat.status).toBe(400)
    expect(badFormat.body.error.details.fields).toEqual({ format: 'One of docx, md, html, pdf' })
    const badComments = await ownerAgent.get(`/api/documents/${documentId}/export?format=md&comments=some`)
    expect(badComments.body.error.details.fields).toEqual({ comments: 'One of none, open, all' })
    const missing = await ownerAgent.get(`/api/documents/${documentId}/export`)
    expect(Object.keys(missing.body.error.details.fields)).toEqual(['format'])
  })
})

describe('the draft as HTML, Markdown and PDF', () => {
  it('writes a printable HTML page whose comments are escaped, numbered and listed', async () => {
    const { ownerAgent, documentId, threads } = await readOnlyWorld()
    const file = await download(ownerAgent, `/api/documents/${documentId}/export?format=html&comments=all`)
    expect(file.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(file.headers.get('content-disposition')).toMatch(
      /^attachment; filename="Guidelines \(comments\)\.html"/,
    )
    const html = file.text
    expect(html).toContain('<title>Guidelines</title>')
    expect(html).not.toMatch(/<script|<img src=x/i)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;')
    expect(html.match(/<li id="note-\d+">/g)).toHaveLength(threads.length)
    for (let n = 1; n <= threads.length; n++)
      expect(html).toContain(`<a href="#note-${n}"><sup>${n}</sup></a>`)
    // Document order: the first note is the thread on "practices", which starts first in the text.
    expect(html).toMatch(/<strong>practices<\/strong><a href="#note-1"><sup>1<\/sup><\/a>/)
  })

  it('writes Markdown with numbered notes, and only the open ones with comments=open', async () => {
    const { ownerAgent, documentId, threads } = await readOnlyWorld()
    const all = await download(ownerAgent, `/api/documents/${documentId}/export?format=md&comments=all`)
    expect(all.headers.get('content-type')).toBe('text/markdown; charset=utf-8')
    expect(all.text).toContain('## Comments')
    expect(all.text).toContain(`${threads.length}. **`)
    const open = await download(ownerAgent, `/api/documents/${documentId}/export?format=md&comments=open`)
    expect(open.text).not.toContain('Add "valid"')
    const clean = await download(ownerAgent, `/api/documents/${documentId}/export?format=md`)
    expect(clean.text).not.toContain('## Comments')
    expect(clean.text.startsWith('# Guidelines for benchmarking\n')).toBe(true)
  })

  it.skipIf(!hasChromium && !ci)(
    'prints a PDF with Chromium',
    async () => {
      if (!hasChromium) throw new Error('/usr/bin/chromium is missing: CI must install chromium')
      const { ownerAgent, documentId } = await readOnlyWorld()
      const file = await download(ownerAgent, `/api/documents/${documentId}/export?format=pdf&comments=all`)
      expect(file.status).toBe(200)
      expect(file.headers.get('content-type')).toBe('application/pdf')
      expect(file.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
      expect(file.bytes.length).toBeGreaterThan(5_000)
    },
    60_000,
  )

  it('gives a title in any script an ASCII file name and the exact UTF-8 one', async () => {
    const { ownerAgent } = await readOnlyWorld()
    const created = await ownerAgent.post('/api/documents', {
      title: 'Lignes directrices — évaluation',
      markdown: 'Texte.',
    })
    const file = await download(ownerAgent, `/api/documents/${created.body.id}/export?format=md`)
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="Lignes directrices evaluation.md"; filename*=UTF-8''Lignes%20directrices%20%E2%80%94%20%C3%A9valuation.md`,
    )
    expect(file.text).toBe('Texte.\n')
  })
})
