/** Where a thread's highlight lies in the current text (ProseMirror positions, `from` < `to`). */
export interface ThreadRange {
  id: string
  from: number
  to: number
}

/** A stretch of text covered by the same threads: one inline decoration. */
export interface Segment {
  from: number
  to: number
  /** The threads covering it, shortest range first. */
  ids: string[]
}

/** Cuts overlapping ranges into stretches each covered by one set of threads, in text order. */
export function segmentsOf(ranges: readonly ThreadRange[]): Segment[] {
  const points = new Map<number, { starts: ThreadRange[]; ends: ThreadRange[] }>()
  const at = (pos: number) => {
    const entry = points.get(pos) ?? { starts: [], ends: [] }
    points.set(pos, entry)
    return entry
  }
  for (const range of ranges) {
    if (range.to <= range.from) continue
    at(range.from).starts.push(range)
    at(range.to).ends.push(range)
  }
  const sorted = [...points.keys()].sort((a, b) => a - b)
  const open = new Set<ThreadRange>()
  const segments: Segment[] = []
  for (let i = 0; i < sorted.length; i++) {
    const pos = sorted[i]!
    const entry = points.get(pos)!
    for (const range of entry.ends) open.delete(range)
    for (const range of entry.starts) open.add(range)
    const next = sorted[i + 1]
    if (next === undefined || open.size === 0) continue
    const ids = [...open].sort((a, b) => a.to - a.from - (b.to - b.from)).map((range) => range.id)
    segments.push({ from: pos, to: next, ids })
  }
  return segments
}

/** The innermost (shortest) range containing `pos`, among those `allowed`; null when none does. */
export function innermostAt(
  ranges: readonly ThreadRange[],
  pos: number,
  allowed: (id: string) => boolean = () => true,
): ThreadRange | null {
  let best: ThreadRange | null = null
  for (const range of ranges) {
    if (pos < range.from || pos > range.to || !allowed(range.id)) continue
    if (!best || range.to - range.from < best.to - best.from) best = range
  }
  return best
}

/** Ranges in text order: by start, then the longer first. */
export function sortRanges(ranges: ThreadRange[]): ThreadRange[] {
  return ranges.sort((a, b) => a.from - b.from || b.to - a.to || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}
