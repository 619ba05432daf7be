import type { Node } from 'prosemirror-model'
import { Schema } from 'prosemirror-model'
import { describe, expect, it } from 'vitest'
import { escapeHtml, serializeHtml } from './html.ts'
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

const cases: [string, Node, string][] = [
  ['a paragraph', doc(p('Hello ', strong('world'))), '<p>Hello <strong>world</strong></p>'],
  ['headings', doc(h1('A'), h2('B'), h3('C'), h4('D')), '<h1>A</h1>\n<h2>B</h2>\n<h3>C</h3>\n<h4>D</h4>'],
  [
    'a blockquote',
    doc(blockquote(p('Quoted'), p('Two'))),
    '<blockquote>\n<p>Quoted</p>\n<p>Two</p>\n</blockquote>',
  ],
  ['a horizontal rule', doc(p('a'), hr(), p('b')), '<p>a</p>\n<hr>\n<p>b</p>'],
  [
    'a bullet list with a nested list',
    doc(ul(li(p('one'), ul(li(p('nested')))), li(p('two')))),
    '<ul>\n<li><p>one</p>\n<ul>\n<li><p>nested</p></li>\n</ul></li>\n<li><p>two</p></li>\n</ul>',
  ],
  ['an ordered list', doc(ol(li(p('a')))), '<ol>\n<li><p>a</p></li>\n</ol>'],
  [
    'an ordered list with a start',
    doc(ol({ order: 9 }, li(p('a')))),
    '<ol start="9">\n<li><p>a</p></li>\n</ol>',
  ],
  [
    'a table with a header row',
    doc(table(tr(th(p('A')), th(p('B'))), tr(td(p('1')), td(p(strong('2')))))),
    '<table>\n<thead>\n<tr><th><p>A</p></th><th><p>B</p></th></tr>\n</thead>\n<tbody>\n<tr><td><p>1</p></td><td><p><strong>2</strong></p></td></tr>\n</tbody>\n</table>',
  ],
  [
    'a table without a header row',
    doc(table(tr(td(p('1'))))),
    '<table>\n<tbody>\n<tr><td><p>1</p></td></tr>\n</tbody>\n</table>',
  ],
  [
    'merged cells',
    doc(table(tr(th({ colspan: 2 }, p('A'))), tr(td({ rowspan: 2 }, p('1')), td(p('2'))), tr(td(p('3'))))),
    '<table>\n<thead>\n<tr><th colspan="2"><p>A</p></th></tr>\n</thead>\n<tbody>\n<tr><td rowspan="2"><p>1</p></td><td><p>2</p></td></tr>\n<tr><td><p>3</p></td></tr>\n</tbody>\n</table>',
  ],
  [
    'an image with alt and title',
    doc(p(img({ src: 'https://example.org/a.png', alt: 'A chart', title: 'Fig. 1' }))),
    '<p><img src="https://example.org/a.png" alt="A chart" title="Fig. 1"></p>',
  ],
  [
    'an image without alt, with an empty alt',
    doc(p(img({ src: '/a.png' }))),
    '<p><img src="/a.png" alt=""></p>',
  ],
  ['a hard break', doc(p('a', br(), 'b')), '<p>a<br>b</p>'],
  ['em', doc(p(em('x'))), '<p><em>x</em></p>'],
  ['strong', doc(p(strong('x'))), '<p><strong>x</strong></p>'],
  ['underline', doc(p(u('x'))), '<p><u>x</u></p>'],
  ['strike', doc(p(s('x'))), '<p><s>x</s></p>'],
  ['code', doc(p(code('x'))), '<p><code>x</code></p>'],
  ['sub and sup', doc(p('H', sub('2'), 'O x', sup('2'))), '<p>H<sub>2</sub>O x<sup>2</sup></p>'],
  [
    'links',
    doc(
      p(
        a({ href: 'https://example.org/?a=1&b=2', title: 'T' }, 'text'),
        ' ',
        a({ href: 'mailto:x@example.org' }, 'mail'),
      ),
    ),
    '<p><a href="https://example.org/?a=1&amp;b=2" title="T">text</a> <a href="mailto:x@example.org">mail</a></p>',
  ],
  [
    'marks kept open across nodes',
    doc(p(strong('a ', a({ href: '/x' }, 'b'), ' c'))),
    '<p><strong>a <a href="/x">b</a> c</strong></p>',
  ],
  ['escaped text', doc(p(`<b>&"'</b>`)), '<p>&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;</p>'],
  ['an empty paragraph', doc(p()), '<p></p>'],
]

describe('serializeHtml', () => {
  it.each(cases)('writes %s', (_name, document, html) => {
    expect(serializeHtml(document)).toBe(html)
  })

  it('never writes a style attribute', () => {
    const all = doc(table(tr(th({ colwidth: [120] }, p('A')))), p(img({ src: '/a.png' })))
    expect(serializeHtml(all)).not.toMatch(/style/)
  })

  it('throws on a node or mark type it does not know', () => {
    const other = new Schema({
      nodes: schema.spec.nodes.addToEnd('aside', { content: 'block+', group: 'block' }),
      marks: schema.spec.marks.addToEnd('comment', {}),
    })
    const aside = other.node('doc', null, [other.node('aside', null, [other.node('paragraph')])])
    const comment = other.node('doc', null, [
      other.node('paragraph', null, [other.text('x', [other.mark('comment')])]),
    ])
    expect(() => serializeHtml(aside)).toThrow(/aside/)
    expect(() => serializeHtml(comment)).toThrow(/comment/)
  })
})

describe('escapeHtml', () => {
  it('escapes the five characters that can end text or an attribute', () => {
    expect(escapeHtml(`&<>"'x`)).toBe('&amp;&lt;&gt;&quot;&#39;x')
  })
})
