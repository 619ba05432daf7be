import { MarkdownSerializer, type MarkdownSerializerState } from 'prosemirror-markdown'
import type { Mark, Node } from 'prosemirror-model'
import { Transform } from 'prosemirror-transform'
import { codeFence, destination, titlePart } from './markdown-syntax.ts'
import { schema } from './schema.ts'
import { tableGrid } from './table-grid.ts'
import { safeHref, safeImageSrc } from './urls.ts'

type NodeSerializer = (state: MarkdownSerializerState, node: Node, parent: Node, index: number) => void
type MarkSerializer = MarkdownSerializer['marks'][string]

const { hard_break: hardBreak, heading, list_item: listItem, paragraph } = schema.nodes
const { code, sub, sup } = schema.marks

/**
 * Escape text that Markdown would read as syntax. `lineStart` adds the escapes only needed at the start of a
 * line (prosemirror-markdown's own, plus `1)` lists and `=` setext underlines), and is also true after a
 * hard break, where a new line starts without a new block.
 */
function escapeText(state: MarkdownSerializerState, text: string, lineStart: boolean): string {
  const escaped = state.esc(text, lineStart)
  return lineStart ? escaped.replace(/^(\s*\d+)\)/, '$1\\)').replace(/^(\s*)=/, '$1\\=') : escaped
}

/** How many siblings of the same list type come right before `index`: lists alternate markers so they stay apart. */
function sameTypeRun(node: Node, parent: Node, index: number): number {
  let run = 0
  while (index - run - 1 >= 0 && parent.child(index - run - 1).type === node.type) run++
  return run
}

/** A list is written tight unless an item holds several blocks that are not lists. */
function isTight(list: Node): boolean {
  return list.children.every((item) =>
    item.children.every((block, i) => i === 0 || block.type.name.endsWith('_list')),
  )
}

/**
 * True when the child at `index` of `parent` is written on a list marker's line: Markdown reads an item that
 * starts with a quote, list, rule or heading with an empty paragraph first (the schema wants one), so such
 * an item is written without that paragraph: `- > quote`, `1. 3. x`.
 */
function onMarkerLine(parent: Node, index: number): boolean {
  return (
    parent.type === listItem &&
    index === 1 &&
    parent.childCount > 1 &&
    parent.child(0).content.size === 0 &&
    parent.child(1).type !== paragraph
  )
}

function renderList(state: MarkdownSerializerState, list: Node, delim: string, first: (i: number) => string) {
  const previous = state.options.tightLists
  state.options.tightLists = isTight(list)
  state.renderList(list, delim, first)
  state.options.tightLists = previous
}

/**
 * A table cell as one line of Markdown: GFM cells cannot hold blocks or line breaks, so the cell's text
 * blocks are joined with a space and its hard breaks become spaces (lists, quotes and rules inside a cell
 * keep only their text). Pipes are escaped, also inside code spans, as GFM requires.
 */
function cellMarkdown(cell: Node): string {
  const inline: Node[] = []
  cell.descendants((node) => {
    if (!node.isTextblock) return true
    if (inline.length > 0) inline.push(schema.text(' '))
    for (const child of node.children)
      inline.push(child.type === hardBreak ? schema.text(' ', child.marks) : child)
    return false
  })
  const line = markdownSerializer.serialize(schema.node('doc', null, [paragraph.create(null, inline)]))
  return line.replace(/\n/g, ' ').replace(/\|/g, '\\|')
}

const cell: NodeSerializer = (state, node) => {
  state.write(` ${cellMarkdown(node)} |`)
}

/**
 * How each node type is written. Tables are GFM pipe tables whose first row is always the header row;
 * merged cells are written as their top-left cell plus empty cells, so the grid keeps its shape.
 */
