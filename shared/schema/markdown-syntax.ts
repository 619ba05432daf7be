/** Small pieces of Markdown syntax the serializer writes: link destinations, titles and code-span fences. */

/** A link or image destination: `<…>` when it holds spaces or angle brackets, else with parentheses escaped. */
export function destination(url: string): string {
  return /[\s<>]/.test(url) ? `<${url.replace(/[<>\\]/g, '\\$&')}>` : url.replace(/[()\\]/g, '\\$&')
}

/** A link or image title, quoted, on one line. */
export function titlePart(title: unknown): string {
  return typeof title === 'string' && title !== ''
    ? ` "${title.replace(/\s+/g, ' ').replace(/["\\]/g, '\\$&')}"`
    : ''
}

/**
 * The backtick fence of a code span: one backtick longer than the longest run inside, padded with a space
 * when the text starts or ends with a backtick, or starts and ends with a space (CommonMark strips one).
 */
export function codeFence(text: string, side: 'open' | 'close'): string {
  let longest = 0
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length)
  const ticks = '`'.repeat(longest + 1)
  const pad = /^`|`$/.test(text) || (/^ [\s\S]* $/.test(text) && /[^ ]/.test(text))
  if (!pad) return ticks
  return side === 'open' ? `${ticks} ` : ` ${ticks}`
}
