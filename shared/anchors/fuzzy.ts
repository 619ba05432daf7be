/** The longest stretch of a quote used for approximate search (longer quotes are searched by their start). */
const maxPattern = 128

/** An approximate occurrence: where it starts and ends in the text, and how similar it is (0–1). */
export interface FuzzyMatch {
  start: number
  end: number
  similarity: number
}

/**
 * Finds where `quote` best occurs in `text` allowing edits (semi-global edit distance, Sellers' algorithm),
 * and whether that best is unique. For quotes longer than 128 characters the first 128 are searched and the
 * match extended by the rest of the quote's length.
 */
export function fuzzyFind(text: string, quote: string): (FuzzyMatch & { unique: boolean }) | undefined {
  const pattern = quote.slice(0, maxPattern)
  const m = pattern.length
  if (m === 0 || text.length === 0) return undefined
  // previous[i] = edit distance of pattern[0..i) ending at the current text position; start[i] = where that match began.
  let previous = Array.from({ length: m + 1 }, (_, i) => i)
  let previousStart = new Array<number>(m + 1).fill(0)
  let best = { distance: Number.POSITIVE_INFINITY, end: -1, start: -1 }
  let ties = 0
  for (let j = 1; j <= text.length; j++) {
    const current = new Array<number>(m + 1)
    const currentStart = new Array<number>(m + 1)
    current[0] = 0
    currentStart[0] = j
    const c = text.charCodeAt(j - 1)
    for (let i = 1; i <= m; i++) {
      const substitute = previous[i - 1]! + (pattern.charCodeAt(i - 1) === c ? 0 : 1)
      const skipText = previous[i]! + 1
      const skipPattern = current[i - 1]! + 1
      if (substitute <= skipText && substitute <= skipPattern) {
        current[i] = substitute
        currentStart[i] = previousStart[i - 1]!
      } else if (skipText <= skipPattern) {
        current[i] = skipText
        currentStart[i] = previousStart[i]!
      } else {
        current[i] = skipPattern
        currentStart[i] = currentStart[i - 1]!
      }
    }
    const distance = current[m]!
    if (distance < best.distance) {
      best = { distance, end: j, start: currentStart[m]! }
      ties = 0
    } else if (distance === best.distance && currentStart[m]! !== best.start && j - best.end > m / 2) {
      ties++
    }
    previous = current
    previousStart = currentStart
  }
  const end = quote.length > maxPattern ? Math.min(text.length, best.start + quote.length) : best.end
  return { start: best.start, end, similarity: 1 - best.distance / m, unique: ties === 0 }
}
