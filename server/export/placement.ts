import type { Node as ProseMirrorNode } from 'prosemirror-model'
import type { ThreadDto } from '../../shared/api/threads.ts'

/**
 * Where each thread goes in an export. Anchored threads keep their range; orphaned and general threads are
 * attached to the heading of their section (or the title), since their text is gone or they are about the
 * whole document. Every range is moved inside text blocks, where Word comments and HTML markers can live.
 */
export interface PlacedThread {
  thread: ThreadDto
  /** 1-based, in document order: the number the HTML notes and the disposition table show. */
  number: number
  /** How the range was chosen: the thread's own text, or the heading it was attached to. */
  attachedTo: 'text' | 'heading'
  /** The range in the document, inside text blocks; null only when the document has no text block at all. */
  from: number | null
  to: number | null
}

/** The content range of a text block (a paragraph or heading): from its first inline position to its last. */
interface TextblockRange {
  start: number
  end: number
}

/** Every text block's content range, in document order. */
export function textblockRanges(doc: ProseMirrorNode): TextblockRange[] {
  const ranges: TextblockRange[] = []
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true
    ranges.push({ start: pos + 1, end: pos + 1 + node.content.size })
    return false
  })
  return ranges
}

/** The first text position at or after `pos` (the end of the last text block when none follows). */
function snapForward(ranges: TextblockRange[], pos: number): number {
  let low = 0
  let high = ranges.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (ranges[mid]!.end < pos) low = mid + 1
    else high = mid
  }
  const range = ranges[low]
  return range ? Math.max(pos, range.start) : ranges.at(-1)!.end
}

/** The last text position at or before `pos` (the start of the first text block when none precedes). */
function snapBackward(ranges: TextblockRange[], pos: number): number {
  let low = 0
  let high = ranges.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (ranges[mid]!.start <= pos) low = mid + 1
    else high = mid
  }
  const range = ranges[low - 1]
  return range ? Math.min(pos, range.end) : ranges[0]!.start
}

/**
 * The document's top-level headings with their section paths, computed as `sectionPath` does (the title, a
 * first level-1 heading, is left out of the paths when lower headings follow it).
 */
function headingsWithPaths(doc: ProseMirrorNode): Array<{ path: string[]; range: TextblockRange }> {
  const stack: Array<{ level: number; text: string }> = []
  const found: Array<{ stack: Array<{ level: number; text: string }>; range: TextblockRange }> = []
  doc.forEach((node, offset) => {
    if (node.type.name !== 'heading') return
    const level = Number(node.attrs.level)
    while (stack.length > 0 && stack.at(-1)!.level >= level) stack.pop()
    stack.push({ level, text: node.textContent.trim() })
    found.push({ stack: [...stack], range: { start: offset + 1, end: offset + 1 + node.content.size } })
  })
  return found.map(({ stack: headings, range }) => {
    const path = headings.length > 1 && headings[0]!.level === 1 ? headings.slice(1) : headings
    return { path: path.map((heading) => heading.text), range }
  })
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i])
}

/**
 * The heading a thread without text is attached to: the heading whose path is the thread's section, else
 * the deepest heading on that path that still exists, else the title (the first heading), else the first
 * text block.
 */
function sectionRange(
  headings: ReturnType<typeof headingsWithPaths>,
  ranges: TextblockRange[],
  section: readonly string[],
): TextblockRange | null {
  for (let length = section.length; length > 0; length--) {
    const prefix = section.slice(0, length)
    const heading = headings.find((candidate) => samePath(candidate.path, prefix))
    if (heading) return heading.range
  }
  return headings[0]?.range ?? ranges[0] ?? null
}

const stateRank = { anchored: 0, orphaned: 1, document: 2 } as const

/**
 * Threads in document order — anchored ones by where their text starts, then orphaned ones, then general
 * ones (each group oldest first) — numbered from 1. Stable for equal keys.
 */
export function inDocumentOrder(threads: readonly ThreadDto[]): ThreadDto[] {
  return threads
    .map((thread, index) => ({ thread, index }))
    .sort((a, b) => {
      const rank = stateRank[a.thread.anchor.state] - stateRank[b.thread.anchor.state]
      if (rank !== 0) return rank
      if (a.thread.anchor.state === 'anchored') {
        const byFrom = (a.thread.anchor.from ?? 0) - (b.thread.anchor.from ?? 0)
        if (byFrom !== 0) return byFrom
        const byTo = (a.thread.anchor.to ?? 0) - (b.thread.anchor.to ?? 0)
        if (byTo !== 0) return byTo
      }
      return a.thread.createdAt.localeCompare(b.thread.createdAt) || a.index - b.index
    })
    .map(({ thread }) => thread)
}

/** Places threads in `doc`, in document order (see `PlacedThread`). */
export function placeThreads(doc: ProseMirrorNode, threads: readonly ThreadDto[]): PlacedThread[] {
  const ranges = textblockRanges(doc)
  const headings = headingsWithPaths(doc)
  const size = doc.content.size
  return inDocumentOrder(threads).map((thread, i) => {
    const number = i + 1
    const { anchor } = thread
    if (anchor.state === 'anchored' && anchor.from !== null && anchor.to !== null && ranges.length > 0) {
      const from = snapForward(ranges, Math.min(Math.max(anchor.from, 0), size))
      const to = snapBackward(ranges, Math.min(Math.max(anchor.to, 0), size))
      return { thread, number, attachedTo: 'text', from, to: Math.max(from, to) }
    }
    const range = sectionRange(headings, ranges, thread.section)
    return { thread, number, attachedTo: 'heading', from: range?.start ?? null, to: range?.end ?? null }
  })
}
