import type { Node as ProseMirrorNode } from 'prosemirror-model'

/**
 * The document's text as one string, with a map back to ProseMirror positions. Textblocks are separated by
 * "\n" so a quote never silently spans two paragraphs as if they were one; inline leaves (images, hard
 * breaks) count as one space.
 */
export interface TextIndex {
  text: string
  /** `positions[i]` is the ProseMirror position of `text[i]`; one more entry maps the end. */
  positions: number[]
}

/** Builds the text index of a document. */
export function buildTextIndex(doc: ProseMirrorNode): TextIndex {
  let text = ''
  const positions: number[] = []
  let lastBlockEnd = -1
  doc.descendants((node, pos) => {
    if (node.isTextblock) {
      if (text.length > 0) {
        text += '\n'
        positions.push(lastBlockEnd)
      }
      lastBlockEnd = pos + node.nodeSize - 1
      return true
    }
    if (node.isText) {
      const value = node.text ?? ''
      for (let i = 0; i < value.length; i++) positions.push(pos + i)
      text += value
      return false
    }
    if (node.isInline) {
      text += ' '
      positions.push(pos)
      return false
    }
    return true
  })
  positions.push(lastBlockEnd < 0 ? doc.content.size : lastBlockEnd)
  return { text, positions }
}

/** The text offset of a ProseMirror position: the first character at or after it. */
export function offsetOf(index: TextIndex, pos: number): number {
  let low = 0
  let high = index.positions.length - 1
  while (low < high) {
    const mid = (low + high) >> 1
    if (index.positions[mid]! < pos) low = mid + 1
    else high = mid
  }
  return low
}

/** The ProseMirror range of text offsets [start, end). */
export function rangeOf(index: TextIndex, start: number, end: number): { from: number; to: number } {
  const from = index.positions[start] ?? index.positions.at(-1)!
  const to = end > start ? index.positions[end - 1]! + 1 : from
  return { from, to }
}
