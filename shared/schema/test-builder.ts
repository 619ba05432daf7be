import { type Attrs, type Mark, Node } from 'prosemirror-model'
import { schema } from './schema.ts'

/**
 * A tiny document builder for tests, in the style of prosemirror-test-builder:
 * `doc(p('Hello ', strong('world')))`. Strings become text; mark builders return marked nodes.
 */
export type Child = string | Node | readonly Child[]

type Args = [Attrs, ...Child[]] | Child[]

function flatten(children: readonly Child[], marks: readonly Mark[] = []): Node[] {
  const out: Node[] = []
  for (const child of children) {
    if (typeof child === 'string') out.push(schema.text(child, marks))
    else if (child instanceof Node)
      out.push(marks.reduce((node, mark) => node.mark(mark.addToSet(node.marks)), child))
    else out.push(...flatten(child as readonly Child[], marks))
  }
  return out
}

function isAttrs(value: unknown): value is Attrs {
  return typeof value === 'object' && value !== null && !(value instanceof Node) && !Array.isArray(value)
}

/** The attributes (when the first argument is a plain object) and the children of a builder call. */
function split(args: Args): [Attrs | null, Child[]] {
  const [first, ...rest] = args
  return isAttrs(first) ? [first, rest as Child[]] : [null, args as Child[]]
}

function node(name: string, fixed: Attrs = {}) {
  return (...args: Args): Node => {
    const [attrs, children] = split(args)
    return schema.node(name, { ...fixed, ...attrs }, flatten(children))
  }
}

function mark(name: string) {
  return (...args: Args): Node[] => {
    const [attrs, children] = split(args)
    return flatten(children, [schema.mark(name, attrs)])
  }
}

/** The document node. */
export const doc = node('doc')
/** A paragraph. */
export const p = node('paragraph')
/** A level-1 heading. */
export const h1 = node('heading', { level: 1 })
/** A level-2 heading. */
export const h2 = node('heading', { level: 2 })
/** A level-3 heading. */
export const h3 = node('heading', { level: 3 })
/** A level-4 heading. */
export const h4 = node('heading', { level: 4 })
/** A blockquote. */
export const blockquote = node('blockquote')
/** A bullet list. */
export const ul = node('bullet_list')
/** An ordered list; `ol({ order: 3 }, …)` starts at 3. */
export const ol = node('ordered_list')
/** A list item. */
export const li = node('list_item')
/** A table. */
export const table = node('table')
/** A table row. */
export const tr = node('table_row')
/** A header cell; `th({ colspan: 2 }, …)` spans two columns. */
export const th = node('table_header')
/** A body cell. */
export const td = node('table_cell')
/** A horizontal rule. */
export const hr = (): Node => schema.node('horizontal_rule')
/** A hard break. */
export const br = (): Node => schema.node('hard_break')
/** An image. */
export const img = (attrs: { src: string; alt?: string | null; title?: string | null }): Node =>
  schema.node('image', attrs)

/** Link text: `a({ href: 'https://example.org' }, 'text')`. */
export const a = mark('link')
/** Emphasis. */
export const em = mark('em')
/** Strong emphasis. */
export const strong = mark('strong')
/** Underline. */
export const u = mark('underline')
/** Strikethrough. */
export const s = mark('strike')
/** Inline code. */
export const code = mark('code')
/** Subscript. */
export const sub = mark('sub')
/** Superscript. */
export const sup = mark('sup')
