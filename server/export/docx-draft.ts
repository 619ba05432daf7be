import type { Mark, Node as ProseMirrorNode } from 'prosemirror-model'
import { safeHref } from '../../shared/schema/index.ts'
import { type CommentPlan, planComments } from './docx-comments.ts'
import {
  type DocxPlan,
  indentStep,
  type PlanBlock,
  type PlanCell,
  type PlanInline,
  type PlanList,
  type PlanParagraph,
  type PlanTable,
  type RunFormat,
} from './docx-plan.ts'
import { xmlSafe } from './labels.ts'
import type { PlacedThread } from './placement.ts'

/** What a block is inside of while it is written. */
interface BlockState {
  /** Depth of blockquotes around it. */
  quoteDepth: number
  /** Left indent from enclosing list items, in twips. */
  indent: number
  /** Depth of lists around it: the level of a list item's numbering. */
  listLevel: number
  /** Text in header cells is bold. */
  bold: boolean
}

/** Formatting and link a run gets from its marks. */
interface RunState {
  format: RunFormat
  link?: string
}

/** Writes the document's content as plan blocks, placing comment markers at their positions. */
interface Writer {
  blocks(node: ProseMirrorNode, contentStart: number, state: BlockState): PlanBlock[]
  inline(node: ProseMirrorNode, contentStart: number, state: BlockState): PlanInline[]
  /** A new list, answering its reference. */
  list(kind: PlanList['kind'], start: number): string
}

/** How a block node becomes plan blocks; `pos` is the position before the node. */
type BlockRule = (node: ProseMirrorNode, pos: number, state: BlockState, writer: Writer) => PlanBlock[]

/** How an inline node (or a slice of a text node) becomes paragraph content. */
type InlineRule = (node: ProseMirrorNode, run: RunState) => PlanInline[]

/** The Word mapping of each node type: a block rule, or an inline rule. */
export type DocxNodeRule = { block: BlockRule } | { inline: InlineRule }

function paragraphFrom(
  node: ProseMirrorNode,
  pos: number,
  state: BlockState,
  writer: Writer,
  extra: Partial<PlanParagraph>,
): PlanParagraph {
  const paragraph: PlanParagraph = { kind: 'paragraph', ...extra, items: writer.inline(node, pos + 1, state) }
  const quote = state.quoteDepth > 0 && paragraph.heading === undefined && paragraph.list === undefined
  if (quote) paragraph.style = 'BlockText'
  const indent = state.indent + (quote ? (state.quoteDepth - 1) * indentStep : 0)
  if (indent > 0 && paragraph.list === undefined) paragraph.indent = indent
  return paragraph
}

function textItems(text: string, run: RunState): PlanInline[] {
  const items: PlanInline[] = []
  // Text from a Yjs update may hold a newline; Word gets a line break for it.
  xmlSafe(text)
    .split('\n')
    .forEach((line, i) => {
      if (i > 0) items.push(run.link ? { kind: 'break', link: run.link } : { kind: 'break' })
      if (line !== '') items.push({ kind: 'text', text: line, format: { ...run.format }, ...linkOf(run) })
    })
  return items
}

function linkOf(run: RunState): { link?: string } {
  return run.link ? { link: run.link } : {}
}

function listItems(node: ProseMirrorNode, pos: number, state: BlockState, writer: Writer, reference: string) {
  const blocks: PlanBlock[] = []
  const level = Math.min(state.listLevel, 8)
  node.forEach((item, offset) => {
    const itemPos = pos + 1 + offset
    const inner: BlockState = { ...state, listLevel: state.listLevel + 1, indent: indentStep * (level + 1) }
    item.forEach((child, childOffset) => {
      const childPos = itemPos + 1 + childOffset
      if (childOffset === 0 && child.type.name === 'paragraph') {
        blocks.push(paragraphFrom(child, childPos, inner, writer, { list: { reference, level } }))
      } else {
        blocks.push(...ruleOf(child, 'block')(child, childPos, inner, writer))
      }
    })
  })
  return blocks
}

