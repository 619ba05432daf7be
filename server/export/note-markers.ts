import type { Mark, Node as ProseMirrorNode } from 'prosemirror-model'
import { Transform } from 'prosemirror-transform'
import { safeImageSrc, schema } from '../../shared/schema/index.ts'
import type { PlacedThread } from './placement.ts'

/**
 * Footnote-style markers for the Markdown and HTML exports: the note numbers of the threads, as superscript
 * text after each thread's range, inserted into a copy of the document so the strict shared serializers write
 * (and escape) them like any other text.
 */
export function withNoteMarkers(
  doc: ProseMirrorNode,
  placed: readonly PlacedThread[],
  options: { link: boolean },
): ProseMirrorNode {
  const byPosition = new Map<number, number[]>()
  for (const entry of placed) {
    if (entry.to === null) continue
    const numbers = byPosition.get(entry.to) ?? []
    numbers.push(entry.number)
    byPosition.set(entry.to, numbers)
  }
  const tr = new Transform(doc)
  // From the end backwards, so that each insertion leaves the positions before it unchanged.
  for (const pos of [...byPosition.keys()].sort((a, b) => b - a)) {
    const numbers = byPosition.get(pos)!
    const nodes: ProseMirrorNode[] = []
    numbers.forEach((number, i) => {
      const marks: Mark[] = [schema.marks.sup.create()]
      if (options.link) marks.unshift(schema.marks.link.create({ href: `#note-${number}` }))
      if (i > 0) nodes.push(schema.text(',', [schema.marks.sup.create()]))
      nodes.push(schema.text(String(number), marks))
    })
    tr.insert(pos, nodes)
  }
  return tr.doc
}

/**
 * The document with every image that would be fetched from the network replaced by its alt text in brackets
 * (`[Image: A chart]`), for Chromium's print-to-PDF: a server-side browser must never fetch a URL a document
 * names. Inline `data:` images are kept.
 */
export function withImagePlaceholders(doc: ProseMirrorNode): ProseMirrorNode {
  const images: Array<{ pos: number; node: ProseMirrorNode }> = []
  doc.descendants((node, pos) => {
    if (node.type.name !== 'image') return true
    const src = safeImageSrc(String(node.attrs.src ?? ''))
    if (src === null || !src.startsWith('data:')) images.push({ pos, node })
    return false
  })
  const tr = new Transform(doc)
  for (const { pos, node } of images.reverse()) {
    const alt = String(node.attrs.alt ?? '').trim()
    tr.replaceWith(pos, pos + 1, schema.text(alt ? `[Image: ${alt}]` : '[Image]', node.marks))
  }
  return tr.doc
}
