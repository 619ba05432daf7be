import { type MarkSpec, type NodeSpec, Schema } from 'prosemirror-model'
import { tableNodes } from 'prosemirror-tables'
import { safeHref, safeImageSrc } from './urls.ts'

/** Heading levels the editor offers; Markdown's and HTML's levels 5 and 6 are read as 4. */
export const headingLevels = [1, 2, 3, 4] as const

/** A heading level of the schema. */
export type HeadingLevel = (typeof headingLevels)[number]

/** The schema's level for an HTML or Markdown heading level (1–6): levels past 4 become 4. */
export function clampHeadingLevel(level: number): HeadingLevel {
  return Math.min(Math.max(Math.trunc(level) || 1, 1), 4) as HeadingLevel
}

function validateLevel(value: unknown): void {
  if (!headingLevels.includes(value as HeadingLevel)) throw new RangeError(`Invalid heading level ${value}`)
}

function validateOrder(value: unknown): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new RangeError(`Invalid list start ${value}`)
  }
}

/**
 * The start number of an `<ol>`: its `start` attribute when that is a non-negative integer, else 1. Typed
 * structurally, not as `HTMLElement`, because the server type-checks shared/ without the DOM library.
 */
function listStart(dom: { getAttribute(name: string): string | null }): number {
  const start = Number(dom.getAttribute('start') ?? '1')
  return Number.isInteger(start) && start >= 0 ? start : 1
}

const nodes = {
  doc: { content: 'block+' },
  paragraph: {
    content: 'inline*',
    group: 'block',
    parseDOM: [{ tag: 'p' }],
    toDOM: () => ['p', 0],
  },
  heading: {
    attrs: { level: { default: 1, validate: validateLevel } },
    // No hard breaks: an ATX heading is one line in Markdown, and a heading is one line in the editor too.
    content: '(text | image)*',
    group: 'block',
    defining: true,
    parseDOM: [1, 2, 3, 4, 5, 6].map((level) => ({
      tag: `h${level}`,
      attrs: { level: clampHeadingLevel(level) },
    })),
    toDOM: (node) => [`h${node.attrs.level}`, 0],
  },
  blockquote: {
    content: 'block+',
    group: 'block',
    defining: true,
    parseDOM: [{ tag: 'blockquote' }],
    toDOM: () => ['blockquote', 0],
  },
  horizontal_rule: {
    group: 'block',
    parseDOM: [{ tag: 'hr' }],
    toDOM: () => ['hr'],
  },
  bullet_list: {
    content: 'list_item+',
    group: 'block',
    parseDOM: [{ tag: 'ul' }],
    toDOM: () => ['ul', 0],
  },
  ordered_list: {
    attrs: { order: { default: 1, validate: validateOrder } },
    content: 'list_item+',
    group: 'block',
    parseDOM: [{ tag: 'ol', getAttrs: (dom) => ({ order: listStart(dom) }) }],
    toDOM: (node) => (node.attrs.order === 1 ? ['ol', 0] : ['ol', { start: String(node.attrs.order) }, 0]),
  },
  list_item: {
    content: 'paragraph block*',
    defining: true,
    parseDOM: [{ tag: 'li' }],
    toDOM: () => ['li', 0],
  },
  ...tableNodes({ tableGroup: 'block', cellContent: 'block+', cellAttributes: {} }),
  text: { group: 'inline' },
  image: {
    inline: true,
    group: 'inline',
    draggable: true,
    attrs: {
      src: { validate: 'string' },
      alt: { default: null, validate: 'string|null' },
      title: { default: null, validate: 'string|null' },
    },
    parseDOM: [
      {
        tag: 'img[src]',
        getAttrs: (dom) => {
          const src = safeImageSrc(dom.getAttribute('src') ?? '')
          return src === null
            ? false
            : { src, alt: dom.getAttribute('alt'), title: dom.getAttribute('title') }
        },
      },
    ],
    // The check repeats here because a document can also arrive as JSON (a Yjs update) without parseDOM.
    toDOM: (node) => [
      'img',
      { src: safeImageSrc(node.attrs.src) ?? undefined, alt: node.attrs.alt ?? '', title: node.attrs.title },
    ],
  },
  hard_break: {
    inline: true,
    group: 'inline',
    selectable: false,
    parseDOM: [{ tag: 'br' }],
    toDOM: () => ['br'],
  },
} satisfies Record<string, NodeSpec>