function cellRule(header: boolean): BlockRule {
  return () => {
    throw new Error(`A table ${header ? 'header' : 'cell'} is written by its table`)
  }
}

/**
 * How each node type of the schema is written to Word: headings 1–4 as Heading1–4, quotations in Block Text
 * style, lists as Word numbering (each ordered list its own, from its start), tables with merged cells, rules
 * as a bordered empty paragraph, hard breaks as line breaks and images as a text placeholder (never fetched).
 */
export const docxNodes: Readonly<Record<string, DocxNodeRule>> = {
  doc: { block: (node, _pos, state, writer) => writer.blocks(node, 0, state) },
  paragraph: { block: (node, pos, state, writer) => [paragraphFrom(node, pos, state, writer, {})] },
  heading: {
    block: (node, pos, state, writer) => [
      paragraphFrom(node, pos, state, writer, {
        heading: Math.min(Math.max(Number(node.attrs.level) || 1, 1), 4) as 1 | 2 | 3 | 4,
      }),
    ],
  },
  blockquote: {
    block: (node, pos, state, writer) =>
      writer.blocks(node, pos + 1, { ...state, quoteDepth: state.quoteDepth + 1 }),
  },
  horizontal_rule: { block: () => [{ kind: 'paragraph', rule: true, items: [] }] },
  bullet_list: {
    block: (node, pos, state, writer) => listItems(node, pos, state, writer, writer.list('bullet', 1)),
  },
  ordered_list: {
    block: (node, pos, state, writer) =>
      listItems(node, pos, state, writer, writer.list('ordered', Number(node.attrs.order) || 0)),
  },
  list_item: {
    block: () => {
      throw new Error('A list item is written by its list')
    },
  },
  table: {
    block: (node, pos, _state, writer) => {
      const rows: PlanTable['rows'] = []
      node.forEach((row, rowOffset) => {
        const cells: PlanCell[] = []
        row.forEach((cellNode, cellOffset) => {
          const header = cellNode.type.name === 'table_header'
          const cellState: BlockState = { quoteDepth: 0, indent: 0, listLevel: 0, bold: header }
          const cellPos = pos + 1 + rowOffset + 1 + cellOffset
          cells.push({
            colspan: Math.max(1, Number(cellNode.attrs.colspan) || 1),
            rowspan: Math.max(1, Number(cellNode.attrs.rowspan) || 1),
            header,
            blocks: writer.blocks(cellNode, cellPos + 1, cellState),
          })
        })
        // Word cannot open a row without cells.
        if (cells.length > 0) rows.push({ header: cells.every((cell) => cell.header), cells })
      })
      return [{ kind: 'table', rows }]
    },
  },
  table_row: {
    block: () => {
      throw new Error('A table row is written by its table')
    },
  },
  table_header: { block: cellRule(true) },
  table_cell: { block: cellRule(false) },
  text: { inline: (node, run) => textItems(node.text ?? '', run) },
  image: {
    inline: (node, run) => {
      const alt = String(node.attrs.alt ?? '').trim()
      return textItems(alt ? `[Image: ${alt}]` : '[Image]', {
        ...run,
        format: { ...run.format, italics: true },
      })
    },
  },
  hard_break: { inline: (_node, run) => [run.link ? { kind: 'break', link: run.link } : { kind: 'break' }] },
}

/** An absolute link Word can follow; relative references are written as plain text. */
function wordLink(href: unknown): string | undefined {
  const safe = safeHref(String(href ?? ''))
  return safe !== null && /^(https?|mailto):/i.test(safe) ? safe : undefined
}

