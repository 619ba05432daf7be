import type { Node } from 'prosemirror-model'
import { Schema } from 'prosemirror-model'
import { describe, expect, it } from 'vitest'
import { parseMarkdown, serializeMarkdown } from './markdown.ts'
import { schema } from './schema.ts'
import {
  a,
  blockquote,
  br,
  code,
  doc,
  em,
  h1,
  h2,
  h3,
  h4,
  hr,
  img,
  li,
  ol,
  p,
  s,
  strong,
  sub,
  sup,
  table,
  td,
  th,
  tr,
  u,
  ul,
} from './test-builder.ts'

/** Documents whose Markdown is exact and reads back into the same document. */
const exact: [string, Node, string][] = [
  ['a paragraph', doc(p('Hello ', strong('world'))), 'Hello **world**\n'],
  [
    'headings of levels 1 to 4',
    doc(h1('Title'), h2('Section'), h3('Sub'), h4('Four')),
    '# Title\n\n## Section\n\n### Sub\n\n#### Four\n',
  ],
  [
    'a heading ending in #, escaped, and a numbered heading, not',
    doc(h2('Issue #'), h2('1. Intro')),
    '## Issue \\#\n\n## 1. Intro\n',
  ],
  ['a blockquote', doc(blockquote(p('Quoted'), p('Two'))), '> Quoted\n>\n> Two\n'],
  ['a horizontal rule', doc(p('a'), hr(), p('b')), 'a\n\n---\n\nb\n'],
  [
    'a tight bullet list with a nested list',
    doc(ul(li(p('one'), ul(li(p('nested')))), li(p('two')))),
    '- one\n  - nested\n- two\n',
  ],
  ['an ordered list with its start', doc(ol({ order: 9 }, li(p('a')), li(p('b')))), ' 9. a\n10. b\n'],
  ['an ordered list starting at 1', doc(ol(li(p('a')), li(p('b')))), '1. a\n2. b\n'],
  [
    'a loose list when an item holds two paragraphs',
    doc(ul(li(p('a'), p('b')), li(p('c')))),
    '- a\n\n  b\n\n- c\n',
  ],
  [
    'adjacent lists with alternating markers so they stay apart',
    doc(ul(li(p('a'))), ul(li(p('b'))), ol(li(p('c'))), ol(li(p('d')))),
    '- a\n\n\n* b\n\n1. c\n\n\n1) d\n',
  ],
  [
    'a table as a GFM pipe table',
    doc(table(tr(th(p('A')), th(p('B'))), tr(td(p('1')), td(p(strong('2')))))),
    '| A | B |\n| --- | --- |\n| 1 | **2** |\n',
  ],
  [
    'pipes in cells, escaped also inside code',
    doc(table(tr(th(p('a|b', code('c|d')))))),
    '| a\\|b`c\\|d` |\n| --- |\n',
  ],
  [
    'a table inside a blockquote',
    doc(blockquote(p('q'), table(tr(th(p('a'))), tr(td(p('b')))))),
    '> q\n>\n> | a |\n> | --- |\n> | b |\n',
  ],
  [
    'an image with alt and title',
    doc(p(img({ src: 'https://example.org/a.png', alt: 'A chart', title: 'Fig. 1' }))),
    '![A chart](https://example.org/a.png "Fig. 1")\n',
  ],
  [
    'an image with parentheses in its path',
    doc(p(img({ src: '/img(1).png', alt: 'x' }))),
    '![x](/img\\(1\\).png)\n',
  ],
  ['a hard break', doc(p('a', br(), 'b')), 'a\\\nb\n'],
  [
    'line-start syntax after a hard break, escaped',
    doc(p('a', br(), '- b', br(), '1) c', br(), '=')),
    'a\\\n\\- b\\\n1\\) c\\\n\\=\n',
  ],
  [
    'Markdown syntax in text, escaped',
    doc(p('*not* _em_ [x] `c` 2^3 C++ a~b snake_case')),
    '\\*not\\* \\_em\\_ \\[x\\] \\`c\\` 2\\^3 C\\++ a\\~b snake_case\n',
  ],
  ['an ampersand that would start an entity, escaped', doc(p('&amp; & &#42;')), '\\&amp; & \\&#42;\n'],
  [
    'list items that start with a quote or a rule, on the marker line',
    doc(ul(li(p(), blockquote(p('q'))), li(p(), hr()))),
    '- > q\n\n- ___\n',
  ],
  [
    'a nested list not starting at 1 after the item text, after a blank line',
    doc(ul(li(p('a'), ol({ order: 3 }, li(p('b')))))),
    '- a\n\n  3. b\n',
  ],
  ['plus signs that could form ++, escaped', doc(p('a++b +c d+')), 'a\\++b +c d\\+\n'],
  ['text with a plus right after an underline', doc(p(u('x'), '+y')), '++x++\\+y\n'],
  [
    'block syntax at the start of a paragraph, escaped',
    doc(p('# no'), p('1. no'), p('> no')),
    '\\# no\n\n1\\. no\n\n\\> no\n',
  ],
  ['em', doc(p(em('x'))), '*x*\n'],
  ['strong', doc(p(strong('x'))), '**x**\n'],
  ['underline as ++text++', doc(p(u('x y'))), '++x y++\n'],
  ['strike as ~~text~~', doc(p(s('x'))), '~~x~~\n'],
  ['code', doc(p(code('x'))), '`x`\n'],
  ['code holding backticks', doc(p(code('a`b'), ' ', code('`x'))), '``a`b`` `` `x ``\n'],
  ['sub as ~text~', doc(p('H', sub('2'), 'O')), 'H~2~O\n'],
  ['sup as ^text^', doc(p('x', sup('2'))), 'x^2^\n'],
  ['spaces inside a script, escaped', doc(p(sub('a b'), ' ', sup('c d'))), '~a\\ b~ ^c\\ d^\n'],
  [
    'links with titles, relative and mailto',
    doc(
      p(
        a({ href: 'https://example.org/x', title: 'T' }, 'text'),
        ' ',
        a({ href: '/rel' }, 'rel'),
        ' ',
        a({ href: 'mailto:a@example.org' }, 'mail'),
      ),
    ),
    '[text](https://example.org/x "T") [rel](/rel) [mail](mailto:a@example.org)\n',
  ],
  [
    'a link whose title holds quotes',
    doc(p(a({ href: '/x', title: 'say "hi"' }, 'x'))),
    '[x](/x "say \\"hi\\"")\n',
  ],
  [
    'nested marks',
    doc(p(strong('a ', em('b')), ' ', a({ href: 'https://e.org' }, strong('c')))),
    '**a *b*** [**c**](https://e.org)\n',
  ],
  ['marks inside a script', doc(p(sub('a', strong('b')))), '~a**b**~\n'],
  ['the empty document', doc(p()), ''],
]

