import type { Node } from 'prosemirror-model'
import { tableGrid } from './table-grid.ts'

/** What a text rule may ask for: the plain text of a node, or of each of a node's children. */
export interface TextContext {
  /** The plain text of `node`. */
  node(node: Node): string
  /** The plain text of each child of `node`, in order. */
  children(node: Node): string[]
}

/** Writes one node type as plain text. */
export type TextNodeSerializer = (node: Node, ctx: TextContext) => string

/** `marker` before the first line of `text`, and as many spaces before each further non-empty line. */
function hang(marker: string, text: string): string {
  const indent = ' '.repeat(marker.length)
  return text
    .split('\n')
    .map((line, i) => (i === 0 ? marker + line : line === '' ? line : indent + line))
    .join('\n')
}

/** A table cell on one line of a tab-separated row: its blocks joined with a space, tabs and breaks as spaces. */
const cellText: TextNodeSerializer = (node, ctx) =>
  ctx
    .children(node)
    .join(' ')
    .replace(/[\t\n]+/g, ' ')

/**
 * How each node type is written as plain text: blocks separated by blank lines, list items prefixed with
 * `- ` or `1. ` (one per line, continuation lines indented), table cells separated by tabs and rows by
 * newlines (a merged cell leaves empty cells after it), hard breaks as newlines, images as their alt text. Marks carry no text of their own.
 */
export const textNodes: Readonly<Record<string, TextNodeSerializer>> = {
  doc: (node, ctx) => ctx.children(node).join('\n\n'),
  paragraph: (node, ctx) => ctx.children(node).join(''),
  heading: (node, ctx) => ctx.children(node).join(''),
  blockquote: (node, ctx) => ctx.children(node).join('\n\n'),
  horizontal_rule: () => '---',
  bullet_list: (node, ctx) =>
    ctx
      .children(node)
      .map((item) => hang('- ', item))
      .join('\n'),
  ordered_list: (node, ctx) =>
    ctx
      .children(node)
      .map((item, i) => hang(`${node.attrs.order + i}. `, item))
      .join('\n'),
  list_item: (node, ctx) => ctx.children(node).join('\n'),
  // Squares covered by a merged cell stay empty, so every row has the same columns.
  table: (node, ctx) =>
    tableGrid(node)
      .map((row) => row.map((cell) => (cell ? ctx.node(cell) : '')).join('\t'))
      .join('\n'),
  table_row: (node, ctx) => ctx.children(node).join('\t'),
  table_header: cellText,
  table_cell: cellText,
  text: (node) => node.text!,
  image: (node) => String(node.attrs.alt ?? ''),
  hard_break: () => '\n',
}

/**
 * How each mark type is written as plain text: every mark keeps its text and drops its formatting (a link
 * keeps its text, not its URL). The serializer refuses a mark missing here, as it refuses an unknown node.
 */
export const textMarks: Readonly<Record<string, 'text'>> = {
  link: 'text',
  em: 'text',
  strong: 'text',
  underline: 'text',
  strike: 'text',
  sub: 'text',
  sup: 'text',
  code: 'text',
}

function rule(node: Node): TextNodeSerializer {
  const serializer = textNodes[node.type.name]
  if (!serializer) throw new Error(`Node type \`${node.type.name}\` not supported by the text serializer`)
  for (const mark of node.marks) {
    if (!textMarks[mark.type.name])
      throw new Error(`Mark type \`${mark.type.name}\` not supported by the text serializer`)
  }
  return serializer
}

const textContext: TextContext = {
  node: (node) => rule(node)(node, textContext),
  children: (node) => node.children.map((child) => textContext.node(child)),
}

/** Write a document as plain text (for search, previews and `.txt` export); throws on an unknown node. */
export function serializeText(doc: Node): string {
  return textContext.node(doc)
}
