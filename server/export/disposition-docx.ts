import { type DispositionRow, rowExpertLabel } from './disposition.ts'
import type { DocxPlan, PlanCell, PlanInline, PlanParagraph } from './docx-plan.ts'
import { xmlSafe } from './labels.ts'

/**
 * The disposition as a Word table in the manner of the ISO comment template: landscape, one row per comment,
 * the header repeated on every page, and the secretariat's observations (decision, note, who and when) in
 * the last column.
 */

/** Usable width of a landscape A4 page with 2 cm margins, in twips. */
const tableWidth = 14570

const columns: Array<{ header: string; share: number; cell: (row: DispositionRow) => string }> = [
  { header: 'No.', share: 4, cell: (row) => row.number },
  { header: 'Country', share: 7, cell: (row) => row.country },
  { header: 'Expert', share: 11, cell: rowExpertLabel },
  { header: 'Section', share: 9, cell: (row) => row.section },
  { header: 'Type', share: 6, cell: (row) => row.type },
  { header: 'Quoted text', share: 12, cell: (row) => row.quote },
  { header: 'Comment and replies', share: 20, cell: (row) => row.comments },
  { header: 'Proposed change', share: 13, cell: (row) => row.proposedText },
  { header: 'Status', share: 6, cell: (row) => row.status },
  {
    header: 'Observations (decision, note, resolved by, date)',
    share: 13,
    cell: (row) =>
      [
        row.decision && `Decision: ${row.decision}`,
        row.note,
        [row.resolvedBy, row.date].filter(Boolean).join(', '),
      ]
        .filter((part) => part !== '')
        .join('\n'),
  },
]

/** Text as runs in one paragraph per line. */
function paragraphs(text: string, bold: boolean): PlanParagraph[] {
  return xmlSafe(text)
    .split('\n')
    .map((line) => {
      const items: PlanInline[] =
        line === '' ? [] : [{ kind: 'text', text: line, format: bold ? { bold } : {} }]
      return { kind: 'paragraph', style: 'Small', items }
    })
}

function cell(text: string, header: boolean): PlanCell {
  return { colspan: 1, rowspan: 1, header, blocks: paragraphs(text, header) }
}

/** The Word plan of the disposition table of a document. */
export function dispositionPlan(rows: readonly DispositionRow[], title: string, filters: string): DocxPlan {
  const total = columns.reduce((sum, column) => sum + column.share, 0)
  const about = `${rows.length} comment${rows.length === 1 ? '' : 's'}${filters ? `; ${filters}` : ''}. Exported ${new Date().toISOString().slice(0, 10)}.`
  return {
    title: xmlSafe(`Disposition of comments: ${title}`),
    landscape: true,
    lists: [],
    blocks: [
      {
        kind: 'paragraph',
        heading: 1,
        items: [{ kind: 'text', text: xmlSafe(`Disposition of comments: ${title}`), format: {} }],
      },
      { kind: 'paragraph', items: [{ kind: 'text', text: xmlSafe(about), format: {} }] },
      {
        kind: 'table',
        columnWidths: columns.map((column) => Math.floor((tableWidth * column.share) / total)),
        rows: [
          { header: true, cells: columns.map((column) => cell(column.header, true)) },
          ...rows.map((row) => ({
            header: false,
            cells: columns.map((column) => cell(column.cell(row), false)),
          })),
        ],
      },
    ],
    comments: [],
  }
}
