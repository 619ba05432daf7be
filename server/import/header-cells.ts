import type { Node as ProseMirrorNode } from 'prosemirror-model'
import { Transform } from 'prosemirror-transform'
import { schema } from '../../shared/schema/index.ts'

/** True when a node has text and every piece of it is bold. */
function allBold(node: ProseMirrorNode): boolean {
  let text = false
  let bold = true
  node.descendants((child) => {
    if (!child.isText) return true
    text = true
    if (!schema.marks.strong.isInSet(child.marks)) bold = false
    return false
  })
  return text && bold
}

/**
 * Header cells whose text is bold throughout lose that bold: Word shows a header row's text bold by direct
 * formatting (our own .docx export does too), while in the schema a header cell is bold by being a header.
 * Keeping the marks would turn `Indicator` into `**Indicator**` on every import of a table.
 */
export function plainHeaderCells(doc: ProseMirrorNode): ProseMirrorNode {
  const tr = new Transform(doc)
  doc.descendants((node, pos) => {
    if (node.type !== schema.nodes.table_header) return true
    if (allBold(node)) tr.removeMark(pos, pos + node.nodeSize, schema.marks.strong)
    return false
  })
  return tr.doc
}
