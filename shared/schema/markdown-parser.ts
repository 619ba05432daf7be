import MarkdownIt from 'markdown-it'
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs'
import type Token from 'markdown-it/lib/token.mjs'
import { MarkdownParser, type ParseSpec } from 'prosemirror-markdown'
import type { Node } from 'prosemirror-model'
import { inlineExtensions } from './markdown-it-rules.ts'
import { clampHeadingLevel, schema } from './schema.ts'
import { safeHref, safeImageSrc } from './urls.ts'

/** The plain text of inline tokens, as markdown-it renders an image's alt text. */
function tokensText(tokens: readonly Token[] | null): string {
  let text = ''
  for (const token of tokens ?? []) {
    if (token.type === 'image') text += tokensText(token.children)
    else if (token.type === 'softbreak' || token.type === 'hardbreak') text += ' '
    else text += token.content
  }
  return text
}

/**
 * A code block becomes a paragraph of `code` lines joined by hard breaks: the schema has no code block
 * node (drafts for consultation are prose), and this keeps the lines and their monospace look.
 */
function codeBlockAsParagraph(state: StateCore, block: Token): Token[] {
  const inline = new state.Token('inline', '', 0)
  inline.children = []
  const lines = block.content.replace(/\n$/, '').split('\n')
  lines.forEach((line, i) => {
    if (i > 0) inline.children!.push(new state.Token('hardbreak', 'br', 0))
    if (line === '') return
    const code = new state.Token('code_inline', 'code', 0)
    code.content = line
    inline.children!.push(code)
  })
  return [new state.Token('paragraph_open', 'p', 1), inline, new state.Token('paragraph_close', 'p', -1)]
}

/**
 * Inline clean-up: an escaped space inside `~sub~` or `^sup^` is a space; a link whose target is not a safe
 * href loses its link (its text stays); an image whose source is unsafe becomes its alt text.
 */
function normalizeInline(state: StateCore, tokens: Token[]): Token[] {
  const out: Token[] = []
  let scriptDepth = 0
  let droppedLink = false
  for (const token of tokens) {
    if (token.type === 'sub_open' || token.type === 'sup_open') scriptDepth++
    if (token.type === 'sub_close' || token.type === 'sup_close') scriptDepth--
    // markdown-it reads `\ ` as a lone backslash followed by the space, and `\<tab>` as both characters.
    if (token.type === 'text_special' && token.info === 'escape' && scriptDepth > 0) {
      if (token.markup === '\\') token.content = ''
      else if (token.markup === '\\\t') token.content = '\t'
    }
    if (token.type === 'link_open') {
      const href = safeHref(token.attrGet('href') ?? '')
      droppedLink = href === null
      if (droppedLink) continue
      token.attrSet('href', href!)
    }
    if (token.type === 'link_close' && droppedLink) {
      droppedLink = false
      continue
    }
    if (token.type === 'image') {
      const src = safeImageSrc(token.attrGet('src') ?? '')
      if (src === null) {
        const alt = new state.Token('text', '', 0)
        alt.content = tokensText(token.children)
        out.push(alt)
        continue
      }
      token.attrSet('src', src)
    }
    out.push(token)
  }
  return out
}

/**
 * A markdown-it core rule that reshapes the token stream for the schema: table cells hold blocks (so their
 * inline content gets a paragraph), code blocks become paragraphs, and unsafe links and images are defused.
 * It runs before `text_join`, while escaped characters are still their own tokens.
 */
function normalizeTokens(state: StateCore): void {
  const out: Token[] = []
  for (const token of state.tokens) {
    if (token.type === 'fence' || token.type === 'code_block') {
      out.push(...codeBlockAsParagraph(state, token))
      continue
    }
    if (token.type === 'th_close' || token.type === 'td_close')
      out.push(new state.Token('paragraph_close', 'p', -1))
    if (token.type === 'inline' && token.children) token.children = normalizeInline(state, token.children)
    out.push(token)
    if (token.type === 'th_open' || token.type === 'td_open')
      out.push(new state.Token('paragraph_open', 'p', 1))
  }
  state.tokens = out
}

/**
 * The markdown-it instance: CommonMark without raw HTML (`<script>` stays text), plus GFM tables and
 * strikethrough and Marginalia's `++underline++`, `~sub~` and `^sup^`. A link or image target must pass
 * `safeHref` or `safeImageSrc`, else markdown-it leaves the whole construct as text.
 */
export const markdownTokenizer: MarkdownIt = new MarkdownIt('commonmark', { html: false }).enable([
  'table',
  'strikethrough',
])
markdownTokenizer.validateLink = (url) => safeHref(url) !== null || safeImageSrc(url) !== null
markdownTokenizer.use(inlineExtensions)
markdownTokenizer.core.ruler.before('text_join', 'marginalia_normalize', normalizeTokens)

/** The list start of an `ordered_list_open` token (`3.` starts at 3; no attribute means 1). */
function listStart(token: Token): number {
  const start = Number(token.attrGet('start') ?? '1')
  return Number.isInteger(start) && start >= 0 ? start : 1
}

/**
 * How each markdown-it token becomes a node or mark of the schema (the `text` token and the top `doc` node
 * are handled by prosemirror-markdown itself). Exported for the coverage test.
 */
export const markdownParseTokens: Readonly<Record<string, ParseSpec>> = {
  paragraph: { block: 'paragraph' },
  heading: {
    block: 'heading',
    getAttrs: (token) => ({ level: clampHeadingLevel(Number(token.tag.slice(1))) }),
  },
  blockquote: { block: 'blockquote' },
  hr: { node: 'horizontal_rule' },
  bullet_list: { block: 'bullet_list' },
  ordered_list: { block: 'ordered_list', getAttrs: (token) => ({ order: listStart(token) }) },
  list_item: { block: 'list_item' },
  table: { block: 'table' },
  thead: { ignore: true },
  tbody: { ignore: true },
  tr: { block: 'table_row' },
  th: { block: 'table_header' },
  td: { block: 'table_cell' },
  image: {
    node: 'image',
    getAttrs: (token) => ({
      src: token.attrGet('src'),
      alt: tokensText(token.children) || null,
      title: token.attrGet('title') || null,
    }),
  },
  hardbreak: { node: 'hard_break' },
  link: {
    mark: 'link',
    getAttrs: (token) => ({ href: token.attrGet('href'), title: token.attrGet('title') || null }),
  },
  em: { mark: 'em' },
  strong: { mark: 'strong' },
  underline: { mark: 'underline' },
  s: { mark: 'strike' },
  sub: { mark: 'sub' },
  sup: { mark: 'sup' },
  code_inline: { mark: 'code', noCloseToken: true },
}

/** Node types prosemirror-markdown builds without an entry in `markdownParseTokens`. */
export const markdownParserBuiltIns: readonly string[] = ['doc', 'text']

/** The prosemirror-markdown parser over `markdownTokenizer` and `markdownParseTokens`. */
export const markdownParser = new MarkdownParser(schema, markdownTokenizer, markdownParseTokens)

/** Parse Markdown (CommonMark + GFM tables and strikethrough + Marginalia's extensions) into a document. */
export function parseMarkdown(markdown: string): Node {
  return markdownParser.parse(markdown)
}
