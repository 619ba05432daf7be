import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ThreadDto } from '../../shared/api/threads.ts'
import { download, pandoc, pandocRead, zipPart } from '../support/export-readers.ts'
import { exportWorld, signedIn } from '../support/export-world.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server?.stop())

let shared: ReturnType<typeof exportWorld> | undefined
/** The world of these tests, which only read it, built once. */
const world = () => {
  shared ??= exportWorld(server)
  return shared
}

const headers = [
  'No.',
  'Country',
  'Expert',
  'Organization',
  'Section',
  'Type',
  'Quoted text',
  'Comment and replies',
  'Proposed change',
  'Status',
  'Decision',
  'Note',
  'Resolved by',
  'Date',
]

/**
 * A strict RFC 4180 reader: fields separated by commas, records by CRLF, a quoted field may hold commas, CRLF
 * and doubled quotes. Throws on anything else (a bare LF, a quote inside an unquoted field), so a sloppy
 * writer fails the test.
 */
function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let i = 0
  const field = (): string => {
    if (text[i] === '"') {
      let value = ''
      i++
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field')
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"'
            i += 2
            continue
          }
          i++
          return value
        }
        value += text[i++]
      }
    }
    let value = ''
    while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
      if (text[i] === '"' || text[i] === '\n') throw new Error(`bare ${JSON.stringify(text[i])} at ${i}`)
      value += text[i++]
    }
    return value
  }
  while (i < text.length) {
    record.push(field())
    if (text[i] === ',') {
      i++
      continue
    }
    if (text[i] === '\r' && text[i + 1] === '\n') {
      i += 2
      records.push(record)
      record = []
      continue
    }
    throw new Error(`expected a comma or CRLF at ${i}`)
  }
  if (record.length > 0) throw new Error('the last record has no CRLF')
  return records
}

/** The threads in document order, as the disposition lists them. */
function inDocumentOrder(threads: ThreadDto[]): ThreadDto[] {
  const rank = { anchored: 0, orphaned: 1, document: 2 }
  return [...threads].sort(
    (a, b) =>
      rank[a.anchor.state] - rank[b.anchor.state] ||
      (a.anchor.from ?? 0) - (b.anchor.from ?? 0) ||
      (a.anchor.to ?? 0) - (b.anchor.to ?? 0) ||
      a.createdAt.localeCompare(b.createdAt),
  )
}