export const markdownNodes: Readonly<Record<string, NodeSerializer>> = {
  doc: (state, node) => state.renderContent(node),
  paragraph: (state, node) => {
    state.renderInline(node)
    state.closeBlock(node)
  },
  heading: (state, node) => {
    state.write(`${'#'.repeat(node.attrs.level)} `)
    state.renderInline(node, false)
    state.closeBlock(node)
  },
  blockquote: (state, node) => state.wrapBlock('> ', null, node, () => state.renderContent(node)),
  horizontal_rule: (state, node, parent, index) => {
    // On a list marker's line (see list_item), `- ---` and `* ***` would be one thematic break.
    state.write(onMarkerLine(parent, index) ? '___' : '---')
    state.closeBlock(node)
  },
  bullet_list: (state, node, parent, index) => {
    const marker = sameTypeRun(node, parent, index) % 2 === 0 ? '- ' : '* '
    renderList(state, node, '  ', () => marker)
  },
  ordered_list: (state, node, parent, index) => {
    const start: number = node.attrs.order
    const delimiter = sameTypeRun(node, parent, index) % 2 === 0 ? '. ' : ') '
    const width = String(start + node.childCount - 1).length
    // Only a list starting at 1 may interrupt a paragraph, so in a tight item `3.` right after the item's
    // paragraph would read as more of it: `write()` flushes the closed paragraph with a blank line first.
    if (start !== 1 && index > 0 && parent.child(index - 1).type === paragraph) state.write()
    renderList(state, node, ' '.repeat(width + 2), (i) => String(start + i).padStart(width) + delimiter)
  },
  list_item: (state, node) => {
    const skipFirst = onMarkerLine(node, 1)
    node.forEach((child, _, i) => {
      if (i > 0 || !skipFirst) state.render(child, node, i)
    })
  },
  table: (state, node) => {
    const width = tableGrid(node)[0]?.length ?? 0
    if (width === 0) return
    node.forEach((row, _, i) => {
      state.render(row, node, i)
      if (i === 0) {
        state.write(`|${' --- |'.repeat(width)}`)
        state.ensureNewLine()
      }
    })
    state.closeBlock(node)
  },
  table_row: (state, row, table, rowIndex) => {
    state.write('|')
    tableGrid(table)[rowIndex]!.forEach((square, col) => {
      if (square) state.render(square, row, col)
      else state.write('  |')
    })
    state.ensureNewLine()
  },
  table_header: cell,
  table_cell: cell,
  text: (state, node, parent, index) => {
    // A heading's text follows `# ` on its line, so `1.` or `-` there is never block syntax.
    const lineStart = parent.type !== heading && (index === 0 || parent.child(index - 1).type === hardBreak)
    let text = escapeText(state, node.text!, lineStart)
    // A heading ending in ` #` would lose the `#`s as an ATX closing sequence.
    if (parent.type === heading && index === parent.childCount - 1)
      text = text.replace(/(^|\s)(#+\s*)$/, '$1\\$2')
    // Pandoc's rule, which the `~sub~`/`^sup^` parser follows: spaces inside a script are escaped.
    if (node.marks.some((mark) => mark.type === sub || mark.type === sup))
      text = text.replace(/[ \t]/g, '\\$&')
    state.text(text, false)
  },
  image: (state, node) => {
    const alt = escapeText(state, String(node.attrs.alt ?? '').replace(/\s+/g, ' '), false)
    const src = safeImageSrc(node.attrs.src)
    state.write(src === null ? alt : `![${alt}](${destination(src)}${titlePart(node.attrs.title)})`)
  },
  hard_break: (state, node, parent, index) => {
    // A break at the end of a block has no Markdown form (and no visible effect): it is dropped.
    for (let i = index + 1; i < parent.childCount; i++) {
      if (parent.child(i).type !== node.type) {
        state.write('\\\n')
        return
      }
    }
  },
}

/** How each mark type is written; a link with an unsafe href is written as its plain text. */
export const markdownMarks: Readonly<Record<string, MarkSerializer>> = {
  link: {
    open: (_state, mark) => (safeHref(mark.attrs.href) === null ? '' : '['),
    close: (_state, mark) => {
      const href = safeHref(mark.attrs.href)
      return href === null ? '' : `](${destination(href)}${titlePart(mark.attrs.title)})`
    },
    mixable: true,
  },
  em: { open: '*', close: '*', mixable: true, expelEnclosingWhitespace: true },
  strong: { open: '**', close: '**', mixable: true, expelEnclosingWhitespace: true },
  underline: { open: '++', close: '++', mixable: true, expelEnclosingWhitespace: true },
  strike: { open: '~~', close: '~~', mixable: true, expelEnclosingWhitespace: true },
  sub: { open: '~', close: '~', mixable: true },
  sup: { open: '^', close: '^', mixable: true },
  code: {
    open: (_state, _mark, parent, index) => codeFence(parent.child(index).textContent, 'open'),
    close: (_state, _mark, parent, index) => codeFence(parent.child(index - 1).textContent, 'close'),
    escape: false,
  },
}

/**
 * The prosemirror-markdown serializer over `markdownNodes` and `markdownMarks`; strict, so a node or mark
 * without an entry throws instead of vanishing. `^` is always escaped, `+` wherever it could form `++`, and
 * `&` where it would start an entity.
 */
export const markdownSerializer = new MarkdownSerializer(markdownNodes, markdownMarks, {
  strict: true,
  // A `+` before another `+` or at either end of a text: what is left can never form a `++` run (no
  // lookbehind: Safari before 16.4 rejects it, and a regex literal it cannot parse breaks the whole bundle).
  // An `&` that starts an entity, so the text `&amp;` stays five characters.
  escapeExtraCharacters: /\^|\+(?=\+)|^\+|\+$|&(?=#?[a-z0-9]+;)/gi,
})

/** Marks Markdown cannot carry on a non-text inline node: `code` spans hold only text, scripts cannot break. */
function strippable(node: Node, mark: Mark): boolean {
  if (mark.type === code) return !node.isText
  return (mark.type === sub || mark.type === sup) && node.type === hardBreak
}

/** Drop the marks Markdown cannot express on breaks and images (the text around them keeps its marks). */
function prepare(doc: Node): Node {
  const tr = new Transform(doc)
  doc.descendants((node, pos) => {
    if (!node.isInline || node.isText) return true
    for (const mark of node.marks) if (strippable(node, mark)) tr.removeMark(pos, pos + 1, mark.type)
    return false
  })
  return tr.doc
}

/**
 * Write a document as Markdown (ending in one newline) that `parseMarkdown` reads back into the same
 * document, except where Markdown has no form (see `markdown.ts`). Throws on a node or mark it does not know.
 */
export function serializeMarkdown(doc: Node): string {
  const markdown = markdownSerializer.serialize(prepare(doc)).replace(/\n+$/, '')
  return markdown === '' ? '' : `${markdown}\n`
}
