/** One run of a word-level diff: kept, removed from the old text, or added in the new one. */
export interface DiffPart {
  op: 'equal' | 'delete' | 'insert'
  text: string
}

/** Above this many token pairs the diff gives up on alignment: the old text struck, the new inserted. */
const maxCells = 250_000

/** Words and the spaces between them, each its own token, so the diff keeps spacing exact. */
export function tokenize(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? []
}

/**
 * A word-level diff of `before` → `after` (longest common subsequence of words and spaces), with adjacent
 * runs of the same kind merged and lone spaces between changes folded into them. Joining the `equal` and `delete` parts gives `before`; `equal` and `insert`
 * give `after`.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = tokenize(before)
  const b = tokenize(after)
  // Common head and tail first: most proposed changes touch a few words in the middle.
  let head = 0
  while (head < a.length && head < b.length && a[head] === b[head]) head++
  let tail = 0
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++
  const parts: DiffPart[] = []
  const push = (op: DiffPart['op'], text: string) => {
    if (!text) return
    const last = parts[parts.length - 1]
    if (last?.op === op) last.text += text
    else parts.push({ op, text })
  }
  push('equal', a.slice(0, head).join(''))
  const midA = a.slice(head, a.length - tail)
  const midB = b.slice(head, b.length - tail)
  if (midA.length * midB.length > maxCells) {
    push('delete', midA.join(''))
    push('insert', midB.join(''))
  } else {
    for (const part of lcsDiff(midA, midB)) push(part.op, part.text)
  }
  push('equal', a.slice(a.length - tail).join(''))
  return tidy(parts)
}

/**
 * Reads better: a lone space kept between two changes joins them, and the removed and added words of one
 * stretch of changes come as one removal followed by one addition.
 */
function tidy(parts: DiffPart[]): DiffPart[] {
  const tidied: DiffPart[] = []
  let removed = ''
  let added = ''
  const flush = () => {
    if (removed) tidied.push({ op: 'delete', text: removed })
    if (added) tidied.push({ op: 'insert', text: added })
    removed = ''
    added = ''
  }
  parts.forEach((part, i) => {
    if (part.op === 'delete') removed += part.text
    else if (part.op === 'insert') added += part.text
    else if ((removed || added) && i < parts.length - 1 && /^\s+$/.test(part.text)) {
      removed += part.text
      added += part.text
    } else {
      flush()
      tidied.push(part)
    }
  })
  flush()
  return tidied
}

function lcsDiff(a: string[], b: string[]): DiffPart[] {
  const n = a.length
  const m = b.length
  // lengths[i][j]: the longest common subsequence of a[i..] and b[j..], in one flat array.
  const width = m + 1
  const lengths = new Uint32Array((n + 1) * width)
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? lengths[(i + 1) * width + j + 1]! + 1
          : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!)
    }
  }
  const parts: DiffPart[] = []
  let i = 0
  let j = 0
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      parts.push({ op: 'equal', text: a[i]! })
      i++
      j++
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) {
      parts.push({ op: 'delete', text: a[i++]! })
    } else {
      parts.push({ op: 'insert', text: b[j++]! })
    }
  }
  while (i < n) parts.push({ op: 'delete', text: a[i++]! })
  while (j < m) parts.push({ op: 'insert', text: b[j++]! })
  return parts
}
