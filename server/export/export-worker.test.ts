import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { afterAll, describe, expect, it } from 'vitest'
import { doc, h1, p, strong } from '../../shared/schema/test-builder.ts'
import { dispositionRows } from './disposition.ts'
import { planDraft } from './docx-draft.ts'
import { dispositionXlsx, packDocx, stopExportWorker } from './export-worker.ts'
import { placeThreads } from './placement.ts'
import { threadAt } from './test-threads.ts'

afterAll(() => stopExportWorker())

async function parts(bytes: Uint8Array): Promise<Record<string, string | null>> {
  const zip = await JSZip.loadAsync(bytes)
  const names = ['word/document.xml', 'word/comments.xml', 'word/numbering.xml', 'word/styles.xml']
  return Object.fromEntries(
    await Promise.all(names.map(async (name) => [name, (await zip.file(name)?.async('string')) ?? null])),
  )
}

async function sheetValues(bytes: Uint8Array): Promise<unknown[]> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer)
  const values: unknown[] = []
  workbook.getWorksheet('Disposition')!.eachRow((row) => {
    values.push(row.values)
  })
  return values
}

describe('the export worker', () => {
  it('packs the same Word document in the worker thread as in place', async () => {
    const draft = doc(h1('Title'), p('Alpha ', strong('beta'), ' gamma'))
    const plan = planDraft(draft, 'Title', placeThreads(draft, [threadAt({ from: 8, to: 18 })]))
    const [inWorker, inPlace] = await Promise.all([packDocx(plan, 'worker'), packDocx(plan, 'inline')])
    expect(await parts(inWorker)).toEqual(await parts(inPlace))
    expect((await parts(inWorker))['word/comments.xml']).toContain('w:author="Kagiso Mothibi (BW, BOU)"')
  })

  it('writes the same spreadsheet in the worker thread as in place', async () => {
    const rows = dispositionRows([
      threadAt({ from: 1, to: 4, quote: 'abc' }),
      threadAt({ state: 'document' }),
    ])
    const [inWorker, inPlace] = await Promise.all([
      dispositionXlsx(rows, 'T', 'worker'),
      dispositionXlsx(rows, 'T', 'inline'),
    ])
    expect(await sheetValues(inWorker)).toEqual(await sheetValues(inPlace))
    expect(await sheetValues(inWorker)).toHaveLength(3)
  })
})
