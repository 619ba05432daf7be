import { describe, expect, it } from 'vitest'
import { dispositionRows } from './disposition.ts'
import { csvField, dispositionCsv } from './disposition-csv.ts'
import { commentBy, people, threadAt } from './test-threads.ts'

describe('dispositionRows', () => {
  it('has one row per thread in document order: anchored by position, then orphaned, then general', () => {
    const general = threadAt({ state: 'document' })
    const orphan = threadAt({ state: 'orphaned', quote: 'gone' })
    const late = threadAt({ from: 40, to: 45, quote: 'late' })
    const early = threadAt(
      { from: 3, to: 9, quote: 'early' },
      {
        section: ['4. Tools', '4.3 Metrics'],
        proposedText: 'sooner',
        comments: [commentBy(people.kagiso, 'Why?'), commentBy(people.siti, 'Because.', 2)],
        status: 'resolved',
        resolution: 'partially_accepted',
        resolutionNote: 'Partly.',
        resolvedBy: { id: people.li.id, name: people.li.name },
        resolvedAt: '2026-02-03T04:05:06.000Z',
      },
    )
    const rows = dispositionRows([general, orphan, late, early])
    expect(rows.map((row) => row.quote)).toEqual(['early', 'late', 'gone', ''])
    expect(rows[0]).toEqual({
      number: '1',
      country: 'BW',
      expert: 'Kagiso Mothibi',
      organization: 'BOU',
      section: '4. Tools › 4.3 Metrics',
      type: 'technical',
      quote: 'early',
      comments: 'Kagiso Mothibi: Why?\n\nSiti Rahayu: Because.',
      proposedText: 'sooner',
      status: 'resolved',
      decision: 'partially accepted',
      note: 'Partly.',
      resolvedBy: 'Li Wei',
      date: '2026-02-03',
    })
    expect(rows[1]).toMatchObject({ number: '2', status: 'open', decision: '', resolvedBy: '', date: '' })
  })
})

describe('the CSV', () => {
  it('quotes fields with commas, quotes and line breaks, doubling quotes (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain')
    expect(csvField('a, b')).toBe('"a, b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('two\nlines')).toBe('"two\nlines"')
    expect(csvField('cr\r')).toBe('"cr\r"')
  })

  it('keeps text that a spreadsheet would run as a formula as text', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`)
    expect(csvField('+1')).toBe("'+1")
    expect(csvField('-2')).toBe("'-2")
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)")
  })

  it('is UTF-8 with a byte-order mark and CRLF line ends', () => {
    const bytes = dispositionCsv(dispositionRows([threadAt({ from: 1, to: 2, quote: 'Ü' })]))
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.toString('utf8').slice(1)
    expect(
      text.startsWith('No.,Country,Expert,Organization,Section,Type,Quoted text,Comment and replies,'),
    ).toBe(true)
    expect(text.split('\r\n')).toHaveLength(3)
    expect(text.endsWith('\r\n')).toBe(true)
    expect(text).toContain(',Ü,')
  })
})
