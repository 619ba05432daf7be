import type { DiffPart } from './api/versions.ts'

/**
 * The longest-common-subsequence alignment of two token lists, as equal / delete / insert runs. Quadratic,
 * so callers bound the inputs (blocks of a document, words of a paragraph).
 */
export function diffTokens(
  before: readonly string[],
  after: readonly string[],
): Array<{ type: DiffPart['type']; tokens: string[] }> {
  const n = before.length
  const m = after.length
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1))
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] =
        before[i] === after[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
    }
  }
  const runs: Array<{ type: DiffPart['type']; tokens: string[] }> = []
  const push = (type: DiffPart['type'], token: string) => {
    const last = runs.at(-1)
    if (last?.type === type) last.tokens.push(token)
    else runs.push({ type, tokens: [token] })
  }
  let i = 0
  let j = 0
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      push('equal', before[i]!)
      i++
      j++
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) push('delete', before[i++]!)
    else push('insert', after[j++]!)
  }
  while (i < n) push('delete', before[i++]!)
  while (j < m) push('insert', after[j++]!)
  return runs
}

/** A word-level diff of two texts (whitespace kept with the words), as parts. */
export function diffWords(before: string, after: string): DiffPart[] {
  const split = (text: string) => text.match(/\s+|[^\s]+/g) ?? []
  return diffTokens(split(before), split(after)).map((run) => ({ type: run.type, text: run.tokens.join('') }))
}
