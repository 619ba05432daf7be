import * as Y from 'yjs'
import type { ProseMirrorMapping } from './relative.ts'

/**
 * Where each live Yjs text of the document starts, as a ProseMirror position, computed in one walk. Resolving
 * a relative position inside a text is then a lookup plus its index, instead of y-prosemirror's walk over
 * the siblings before it (linear in the document, for every anchor).
 */
export type PositionIndex = Map<Y.XmlText, number>

/** Walks the fragment once, in document order, with the sizes ProseMirror gives each node. */
export function buildPositionIndex(fragment: Y.XmlFragment, mapping: ProseMirrorMapping): PositionIndex {
  const starts: PositionIndex = new Map()
  const walk = (parent: Y.XmlFragment | Y.XmlElement, start: number) => {
    let pos = start
    for (const child of parent.toArray()) {
      if (child instanceof Y.XmlText) {
        starts.set(child, pos)
        pos += child.length
      } else if (child instanceof Y.XmlElement) {
        const node = mapping.get(child as never) as { nodeSize: number } | undefined
        if (!node) continue
        walk(child, pos + 1)
        pos += node.nodeSize
      }
    }
  }
  walk(fragment, 0)
  return starts
}

/** The ProseMirror position of a relative position that points into a live text, or undefined otherwise. */
export function fastPosition(
  doc: Y.Doc,
  starts: PositionIndex,
  relative: Y.RelativePosition,
): number | undefined {
  const absolute = Y.createAbsolutePositionFromRelativePosition(relative, doc)
  if (!absolute || !(absolute.type instanceof Y.XmlText)) return undefined
  const start = starts.get(absolute.type)
  return start === undefined ? undefined : start + absolute.index
}
