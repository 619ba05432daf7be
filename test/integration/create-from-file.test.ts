import { Document, HeadingLevel, Packer, Paragraph } from 'docx'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { UserDto } from '../../shared/api/users.ts'
import { givenUser, testPassword } from '../support/given.ts'
import { HttpAgent } from '../support/http-agent.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

let server: TestServer
let admin: UserDto
let agent: HttpAgent

beforeAll(async () => {
  server = await startTestServer()
  admin = await givenUser(server.ctx.db.pool, { isAdmin: true })
  agent = new HttpAgent(server.url)
  await agent.signIn(admin.email, testPassword)
})
afterAll(() => server?.stop())

function upload(data: BlobPart, filename: string, type = 'application/octet-stream', title?: string) {
  const form = new FormData()
  if (title !== undefined) form.append('title', title)
  form.append('file', new Blob([data], { type }), filename)
  return form
}

const createFrom = (form: FormData, as = agent) => as.request('POST', '/api/documents/import', { form })
const markdownOf = async (id: string) =>
  (await agent.get(`/api/documents/${id}/content?format=markdown`)).text
const documentCount = async () => (await agent.get('/api/documents?limit=100')).body.items.length

describe('create a document from a file', () => {
  it('creates a document from a Word file, titled after the file, with its headings, and me as owner', async () => {
    const word = new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: 'Benchmarking guidelines', heading: HeadingLevel.HEADING_1 }),
            new Paragraph({ text: 'Indicators', heading: HeadingLevel.HEADING_2 }),
            new Paragraph('Indicators should be few and reliable.'),
          ],
        },
      ],
    })
    const buffer = new Uint8Array(await Packer.toBuffer(word))
    const created = await createFrom(upload(buffer, 'Guidelines v2.docx'))
    expect(created.status, created.text).toBe(201)
    expect(created.body).toMatchObject({ title: 'Guidelines v2', role: 'owner', phase: 'drafting' })
    expect(await markdownOf(created.body.id)).toBe(
      '# Benchmarking guidelines\n\n## Indicators\n\nIndicators should be few and reliable.\n',
    )
  })

  it('takes the title field when sent, and parses Markdown and HTML (scripts dropped)', async () => {
    const md = await createFrom(upload('# Draft\n\nText.', 'x.md', 'text/markdown', 'Second draft'))
    expect([md.status, md.body.title]).toEqual([201, 'Second draft'])
    expect(await markdownOf(md.body.id)).toBe('# Draft\n\nText.\n')
    const html = await createFrom(
      upload('<h2>Scope</h2><script>window.x=1</script><p onclick="x()">Safe</p>', 'page.html', 'text/html'),
    )
    expect(html.status).toBe(201)
    expect(await markdownOf(html.body.id)).toBe('## Scope\n\nSafe\n')
  })

  it('refuses bad files and titles with a clear error, creating nothing', async () => {
    const before = await documentCount()
    const pdf = await createFrom(upload('%PDF-1.4', 'draft.pdf', 'application/pdf'))
    expect([pdf.status, pdf.body.error.code]).toEqual([415, 'unsupported_media_type'])
    const broken = await createFrom(upload(new Uint8Array([1, 2, 3, 4]), 'broken.docx'))
    expect([broken.status, Object.keys(broken.body.error.details.fields)]).toEqual([400, ['file']])
    const blank = await createFrom(upload('# Draft', 'x.md', 'text/markdown', '   '))
    expect([blank.status, Object.keys(blank.body.error.details.fields)]).toEqual([400, ['title']])
    const noFile = new FormData()
    noFile.append('title', 'Nothing')
    expect((await createFrom(noFile)).body.error.details.fields).toHaveProperty('file')
    expect((await agent.post('/api/documents/import', { title: 'JSON' })).status).toBe(415)
    expect(await documentCount()).toBe(before)
  })

  it('refuses a file over 20 MiB with 413', async () => {
    const before = await documentCount()
    const huge = await createFrom(upload(new Uint8Array(21 * 1024 * 1024), 'huge.md', 'text/markdown'))
    expect([huge.status, huge.body.error.code]).toEqual([413, 'too_large'])
    expect(await documentCount()).toBe(before)
  })

  it('refuses a user who may not create documents with 403', async () => {
    const plain = await givenUser(server.ctx.db.pool)
    const other = new HttpAgent(server.url)
    await other.signIn(plain.email, testPassword)
    const refused = await createFrom(upload('# Draft', 'x.md', 'text/markdown'), other)
    expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden'])
    // A large file too: the refusal comes before the file is read, and still reaches the caller.
    const large = await createFrom(upload(new Uint8Array(8 * 1024 * 1024), 'big.md', 'text/markdown'), other)
    expect([large.status, large.body.error.code]).toEqual([403, 'forbidden'])
    expect((await other.get('/api/documents')).body.items).toEqual([])
  })
})
