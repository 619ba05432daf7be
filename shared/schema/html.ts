import type { Mark, Node } from 'prosemirror-model'
import { safeHref, safeImageSrc } from './urls.ts'

const htmlEntities: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Escape text or an attribute value for HTML (`&`, `<`, `>`, `"` and `'`), so it can never become markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => htmlEntities[c]!)
}

/** ` name="value"` for each attribute that has a value, escaped; null and undefined are left out. */
function attributes(values: Record<string, string | number | null | undefined>): string {
  let out = ''
  for (const [name, value] of Object.entries(values)) {
    if (value !== null && value !== undefined) out += ` ${name}="${escapeHtml(String(value))}"`
  }
  return out
}

/** What a node serializer may ask for: the HTML of a node, or of a node's content. */
export interface HtmlContext {
  /** The HTML of `node`'s content: block children one per line, inline children with their marks. */
  content(node: Node): string
  /** The HTML of `node` itself. */
  node(node: Node): string
}

/** Writes one node type as HTML. */
export type HtmlNodeSerializer = (node: Node, ctx: HtmlContext) => string

/** Writes one mark type as an opening and a closing tag (both empty to write the content plain). */
export type HtmlMarkSerializer = (mark: Mark) => readonly [open: string, close: string]

/** `<tag>` around block children, each on its own line. */
function blockWrap(tag: string, inner: string, attrs = ''): string {
  return `<${tag}${attrs}>\n${inner}\n</${tag}>`
}

/** A table cell's `colspan` and `rowspan` when they are not 1; column widths are not written (no inline style). */
function spans(node: Node): string {
  const { colspan, rowspan } = node.attrs
  return attributes({ colspan: colspan === 1 ? null : colspan, rowspan: rowspan === 1 ? null : rowspan })
}

/** How each node type is written as HTML. */
export const htmlNodes: Readonly<Record<string, HtmlNodeSerializer>> = {
  doc: (node, ctx) => ctx.content(node),
  paragraph: (node, ctx) => `<p>${ctx.content(node)}</p>`,
  heading: (node, ctx) => `<h${node.attrs.level}>${ctx.content(node)}</h${node.attrs.level}>`,
  blockquote: (node, ctx) => blockWrap('blockquote', ctx.content(node)),
  horizontal_rule: () => '<hr>',
  bullet_list: (node, ctx) => blockWrap('ul', ctx.content(node)),
  ordered_list: (node, ctx) =>
    blockWrap(
      'ol',
      ctx.content(node),
      attributes({ start: node.attrs.order === 1 ? null : node.attrs.order }),
    ),
  list_item: (node, ctx) => `<li>${ctx.content(node)}</li>`,
  table: (node, ctx) => {
    const rows = node.children.map((row) => ctx.node(row))
    const first = node.firstChild
    // A first row of header cells is the table's head; any other table is all body.
    const headed = first !== null && first.childCount > 0 && allHeaders(first)
    const head = headed ? `${blockWrap('thead', rows.shift()!)}\n` : ''
    const body = rows.length > 0 ? blockWrap('tbody', rows.join('\n')) : ''
    return blockWrap('table', (head + body).trimEnd())
  },
  table_row: (node, ctx) => {
    return `<tr>${node.children.map((cell) => ctx.node(cell)).join('')}</tr>`
  },
  table_header: (node, ctx) => `<th${spans(node)}>${ctx.content(node)}</th>`,
  table_cell: (node, ctx) => `<td${spans(node)}>${ctx.content(node)}</td>`,
  text: (node) => escapeHtml(node.text!),
  image: (node) => {
    const src = safeImageSrc(node.attrs.src)
    const alt = String(node.attrs.alt ?? '')
    return src === null ? escapeHtml(alt) : `<img${attributes({ src, alt, title: node.attrs.title })}>`
  },
  hard_break: () => '<br>',
}

function allHeaders(row: Node): boolean {
  return row.children.every((cell) => cell.type.name === 'table_header')
}

/** How each mark type is written as HTML; a link whose href is unsafe is written as its plain text. */
export const htmlMarks: Readonly<Record<string, HtmlMarkSerializer>> = {
  link: (mark) => {
    const href = safeHref(mark.attrs.href)
    return href === null ? ['', ''] : [`<a${attributes({ href, title: mark.attrs.title })}>`, '</a>']
  },
  em: () => ['<em>', '</em>'],
  strong: () => ['<strong>', '</strong>'],
  underline: () => ['<u>', '</u>'],
  strike: () => ['<s>', '</s>'],
  sub: () => ['<sub>', '</sub>'],
  sup: () => ['<sup>', '</sup>'],
  code: () => ['<code>', '</code>'],
}

function nodeSerializer(node: Node): HtmlNodeSerializer {
  const serializer = htmlNodes[node.type.name]
  if (!serializer) throw new Error(`Node type \`${node.type.name}\` not supported by the HTML serializer`)
  return serializer
}

function markSerializer(mark: Mark): HtmlMarkSerializer {
  const serializer = htmlMarks[mark.type.name]
  if (!serializer) throw new Error(`Mark type \`${mark.type.name}\` not supported by the HTML serializer`)
  return serializer
}

/**
 * Inline content with its marks. Marks still open from the previous node stay open when this node has them
 * too, whatever their rank (any nesting of these phrasing elements is valid HTML), so `strong` over a link
 * and more text is one `<strong>` with the `<a>` inside.
 */
function inlineHtml(parent: Node, ctx: HtmlContext): string {
  let out = ''
  const open: { mark: Mark; close: string }[] = []
  parent.forEach((child) => {
    let keep = 0
    while (keep < open.length && open[keep]!.mark.isInSet(child.marks)) keep++
    while (open.length > keep) out += open.pop()!.close
    for (const mark of child.marks) {
      if (open.some((entry) => entry.mark.eq(mark))) continue
      const [start, close] = markSerializer(mark)(mark)
      out += start
      open.push({ mark, close })
    }
    out += ctx.node(child)
  })
  while (open.length > 0) out += open.pop()!.close
  return out
}

const htmlContext: HtmlContext = {
  content(node) {
    if (node.inlineContent) return inlineHtml(node, htmlContext)
    return node.children.map((child) => htmlContext.node(child)).join('\n')
  },
  node: (node) => nodeSerializer(node)(node, htmlContext),
}

/**
 * Write a document as clean semantic HTML without a DOM: text and attributes escaped, no inline styles,
 * unsafe links written as text and unsafe images as their alt text. Throws on an unknown node or mark.
 */
export function serializeHtml(doc: Node): string {
  return htmlContext.node(doc)
}

export { serializeText, textMarks, textNodes } from './text.ts'