/** How each mark type changes a run. A link whose href is unsafe or relative leaves its text plain. */
export const docxMarks: Readonly<Record<string, (mark: Mark, run: RunState) => void>> = {
  link: (mark, run) => {
    const link = wordLink(mark.attrs.href)
    if (link) run.link = link
  },
  em: (_mark, run) => {
    run.format.italics = true
  },
  strong: (_mark, run) => {
    run.format.bold = true
  },
  underline: (_mark, run) => {
    run.format.underline = true
  },
  strike: (_mark, run) => {
    run.format.strike = true
  },
  sub: (_mark, run) => {
    run.format.subScript = true
  },
  sup: (_mark, run) => {
    run.format.superScript = true
  },
  code: (_mark, run) => {
    run.format.code = true
  },
}

function ruleOf(node: ProseMirrorNode, kind: 'block'): BlockRule
function ruleOf(node: ProseMirrorNode, kind: 'inline'): InlineRule
function ruleOf(node: ProseMirrorNode, kind: 'block' | 'inline'): BlockRule | InlineRule {
  const rule = docxNodes[node.type.name]
  if (!rule) throw new Error(`Node type \`${node.type.name}\` not supported by the DOCX serializer`)
  if (kind === 'block' && 'block' in rule) return rule.block
  if (kind === 'inline' && 'inline' in rule) return rule.inline
  throw new Error(`Node type \`${node.type.name}\` is not ${kind} content for the DOCX serializer`)
}

function runOf(node: ProseMirrorNode, state: BlockState): RunState {
  const run: RunState = { format: state.bold ? { bold: true } : {} }
  for (const mark of node.marks) {
    const apply = docxMarks[mark.type.name]
    if (!apply) throw new Error(`Mark type \`${mark.type.name}\` not supported by the DOCX serializer`)
    apply(mark, run)
  }
  return run
}

/**
 * The Word plan of a document and its threads: its body with every thread's comment range in place (text
 * runs split at the boundaries), and the comments. With no threads it is a clean draft. Throws on a node or
 * mark type without a Word mapping.
 */
export function planDraft(doc: ProseMirrorNode, title: string, placed: readonly PlacedThread[]): DocxPlan {
  const comments: CommentPlan = planComments(placed)
  const markers = comments.markers
  let next = 0
  const lists: PlanList[] = []

  /** Markers up to `pos`, in order. */
  const flush = (pos: number, into: PlanInline[]) => {
    while (next < markers.length && markers[next]!.pos <= pos) into.push(markers[next++]!.item)
  }

  const writer: Writer = {
    blocks(node, contentStart, state) {
      const out: PlanBlock[] = []
      node.forEach((child, offset) => {
        out.push(...ruleOf(child, 'block')(child, contentStart + offset, state, writer))
      })
      return out
    },
    inline(node, contentStart, state) {
      const items: PlanInline[] = []
      node.forEach((child, offset) => {
        const start = contentStart + offset
        flush(start, items)
        const rule = ruleOf(child, 'inline')
        const run = runOf(child, state)
        if (!child.isText) {
          items.push(...rule(child, run))
          return
        }
        // Split the text where comment ranges start or end inside it.
        let cut = 0
        const length = child.text!.length
        while (next < markers.length && markers[next]!.pos < start + length) {
          const at = markers[next]!.pos - start
          if (at > cut) items.push(...rule(child.cut(cut, at), run))
          cut = Math.max(cut, at)
          flush(start + at, items)
        }
        if (cut < length) items.push(...rule(cut === 0 ? child : child.cut(cut), run))
      })
      flush(contentStart + node.content.size, items)
      return items
    },
    list(kind, start) {
      const reference = kind === 'bullet' ? 'bullet' : `ordered-${lists.length}`
      if (!lists.some((list) => list.reference === reference)) lists.push({ reference, kind, start })
      return reference
    },
  }

  const blocks = writer.blocks(doc, 0, { quoteDepth: 0, indent: 0, listLevel: 0, bold: false })
  // Whatever was not placed (a document without text blocks) goes in a last paragraph.
  const rest: PlanInline[] = [...comments.unplaced]
  while (next < markers.length) rest.push(markers[next++]!.item)
  if (rest.length > 0) blocks.push({ kind: 'paragraph', items: rest })
  return { title: xmlSafe(title), landscape: false, lists, blocks, comments: comments.comments }
}