describe('the disposition of comments', () => {
  it('is a CSV with one row per thread in document order, in the columns an editor answers with', async () => {
    const { ownerAgent, documentId, threads } = await world()
    const file = await download(ownerAgent, `/api/documents/${documentId}/disposition?format=csv`)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(file.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''Guidelines%20%28disposition%20of%20comments%29.csv`,
    )
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const [header, ...rows] = parseCsv(file.text.slice(1))
    expect(header).toEqual(headers)
    expect(rows).toHaveLength(threads.length)
    expect(rows.every((row) => row.length === headers.length)).toBe(true)
    const ordered = inDocumentOrder(threads)
    expect(rows.map((row) => row[0])).toEqual(ordered.map((_, i) => String(i + 1)))
    expect(rows.map((row) => row[7]!.split('\n')[0])).toEqual(
      ordered.map((thread) => {
        const body = thread.comments[0]!.body
        // A body that starts like a formula is written as text.
        return `${thread.author!.name}: ${/^[=+\-@]/.test(body) ? `'${body}` : body}`.split('\n')[0]
      }),
    )
    const resolved = threads.find((thread) => thread.status === 'resolved')!
    const row = rows[ordered.indexOf(resolved)]!
    expect(Object.fromEntries(headers.map((name, i) => [name, row[i]]))).toEqual({
      'No.': String(ordered.indexOf(resolved) + 1),
      Country: 'BW',
      Expert: 'Kagiso Mothibi',
      Organization: 'BOU',
      Section: '1. Introduction',
      Type: 'technical',
      'Quoted text': 'few, reliable and comparable',
      'Comment and replies': 'Kagiso Mothibi: Add "valid" to this list.\n\nThandiwe Moyo: Agreed, will do.',
      'Proposed change': 'few, valid, reliable and comparable',
      Status: 'resolved',
      Decision: 'accepted',
      Note: 'Added “valid”.',
      'Resolved by': 'Li Wei',
      Date: resolved.resolvedAt!.slice(0, 10),
    })
    const general = rows.at(-1)!
    expect([general[1], general[2], general[6], general[7]]).toEqual([
      'ID',
      'Siti Rahayu',
      '',
      'Siti Rahayu: Overall a clear draft.',
    ])
  })

  it('filters by country, status, type and section', async () => {
    const { ownerAgent, documentId, threads } = await world()
    const rowsFor = async (query: string) => {
      const file = await download(ownerAgent, `/api/documents/${documentId}/disposition?format=csv&${query}`)
      expect(file.status, file.text).toBe(200)
      return parseCsv(file.text.slice(1)).slice(1)
    }
    const count = (keep: (thread: ThreadDto) => boolean) => threads.filter(keep).length
    expect(await rowsFor('country=id')).toHaveLength(count((thread) => thread.author?.country === 'ID'))
    expect(await rowsFor('status=resolved')).toHaveLength(1)
    expect(await rowsFor('type=editorial')).toHaveLength(count((thread) => thread.type === 'editorial'))
    expect(await rowsFor('section=2.%20Tools')).toHaveLength(
      count((thread) => thread.section.includes('2. Tools')),
    )
    const bad = await ownerAgent.get(`/api/documents/${documentId}/disposition?format=pdf&status=closed`)
    expect(Object.keys(bad.body.error.details.fields).sort()).toEqual(['format', 'status'])
  })

  it('is an Excel workbook with a bold, frozen, filtered header row and wrapped text', async () => {
    const { ownerAgent, documentId, threads } = await world()
    const file = await download(ownerAgent, `/api/documents/${documentId}/disposition?format=xlsx`)
    expect(file.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(file.bytes as unknown as ExcelJS.Buffer)
    const sheet = workbook.getWorksheet('Disposition')!
    expect(sheet.rowCount).toBe(threads.length + 1)
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(headers)
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true)
    expect(sheet.autoFilter).toBe('A1:N1')
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet.getRow(2).getCell(8).alignment?.wrapText).toBe(true)
    expect(sheet.getColumn(8).width).toBeGreaterThan(sheet.getColumn(1).width!)
    expect(sheet.getRow(2).getCell(1).value).toBe(1)
  })

  it('is a landscape Word table in the manner of the ISO comment template', async () => {
    const { ownerAgent, documentId, threads } = await world()
    const file = await download(ownerAgent, `/api/documents/${documentId}/disposition?format=docx`)
    expect(file.status).toBe(200)
    expect(await zipPart(file.bytes, 'word/document.xml')).toContain(
      '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>',
    )
    const ast = JSON.parse(await pandoc(file.bytes, 'json')) as { blocks: Array<{ t: string }> }
    const table = ast.blocks.find((block) => block.t === 'Table')
    expect(table).toBeDefined()
    const { text } = await pandocRead(file.bytes)
    expect(text).toContain('Disposition of comments: Guidelines')
    expect(text).toContain('Observations')
    expect(text).toContain('Decision: accepted')
    expect(text).toContain('<script>alert(1)</script>')
    const xml = (await zipPart(file.bytes, 'word/document.xml'))!
    // A header row and one row per thread.
    expect(xml.match(/<w:tr>|<w:tr /g)).toHaveLength(threads.length + 1)
    expect(xml).toContain('<w:tblHeader/>')
  })

  it('is for editors and owners only', async () => {
    const { author, viewer, editor, documentId } = await world()
    for (const user of [author, viewer]) {
      const agent = await signedIn(server, user)
      expect((await agent.get(`/api/documents/${documentId}/disposition?format=csv`)).status).toBe(403)
    }
    const agent = await signedIn(server, editor)
    expect((await download(agent, `/api/documents/${documentId}/disposition?format=csv`)).status).toBe(200)
  })
})