describe('serializeMarkdown', () => {
  it.each(exact)('writes %s', (_name, document, markdown) => {
    expect(serializeMarkdown(document)).toBe(markdown)
  })

  it.each(exact)('reads %s back into the same document', (_name, document, markdown) => {
    expect(parseMarkdown(markdown).toJSON()).toEqual(document.toJSON())
  })

  it('flattens a cell holding several blocks or a hard break into one line', () => {
    const document = doc(table(tr(th(p('A'))), tr(td(p('x', br(), 'y'), ul(li(p('z')))))))
    expect(serializeMarkdown(document)).toBe('| A |\n| --- |\n| x y z |\n')
    expect(
      parseMarkdown(serializeMarkdown(document)).eq(doc(table(tr(th(p('A'))), tr(td(p('x y z')))))),
    ).toBe(true)
  })

  it('writes merged cells as their top-left cell plus empty cells', () => {
    const document = doc(
      table(
        tr(th({ colspan: 2 }, p('A')), th(p('B'))),
        tr(td({ rowspan: 2 }, p('1')), td(p('2')), td(p('3'))),
        tr(td(p('4')), td(p('5'))),
      ),
    )
    expect(serializeMarkdown(document)).toBe(
      '| A |  | B |\n| --- | --- | --- |\n| 1 | 2 | 3 |\n|  | 4 | 5 |\n',
    )
  })

  it('writes the first row as the header row even when it holds body cells', () => {
    expect(serializeMarkdown(doc(table(tr(td(p('a'))), tr(td(p('b'))))))).toBe('| a |\n| --- |\n| b |\n')
  })

  it('pads a ragged table instead of throwing', () => {
    expect(serializeMarkdown(doc(table(tr(th(p('a')), th(p('b'))), tr(td(p('x'))))))).toBe(
      '| a | b |\n| --- | --- |\n| x |  |\n',
    )
  })

  it('splits code and scripts around a hard break, since neither can hold one', () => {
    const document = doc(p(code('a', br(), 'b'), ' ', sub('c', br(), 'd')))
    expect(serializeMarkdown(document)).toBe('`a`\\\n`b` ~c~\\\n~d~\n')
    expect(
      parseMarkdown(serializeMarkdown(document)).eq(
        doc(p(code('a'), br(), code('b'), ' ', sub('c'), br(), sub('d'))),
      ),
    ).toBe(true)
  })

  it('drops a hard break at the end of a paragraph', () => {
    expect(serializeMarkdown(doc(p('a', br())))).toBe('a\n')
  })

  it('writes a link destination holding spaces in angle brackets', () => {
    expect(serializeMarkdown(doc(p(a({ href: '/a b' }, 'x'))))).toBe('[x](</a b>)\n')
  })

  it('throws on a node type it does not know', () => {
    const other = new Schema({
      nodes: schema.spec.nodes.addToEnd('aside', { content: 'block+', group: 'block' }),
      marks: schema.spec.marks,
    })
    const document = other.node('doc', null, [
      other.node('aside', null, [other.node('paragraph', null, [other.text('x')])]),
    ])
    expect(() => serializeMarkdown(document)).toThrow(/aside/)
  })

  it('throws on a mark type it does not know', () => {
    const other = new Schema({ nodes: schema.spec.nodes, marks: schema.spec.marks.addToEnd('comment', {}) })
    const document = other.node('doc', null, [
      other.node('paragraph', null, [other.text('x', [other.mark('comment')])]),
    ])
    expect(() => serializeMarkdown(document)).toThrow(/comment/)
  })
})

