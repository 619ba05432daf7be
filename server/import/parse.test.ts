import JSZip from 'jszip'
import { afterAll, describe, expect, it } from 'vitest'
import { parseMarkdown } from '../../shared/schema/index.ts'
import { AppError } from '../errors.ts'
import { packPlan } from '../export/docx-build.ts'
import { planDraft } from '../export/docx-draft.ts'
import { stopExportWorker } from '../export/export-worker.ts'
import { convertUpload, importWorkerThreshold, parseUpload } from './parse.ts'

afterAll(() => stopExportWorker())

/** A long draft: sections with a nested list and a table, repeated past the worker threshold. */
function longMarkdown(): string {
  const part = (n: number) =>
    [
      `## Part ${n}`,
      '',
      `Benchmarking compares **practices** across *institutions* [${n}].`,
      '',
      '- First item',
      '  - Nested item',
      '',
      '| Indicator | Source |',
      '| --- | --- |',
      `| Completion rate ${n} | Registry |`,
    ].join('\n')
  return ['# Long draft', ...Array.from({ length: 1500 }, (_, i) => part(i + 1))].join('\n\n')
}

const upload = (filename: string, data: Buffer) => ({ filename, mimeType: '', data, fields: {} })

describe('parseUpload', () => {
  it('reads large files in the worker thread into the same document as in place', async () => {
    const markdown = Buffer.from(longMarkdown(), 'utf8')
    expect(markdown.length).toBeGreaterThan(importWorkerThreshold)
    const docx = Buffer.from(await packPlan(planDraft(parseMarkdown(longMarkdown()), 'Long', [])))
    for (const [name, data] of [
      ['long.md', markdown],
      ['long.docx', docx],
    ] as const) {
      const inWorker = await parseUpload(upload(name, data))
      const inPlace = await convertUpload(name.endsWith('.md') ? 'markdown' : 'docx', data)
      expect(inWorker.eq(inPlace), name).toBe(true)
      expect(inWorker.textContent).toContain('Completion rate 1500')
    }
  }, 60_000)

  it('answers a Word file it cannot read with a 400 naming the file, from the worker too', async () => {
    const zip = new JSZip()
    zip.file('word/document.xml', `<w:document><${'x'.repeat(importWorkerThreshold)}`)
    const broken = Buffer.from(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }))
    const refused = parseUpload(upload('broken.docx', broken))
    await expect(refused).rejects.toBeInstanceOf(AppError)
    await expect(refused).rejects.toMatchObject({
      status: 400,
      details: { fields: { file: 'unreadable .docx' } },
    })
  }, 60_000)
})
