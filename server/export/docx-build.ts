import {
  AlignmentType,
  BorderStyle,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  type ILevelsOptions,
  LevelFormat,
  Packer,
  PageOrientation,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import {
  type DocxPlan,
  indentStep,
  type PlanBlock,
  type PlanInline,
  type PlanList,
  type PlanParagraph,
  type PlanTable,
  type RunFormat,
} from './docx-plan.ts'

/**
 * Turns a `DocxPlan` into a Word document with the docx package. Imports nothing of the app but the plan
 * module (types and one constant), so a worker thread can load it on its own.
 */

const headings = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
  4: HeadingLevel.HEADING_4,
} as const

/** A4, in twips. */
const pageWidth = 11906
const pageHeight = 16838
const bullets = ['•', '◦', '▪']

function runOf(text: string, format: RunFormat, link: boolean): TextRun {
  return new TextRun({
    text,
    ...(format.bold ? { bold: true } : {}),
    ...(format.italics ? { italics: true } : {}),
    ...(format.underline ? { underline: {} } : {}),
    ...(format.strike ? { strike: true } : {}),
    ...(format.subScript ? { subScript: true } : {}),
    ...(format.superScript ? { superScript: true } : {}),
    // Pandoc and mammoth read the "Verbatim Char" style as code; a link's style gives way to it.
    ...(format.code ? { style: 'VerbatimChar' } : link ? { style: 'Hyperlink' } : {}),
  })
}

function childOf(item: PlanInline): ParagraphChild {
  switch (item.kind) {
    case 'text':
      return runOf(item.text, item.format, item.link !== undefined)
    case 'break':
      return new TextRun({ break: 1 })
    case 'commentStart':
      return new CommentRangeStart(item.id)
    case 'commentEnd':
      return new CommentRangeEnd(item.id)
    case 'commentReference':
      return new TextRun({ style: 'CommentReference', children: [new CommentReference(item.id)] })
  }
}

/**
 * A paragraph's children: consecutive runs with the same link become one hyperlink, and comment markers
 * between them stay inside it (a comment range may start or end inside a link).
 */
function paragraphChildren(items: PlanInline[]): ParagraphChild[] {
  const out: ParagraphChild[] = []
  let group: { link: string; children: ParagraphChild[] } | undefined
  const close = () => {
    if (group) out.push(new ExternalHyperlink({ link: group.link, children: group.children }))
    group = undefined
  }
  for (const item of items) {
    const link = item.kind === 'text' || item.kind === 'break' ? item.link : undefined
    const isMarker = item.kind !== 'text' && item.kind !== 'break'
    if (isMarker && group) {
      group.children.push(childOf(item))
      continue
    }
    if (link !== group?.link) close()
    if (link !== undefined) {
      group ??= { link, children: [] }
      group.children.push(childOf(item))
    } else out.push(childOf(item))
  }
  close()
  return out
}

function paragraphOf(block: PlanParagraph): Paragraph {
  return new Paragraph({
    children: paragraphChildren(block.items),
    ...(block.heading ? { heading: headings[block.heading] } : {}),
    ...(block.style ? { style: block.style } : {}),
    ...(block.list ? { numbering: { reference: block.list.reference, level: block.list.level } } : {}),
    ...(block.indent ? { indent: { left: block.indent } } : {}),
    ...(block.rule
      ? { border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: 'auto', space: 1 } } }
      : {}),
  })
}

function tableOf(block: PlanTable): Table {
  const fixed = block.columnWidths !== undefined
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    ...(fixed ? { columnWidths: block.columnWidths, layout: TableLayoutType.FIXED } : {}),
    rows: block.rows.map(
      (row) =>
        new TableRow({
          // Only header rows say so: readers such as mammoth take any `w:tblHeader`, even `w:val="off"`, as one.
          ...(row.header ? { tableHeader: true, cantSplit: true } : {}),
          children: row.cells.map(
            (cell) =>
              new TableCell({
                children: blocksOf(cell.blocks, true),
                ...(cell.colspan > 1 ? { columnSpan: cell.colspan } : {}),
                ...(cell.rowspan > 1 ? { rowSpan: cell.rowspan } : {}),
                ...(cell.header
                  ? { shading: { type: ShadingType.CLEAR, fill: 'E7E6E6', color: 'auto' } }
                  : {}),
              }),
          ),
        }),
    ),
  })
}

function blocksOf(blocks: PlanBlock[], inCell = false): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = []
  for (const block of blocks) {
    if (block.kind === 'paragraph') out.push(paragraphOf(block))
    else if (block.rows.length > 0) {
      out.push(tableOf(block))
      // Word needs a paragraph after a table at the end of a cell.
      if (inCell) out.push(new Paragraph({}))
    }
  }
  if (inCell && out.length === 0) out.push(new Paragraph({}))
  return out
}

function levelsOf(list: PlanList): ILevelsOptions[] {
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format: list.kind === 'bullet' ? LevelFormat.BULLET : LevelFormat.DECIMAL,
    text: list.kind === 'bullet' ? bullets[level % bullets.length]! : `%${level + 1}.`,
    alignment: AlignmentType.LEFT,
    ...(list.kind === 'ordered' ? { start: list.start } : {}),
    style: { paragraph: { indent: { left: indentStep * (level + 1), hanging: 360 } } },
  }))
}

/** The Word document of a plan: A4 (landscape when asked), the app's styles, lists, comments and body. */
export function buildDocument(plan: DocxPlan): Document {
  const lists =
    plan.lists.length > 0 ? plan.lists : [{ reference: 'bullet', kind: 'bullet' as const, start: 1 }]
  return new Document({
    title: plan.title,
    creator: 'Marginalia',
    styles: {
      paragraphStyles: [
        // Pandoc's name for a quotation, which mammoth's style maps read as a blockquote.
        {
          id: 'BlockText',
          name: 'Block Text',
          basedOn: 'Normal',
          next: 'Normal',
          run: { italics: true, color: '404040' },
          paragraph: {
            indent: { left: indentStep, right: indentStep },
            border: { left: { style: BorderStyle.SINGLE, size: 12, color: 'A6A6A6', space: 8 } },
          },
        },
        {
          id: 'Small',
          name: 'Small',
          basedOn: 'Normal',
          next: 'Normal',
          run: { size: 18 },
          paragraph: { spacing: { after: 0 } },
        },
      ],
      characterStyles: [
        { id: 'VerbatimChar', name: 'Verbatim Char', run: { font: 'Courier New', size: 20 } },
      ],
    },
    numbering: { config: lists.map((list) => ({ reference: list.reference, levels: levelsOf(list) })) },
    comments: {
      children: plan.comments.map((comment) => ({
        id: comment.id,
        author: comment.author,
        initials: comment.initials,
        date: new Date(comment.date),
        ...(comment.parentId !== undefined ? { parentId: comment.parentId } : {}),
        ...(comment.resolved ? { resolved: true } : {}),
        children: comment.paragraphs.map((text) => new Paragraph({ children: [new TextRun(text)] })),
      })),
    },
    sections: [
      {
        properties: {
          page: {
            // docx swaps width and height itself for a landscape page.
            size: {
              width: pageWidth,
              height: pageHeight,
              ...(plan.landscape ? { orientation: PageOrientation.LANDSCAPE } : {}),
            },
            margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 },
          },
        },
        children: blocksOf(plan.blocks),
      },
    ],
  })
}

/** Packs a plan into .docx bytes. */
export async function packPlan(plan: DocxPlan): Promise<Uint8Array> {
  const buffer = await Packer.toBuffer(buildDocument(plan))
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}
