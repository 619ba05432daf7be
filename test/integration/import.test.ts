import {
  Document,
  ExternalHyperlink,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { UserDto } from '../../shared/api/users.ts'
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

function upload(data: BlobPart, filename: string, type = 'application/octet-stream'): FormData {
  const form = new FormData()
  form.append('file', new Blob([data], { type }), filename)
  return form
}

async function newDocument(markdown: string): Promise<string> {
  return (await agent.post('/api/documents', { title: 'Import target', markdown })).body.id
}

const importInto = (id: string, form: FormData) =>
  agent.request('POST', `/api/documents/${id}/import`, { form })
const markdownOf = async (id: string) =>
  (await agent.get(`/api/documents/${id}/content?format=markdown`)).text

describe('import', () => {
  it('imports Markdown, keeps a version of the text before, and re-anchors or orphans threads', async () => {
    const id = await newDocument(
      '# Old\n\nIndicators should be few and reliable.\n\nThis paragraph goes away.',
    )
    await agent.post(`/api/documents/${id}/threads`, { anchor: { quote: 'few and reliable' }, body: 'Kept' })
    await agent.post(`/api/documents/${id}/threads`, { anchor: { quote: 'goes away' }, body: 'Lost' })
    const result = await importInto(
      id,
      upload(
        '# New title\n\nIndicators should be few and reliable.\n\nA new paragraph.',
        'draft.md',
        'text/markdown',
      ),
    )
    expect(result.status).toBe(200)
    expect(result.body.threads).toEqual({ anchored: 1, orphaned: 1, general: 0 })
    expect(await markdownOf(id)).toBe(
      '# New title\n\nIndicators should be few and reliable.\n\nA new paragraph.\n',
    )
    const versions = await agent.get(`/api/documents/${id}/versions`)
    expect(versions.body.items[0]).toMatchObject({ kind: 'import', name: 'Before importing draft.md' })
  })

  it('imports HTML as clean text: scripts and event handlers are dropped, never run', async () => {
    const id = await newDocument('Old')
    const html =
      '<h1>Title</h1><script>window.__xss = 1</script><p onclick="alert(1)">Safe <b>bold</b> <a href="javascript:alert(1)">link</a> <img src=x onerror="alert(1)"></p><style>p{}</style>'
    expect((await importInto(id, upload(html, 'page.html', 'text/html'))).status).toBe(200)
    const out = await agent.get(`/api/documents/${id}/content?format=html`)
    expect(out.text).toContain('<h1>Title</h1>')
    expect(out.text).toContain('<strong>bold</strong>')
    expect(out.text).not.toMatch(/script|onclick|onerror|javascript:/i)
  })

  it('imports a Word file: headings, a nested list, a table, a link and bold', async () => {
    const doc = new Document({
      numbering: {
        config: [
          {
            reference: 'bullets',
            levels: [0, 1].map((level) => ({ level, format: 'bullet' as const, text: '•' })),
          },
        ],
      },
      sections: [
        {
          children: [
            new Paragraph({ text: 'Benchmarking guidelines', heading: HeadingLevel.HEADING_1 }),
            new Paragraph({ text: 'Tools', heading: HeadingLevel.HEADING_2 }),
            new Paragraph({
              children: [
                new TextRun('Peer review is '),
                new TextRun({ text: 'valuable', bold: true }),
                new TextRun('.'),
              ],
            }),
            new Paragraph({ text: 'First item', numbering: { reference: 'bullets', level: 0 } }),
            new Paragraph({ text: 'Nested item', numbering: { reference: 'bullets', level: 1 } }),
            new Paragraph({
              children: [
                new ExternalHyperlink({
                  link: 'https://example.org/guide',
                  children: [new TextRun('the guide')],
                }),
              ],
            }),
            new Table({
              rows: [
                new TableRow({
                  children: ['Indicator', 'Source'].map(
                    (t) => new TableCell({ children: [new Paragraph(t)] }),
                  ),
                }),
                new TableRow({
                  children: ['Completion rate', 'Registry'].map(
                    (t) => new TableCell({ children: [new Paragraph(t)] }),
                  ),
                }),
              ],
            }),
          ],
        },
      ],
    })
    const id = await newDocument('Old')
    const buffer = await Packer.toBuffer(doc)
    const result = await importInto(id, upload(new Uint8Array(buffer), 'guidelines.docx'))
    expect(result.status, result.text).toBe(200)
    const markdown = await markdownOf(id)
    expect(markdown).toContain('# Benchmarking guidelines')
    expect(markdown).toContain('## Tools')
    expect(markdown).toContain('Peer review is **valuable**.')
    expect(markdown).toMatch(/- First item\n\s+- Nested item/)
    expect(markdown).toContain('[the guide](https://example.org/guide)')
    expect(markdown).toMatch(/\| *Indicator *\| *Source *\|/)
    expect(markdown).toMatch(/\| *Completion rate *\| *Registry *\|/)
  })

  it('refuses a zip bomb before inflating it', async () => {
    const zip = new JSZip()
    zip.file('word/document.xml', '<w:document/>')
    zip.file('word/bomb.xml', '0'.repeat(120 * 1024 * 1024))
    const bomb = await zip.generateAsync({
      type: 'uint8array',
      compression: 'DEFLATE',
      compressionOptions: { level: 9 },
    })
    expect(bomb.byteLength).toBeLessThan(2 * 1024 * 1024)
    const id = await newDocument('Old')
    const result = await importInto(id, upload(new Uint8Array(bomb), 'bomb.docx'))
    expect([result.status, result.body.error.code]).toEqual([413, 'too_large'])
    expect(await markdownOf(id)).toBe('Old\n')
  })

  it('answers bad uploads clearly and changes nothing', async () => {
    const id = await newDocument('Old')
    const notWord = await importInto(id, upload(new Uint8Array([1, 2, 3, 4]), 'broken.docx'))
    expect([notWord.status, Object.keys(notWord.body.error.details.fields)]).toEqual([400, ['file']])
    expect((await importInto(id, upload('%PDF-1.4', 'draft.pdf', 'application/pdf'))).status).toBe(415)
    const empty = new FormData()
    empty.append('other', 'x')
    expect((await importInto(id, empty)).body.error.details.fields).toHaveProperty('file')
    expect((await agent.post(`/api/documents/${id}/import`, { file: 'x' })).status).toBe(415)
    const huge = await importInto(id, upload(new Uint8Array(21 * 1024 * 1024), 'huge.md', 'text/markdown'))
    expect([huge.status, huge.body.error.code]).toEqual([413, 'too_large'])
    expect(await markdownOf(id)).toBe('Old\n')
  })
})
