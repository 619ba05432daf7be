import { Schema } from 'prosemirror-model'
import { describe, expect, it } from 'vitest'
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
import { serializeText } from './text.ts'

describe('serializeText', () => {
  it('separates headings and paragraphs with blank lines', () => {
    expect(serializeText(doc(h1('Title'), p('One'), h2('Section'), p('Two')))).toBe(
      'Title\n\nOne\n\nSection\n\nTwo',
    )
  })

  it('prefixes bullet items with "- " and indents what follows in an item', () => {
    expect(serializeText(doc(ul(li(p('one'), ul(li(p('nested')))), li(p('a'), p('b')))))).toBe(
      '- one\n  - nested\n- a\n  b',
    )
  })

  it('numbers ordered items from the list start', () => {
    expect(serializeText(doc(ol({ order: 3 }, li(p('a')), li(p('b')))))).toBe('3. a\n4. b')
  })

  it('separates table cells with tabs and rows with newlines', () => {
    expect(serializeText(doc(table(tr(th(p('A')), th(p('B'))), tr(td(p('1')), td(p('2', br(), '3'))))))).toBe(
      'A\tB\n1\t2 3',
    )
  })

  it('keeps the columns of a table with merged cells', () => {
    expect(
      serializeText(
        doc(table(tr(th({ colspan: 2 }, p('A')), th(p('B'))), tr(td(p('1')), td(p('2')), td(p('3'))))),
      ),
    ).toBe('A\t\tB\n1\t2\t3')
  })

  it('writes hard breaks as newlines, images as alt text and rules as ---', () => {
    expect(
      serializeText(doc(p('a', br(), 'b ', img({ src: '/x.png', alt: 'chart' })), hr(), blockquote(p('q')))),
    ).toBe('a\nb chart\n\n---\n\nq')
  })

  it('writes marked text without its formatting', () => {
    const marked = p(
      a({ href: '/x' }, 'l'),
      em('e'),
      strong('s'),
      u('u'),
      s('k'),
      code('c'),
      sub('b'),
      sup('p'),
    )
    expect(serializeText(doc(marked))).toBe('lesukcbp')
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
    expect(() => serializeText(aside)).toThrow(/aside/)
    expect(() => serializeText(comment)).toThrow(/comment/)
  })
})