/** True when a CSS `text-decoration` value asks for `line`; used by the underline and strike rules. */
function decorates(value: string, line: string): null | false {
  return value.includes(line) ? null : false
}

const marks = {
  // Order is precedence: earlier marks wrap later ones, and `code` must come last because its text is
  // never escaped in Markdown (prosemirror-markdown requires a non-escaping mark to be innermost).
  link: {
    attrs: { href: { validate: 'string' }, title: { default: null, validate: 'string|null' } },
    inclusive: false,
    parseDOM: [
      {
        tag: 'a[href]',
        getAttrs: (dom) => {
          const href = safeHref(dom.getAttribute('href') ?? '')
          return href === null ? false : { href, title: dom.getAttribute('title') }
        },
      },
    ],
    toDOM: (mark) => [
      'a',
      {
        href: safeHref(mark.attrs.href) ?? undefined,
        title: mark.attrs.title,
        rel: 'noopener noreferrer nofollow',
      },
      0,
    ],
  },
  em: {
    parseDOM: [
      { tag: 'i' },
      { tag: 'em' },
      { style: 'font-style=italic' },
      { style: 'font-style=normal', clearMark: (m) => m.type.name === 'em' },
    ],
    toDOM: () => ['em', 0],
  },
  strong: {
    parseDOM: [
      { tag: 'strong' },
      // Google Docs wraps whole documents in <b style="font-weight: normal">.
      { tag: 'b', getAttrs: (dom) => dom.style.fontWeight !== 'normal' && null },
      { style: 'font-weight=400', clearMark: (m) => m.type.name === 'strong' },
      { style: 'font-weight', getAttrs: (value) => /^(bold(er)?|[5-9]\d{2,})$/.test(value) && null },
    ],
    toDOM: () => ['strong', 0],
  },
  underline: {
    parseDOM: [
      { tag: 'u' },
      { tag: 'ins' },
      { style: 'text-decoration', getAttrs: (value) => decorates(value, 'underline') },
      { style: 'text-decoration-line', getAttrs: (value) => decorates(value, 'underline') },
    ],
    toDOM: () => ['u', 0],
  },
  strike: {
    parseDOM: [
      { tag: 's' },
      { tag: 'del' },
      { tag: 'strike' },
      { style: 'text-decoration', getAttrs: (value) => decorates(value, 'line-through') },
      { style: 'text-decoration-line', getAttrs: (value) => decorates(value, 'line-through') },
    ],
    toDOM: () => ['s', 0],
  },
  sub: {
    group: 'script',
    excludes: 'script',
    parseDOM: [{ tag: 'sub' }, { style: 'vertical-align=sub' }],
    toDOM: () => ['sub', 0],
  },
  sup: {
    group: 'script',
    excludes: 'script',
    parseDOM: [{ tag: 'sup' }, { style: 'vertical-align=super' }],
    toDOM: () => ['sup', 0],
  },
  code: {
    parseDOM: [{ tag: 'code' }],
    toDOM: () => ['code', 0],
  },
} satisfies Record<string, MarkSpec>

/** The names of the schema's node types. */
export type NodeName = keyof typeof nodes

/** The names of the schema's mark types. */
export type MarkName = keyof typeof marks

/**
 * The one ProseMirror schema of Marginalia, used by the editor, the collaboration server, the importers and
 * the exporters. Comment highlights are decorations, not marks, so they never enter the document.
 */
export const schema: Schema<NodeName, MarkName> = new Schema<NodeName, MarkName>({ nodes, marks })
