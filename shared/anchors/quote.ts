import type { Node as ProseMirrorNode } from 'prosemirror-model'
import { buildTextIndex, offsetOf, rangeOf, type TextIndex } from './text-index.ts'

/** How much context is kept on each side of a quote (the W3C TextQuoteSelector's prefix and suffix). */
export const contextLength = 32

/** The W3C TextQuoteSelector: the quoted text and a little context before and after it. */
export interface TextQuote {
  quote: string
  prefix?: string | undefined
  suffix?: string | undefined
}

/** A quote found in the text, as ProseMirror positions, with how many characters of context agree around it. */
export interface FoundQuote {
  from: number
  to: number
  contextScore: number
}

/** Why a quote could not be placed. */
export type QuoteMiss = { reason: 'absent' | 'ambiguous'; matches: number }

/** The quote, prefix and suffix of a ProseMirror range, for storing beside a thread. */
export function quoteOf(
  doc: ProseMirrorNode,
  from: number,
  to: number,
  index: TextIndex = buildTextIndex(doc),
): Required<TextQuote> {
  const start = offsetOf(index, from)
  const end = offsetOf(index, to)
  return {
    quote: index.text.slice(start, end),
    prefix: index.text.slice(Math.max(0, start - contextLength), start),
    suffix: index.text.slice(end, end + contextLength),
  }
}

function occurrences(text: string, quote: string): number[] {
  const found: number[] = []
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) found.push(at)
  return found
}

/** How many characters of context agree around an occurrence: the prefix backwards from it, the suffix forwards. */
function agreement(before: string, after: string, prefix: string, suffix: string): number {
  let score = 0
  for (
    let i = 1;
    i <= prefix.length && i <= before.length && prefix[prefix.length - i] === before[before.length - i];
    i++
  )
    score++
  for (let i = 0; i < suffix.length && i < after.length && suffix[i] === after[i]; i++) score++
  return score
}

/**
 * Places a TextQuoteSelector in the document. One occurrence: found. Several: the one whose surroundings
 * agree best with the prefix and suffix, if exactly one agrees best; otherwise ambiguous. None: absent.
 */
export function findQuote(
  doc: ProseMirrorNode,
  selector: TextQuote,
  index: TextIndex = buildTextIndex(doc),
): FoundQuote | QuoteMiss {
  if (selector.quote.length === 0) return { reason: 'absent', matches: 0 }
  const found = occurrences(index.text, selector.quote)
  if (found.length === 0) return { reason: 'absent', matches: 0 }
  const prefix = selector.prefix ?? ''
  const suffix = selector.suffix ?? ''
  const scored = found.map((at) => ({
    at,
    score: agreement(
      index.text.slice(Math.max(0, at - prefix.length), at),
      index.text.slice(at + selector.quote.length),
      prefix,
      suffix,
    ),
  }))
  scored.sort((a, b) => b.score - a.score)
  const best = scored[0]!
  if (scored.length > 1 && (best.score === 0 || best.score === scored[1]!.score)) {
    return { reason: 'ambiguous', matches: found.length }
  }
  return { ...rangeOf(index, best.at, best.at + selector.quote.length), contextScore: best.score }
}
