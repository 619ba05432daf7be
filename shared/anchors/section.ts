import type { Node as ProseMirrorNode } from 'prosemirror-model'

/**
 * The chain of headings above a position: for text under "4.3 Indicators and metrics" in "4. Benchmarking
 * tools", `["4. Benchmarking tools", "4.3 Indicators and metrics"]`. The document's title (a level-1 heading)
 * is left out when lower headings follow it, since every anchor is under it.
 */
export function sectionPath(doc: ProseMirrorNode, pos: number): string[] {
  const stack: Array<{ level: number; text: string }> = []
  doc.forEach((node, offset) => {
    if (offset > pos || node.type.name !== 'heading') return
    const level = Number(node.attrs.level)
    while (stack.length > 0 && stack.at(-1)!.level >= level) stack.pop()
    stack.push({ level, text: node.textContent.trim() })
  })
  const path = stack.length > 1 && stack[0]!.level === 1 ? stack.slice(1) : stack
  return path.map((heading) => heading.text)
}