describe('parseMarkdown', () => {
  it('reads heading levels 5 and 6 as level 4', () => {
    expect(parseMarkdown('##### five\n\n###### six').eq(doc(h4('five'), h4('six')))).toBe(true)
  })

  it('reads a code block as a paragraph of code lines', () => {
    expect(parseMarkdown('```js\nfoo()\n\nbar\n```').eq(doc(p(code('foo()'), br(), br(), code('bar'))))).toBe(
      true,
    )
    expect(parseMarkdown('    indented').eq(doc(p(code('indented'))))).toBe(true)
  })

  it('leaves tildes and carets with spaces between them as text', () => {
    expect(parseMarkdown('~5 km to ~10 km, 2^10').eq(doc(p('~5 km to ~10 km, 2^10')))).toBe(true)
  })

  it('reads ~~ as strikethrough, not two subscripts', () => {
    expect(parseMarkdown('~~a~~ ~b~').eq(doc(p(s('a'), ' ', sub('b'))))).toBe(true)
  })

  it('reads underline across emphasis', () => {
    expect(parseMarkdown('++under **line**++').eq(doc(p(u('under ', strong('line')))))).toBe(true)
  })

  it('reads code with spaces inside a script', () => {
    expect(parseMarkdown('~`a b`~').eq(doc(p(sub(code('a b')))))).toBe(true)
  })

  it('reads an autolink as a link', () => {
    expect(
      parseMarkdown('<https://example.org>').eq(
        doc(p(a({ href: 'https://example.org' }, 'https://example.org'))),
      ),
    ).toBe(true)
  })

  it('reads a loose list as the same list as a tight one', () => {
    expect(parseMarkdown('- a\n\n- b').eq(parseMarkdown('- a\n- b'))).toBe(true)
  })

  it('gives an empty document one empty paragraph', () => {
    expect(parseMarkdown('').eq(doc(p()))).toBe(true)
  })
})
