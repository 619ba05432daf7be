import type MarkdownIt from 'markdown-it'
import type { RuleInline, RuleInline2 } from 'markdown-it/lib/parser_inline.mjs'
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs'
import type { Delimiter } from 'markdown-it/lib/rules_inline/state_inline.mjs'

const plus = 0x2b
const tilde = 0x7e
const caret = 0x5e

/** `++text++` as a run of delimiters, like markdown-it's own `~~strike~~` (the markdown-it-ins syntax). */
const underlineTokenize: RuleInline = (state, silent) => {
  if (silent || state.src.charCodeAt(state.pos) !== plus) return false
  const scanned = state.scanDelims(state.pos, true)
  let length = scanned.length
  if (length < 2) return false
  if (length % 2 === 1) {
    state.push('text', '', 0).content = '+'
    length--
  }
  for (let i = 0; i < length; i += 2) {
    state.push('text', '', 0).content = '++'
    state.delimiters.push({
      marker: plus,
      length: 0, // no "rule of 3": that is for emphasis
      token: state.tokens.length - 1,
      end: -1,
      open: scanned.can_open,
      close: scanned.can_close,
    })
  }
  state.pos += scanned.length
  return true
}

function pairUnderlines(state: StateInline, delimiters: Delimiter[]): void {
  const loneMarkers: number[] = []
  for (const start of delimiters) {
    if (start.marker !== plus || start.end === -1) continue
    const end = delimiters[start.end]!
    Object.assign(state.tokens[start.token]!, {
      type: 'underline_open',
      tag: 'u',
      nesting: 1,
      markup: '++',
      content: '',
    })
    Object.assign(state.tokens[end.token]!, {
      type: 'underline_close',
      tag: 'u',
      nesting: -1,
      markup: '++',
      content: '',
    })
    if (state.tokens[end.token - 1]?.type === 'text' && state.tokens[end.token - 1]?.content === '+') {
      loneMarkers.push(end.token - 1)
    }
  }
  // An odd run `+++` was split as `+` `++`: move the lone `+` after the closing tags, as markdown-it does for `~`.
  while (loneMarkers.length > 0) {
    const i = loneMarkers.pop()!
    let j = i + 1
    while (j < state.tokens.length && state.tokens[j]!.type === 'underline_close') j++
    j--
    if (i !== j) [state.tokens[i], state.tokens[j]] = [state.tokens[j]!, state.tokens[i]!]
  }
}

const underlinePostProcess: RuleInline2 = (state) => {
  pairUnderlines(state, state.delimiters)
  for (const meta of state.tokens_meta) if (meta?.delimiters) pairUnderlines(state, meta.delimiters)
  return false
}

/**
 * True when `content` has no unescaped whitespace outside code spans: like Pandoc, a subscript or superscript
 * writes its spaces as `\ `, so `~5 km to ~10` stays text.
 */
function scriptContentAllowed(content: string): boolean {
  for (let i = 0; i < content.length; i++) {
    const ch = content[i]!
    if (ch === '\\') {
      i++
    } else if (ch === '`') {
      let run = 1
      while (content[i + run] === '`') run++
      const close = content.indexOf('`'.repeat(run), i + run)
      if (close === -1) return false
      i = close + run - 1
    } else if (/\s/.test(ch)) {
      return false
    }
  }
  return content.length > 0
}

/** A rule for `~sub~` or `^sup^` whose content is parsed as inline Markdown (so `~**2**~` nests). */
function scriptRule(marker: number, name: 'sub' | 'sup'): RuleInline {
  return (state, silent) => {
    const start = state.pos
    const max = state.posMax
    // Silent mode is link-label validation: never claim a pair there, as markdown-it-sub does.
    if (silent || state.src.charCodeAt(start) !== marker) return false
    // `~~` belongs to strikethrough, `^^` is not a superscript.
    if (start + 2 >= max || state.src.charCodeAt(start + 1) === marker) return false
    state.pos = start + 1
    let found = false
    while (state.pos < max) {
      if (state.src.charCodeAt(state.pos) === marker) {
        found = true
        break
      }
      state.md.inline.skipToken(state)
    }
    const end = state.pos
    state.pos = start
    if (!found || !scriptContentAllowed(state.src.slice(start + 1, end))) return false

    state.posMax = end
    state.pos = start + 1
    state.push(`${name}_open`, name, 1).markup = String.fromCharCode(marker)
    state.md.inline.tokenize(state)
    state.push(`${name}_close`, name, -1).markup = String.fromCharCode(marker)
    state.pos = end + 1
    state.posMax = max
    return true
  }
}

/**
 * Teach markdown-it Marginalia's inline extensions: `++underline++`, `~subscript~` and `^superscript^`
 * (tokens `underline_*`, `sub_*`, `sup_*`). Escaped spaces in scripts are unescaped by the parser's
 * token normaliser, which knows which text sits inside a script.
 */
export function inlineExtensions(md: MarkdownIt): void {
  md.inline.ruler.before('emphasis', 'underline', underlineTokenize)
  md.inline.ruler2.before('emphasis', 'underline', underlinePostProcess)
  md.inline.ruler.after('emphasis', 'sub', scriptRule(tilde, 'sub'))
  md.inline.ruler.after('sub', 'sup', scriptRule(caret, 'sup'))
}
