import { describe, expect, it } from 'vitest'
import { attachmentHeader, exportFilename } from './filename.ts'

describe('download file names', () => {
  it('names the file after the title and what it holds', () => {
    expect(exportFilename('Guidelines', '', 'docx')).toBe('Guidelines.docx')
    expect(exportFilename('Guidelines', 'comments', 'pdf')).toBe('Guidelines (comments).pdf')
    expect(exportFilename('a/b\\c:"d"', '', 'md')).toBe('a b c d.md')
    expect(exportFilename('   ', '', 'md')).toBe('document.md')
  })

  it('gives an ASCII name and the exact UTF-8 name (RFC 6266)', () => {
    expect(attachmentHeader('Lignes directrices — évaluation.docx')).toBe(
      `attachment; filename="Lignes directrices evaluation.docx"; filename*=UTF-8''Lignes%20directrices%20%E2%80%94%20%C3%A9valuation.docx`,
    )
    expect(attachmentHeader('指南 (comments).pdf')).toBe(
      `attachment; filename="(comments).pdf"; filename*=UTF-8''%E6%8C%87%E5%8D%97%20%28comments%29.pdf`,
    )
    expect(attachmentHeader('中文.csv')).toMatch(/^attachment; filename="document\.csv"; /)
  })
})
