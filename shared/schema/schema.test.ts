import type { DOMOutputSpec, Mark, Node, TagParseRule } from 'prosemirror-model'
import { describe, expect, it } from 'vitest'
import { clampHeadingLevel, schema } from './schema.ts'
import { doc, p, sub, sup, table, td, tr } from './test-builder.ts'
import { kitchenSink } from './test-fixtures.ts'

/** Every attribute object in a DOM output spec, however deeply nested. */
function specAttributes(spec: unknown): Record<string, unknown>[] {
  if (!Array.isArray(spec)) return []
  const found: Record<string, unknown>[] = []
  for (const part of spec.slice(1)) {
    if (Array.isArray(part)) found.push(...specAttributes(part))
    else if (typeof part === 'object' && part !== null) found.push(part as Record<string, unknown>)
  }
  return found
}

/** What a parse rule's getAttrs receives (an HTMLElement; spelled this way because the server checks without DOM types). */
type ParsedElement = Parameters<NonNullable<TagParseRule['getAttrs']>>[0]

/** A stand-in for a DOM element: the parse rules under test only read attributes. */
function element(attributes: Record<string, string>): ParsedElement {
  return { getAttribute: (name: string) => attributes[name] ?? null } as unknown as ParsedElement
}

function tagRule(type: { spec: { parseDOM?: readonly unknown[] } }, tag: string): TagParseRule {
  return type.spec.parseDOM!.find((rule) => (rule as TagParseRule).tag === tag) as TagParseRule
}

describe('schema', () => {
  it('gives every node but doc and text, and every mark, a parseDOM and a toDOM', () => {
    schema.spec.nodes.forEach((name, spec) => {
      if (name === 'doc' || name === 'text') return
      expect(spec.parseDOM?.length, name).toBeGreaterThan(0)
      expect(spec.toDOM, name).toBeTypeOf('function')
    })
    schema.spec.marks.forEach((name, spec) => {
      expect(spec.parseDOM?.length, name).toBeGreaterThan(0)
      expect(spec.toDOM, name).toBeTypeOf('function')
    })
  })

  it('never renders a style attribute (the CSP forbids inline styles)', () => {
    const outputs: DOMOutputSpec[] = []
    const withWidths = doc(table(tr(td({ colwidth: [120] }, p('x')))))
    for (const document of [kitchenSink(), withWidths]) {
      document.descendants((node: Node) => {
        if (node.type.spec.toDOM) outputs.push(node.type.spec.toDOM(node))
        for (const mark of node.marks as Mark[]) outputs.push(mark.type.spec.toDOM!(mark, true))
      })
    }
    expect(outputs.length).toBeGreaterThan(20)
    for (const output of outputs) {
      for (const attrs of specAttributes(output)) expect(Object.keys(attrs)).not.toContain('style')
    }
  })

  it('has no comment mark: comment highlights are decorations', () => {
    expect(schema.marks).not.toHaveProperty('comment')
  })

  it('accepts heading levels 1 to 4 only', () => {
    expect(schema.node('heading', { level: 4 }).attrs.level).toBe(4)
    expect(() => schema.node('heading', { level: 5 })).toThrow(RangeError)
    expect(() => schema.node('heading', { level: '1' })).toThrow(RangeError)
  })

  it('reads HTML headings 5 and 6 as level 4', () => {
    expect(clampHeadingLevel(6)).toBe(4)
    expect(clampHeadingLevel(2)).toBe(2)
    expect(tagRule(schema.nodes.heading, 'h6').attrs).toEqual({ level: 4 })
  })

  it('accepts only non-negative integer list starts', () => {
    expect(
      schema.node('ordered_list', { order: 0 }, [schema.node('list_item', null, [p()])]).attrs.order,
    ).toBe(0)
    expect(() => schema.node('ordered_list', { order: -1 }, [schema.node('list_item', null, [p()])])).toThrow(
      RangeError,
    )
    expect(() =>
      schema.node('ordered_list', { order: 1.5 }, [schema.node('list_item', null, [p()])]),
    ).toThrow(RangeError)
  })

  it('reads an <ol> start attribute, falling back to 1', () => {
    const rule = tagRule(schema.nodes.ordered_list, 'ol')
    expect(rule.getAttrs!(element({ start: '4' }))).toEqual({ order: 4 })
    expect(rule.getAttrs!(element({ start: 'x' }))).toEqual({ order: 1 })
    expect(rule.getAttrs!(element({}))).toEqual({ order: 1 })
  })

  it('lets subscript and superscript exclude each other', () => {
    const [text] = sub(sup('x'))
    expect(text!.marks.map((mark) => mark.type.name)).toEqual(['sub'])
  })

  it('parses only safe links from HTML', () => {
    const rule = tagRule(schema.marks.link, 'a[href]')
    expect(rule.getAttrs!(element({ href: 'javascript:alert(1)' }))).toBe(false)
    expect(rule.getAttrs!(element({ href: 'https://example.org', title: 'T' }))).toEqual({
      href: 'https://example.org',
      title: 'T',
    })
  })

  it('parses only safe images from HTML', () => {
    const rule = tagRule(schema.nodes.image, 'img[src]')
    expect(rule.getAttrs!(element({ src: 'javascript:alert(1)' }))).toBe(false)
    expect(rule.getAttrs!(element({ src: 'data:image/svg+xml;base64,PHN2Zz4=' }))).toBe(false)
    expect(rule.getAttrs!(element({ src: '/a.png', alt: 'A' }))).toEqual({
      src: '/a.png',
      alt: 'A',
      title: null,
    })
  })

  it('renders links with rel="noopener noreferrer nofollow"', () => {
    const mark = schema.marks.link.create({ href: 'https://example.org' })
    expect(schema.marks.link.spec.toDOM!(mark, true)).toEqual([
      'a',
      { href: 'https://example.org', title: null, rel: 'noopener noreferrer nofollow' },
      0,
    ])
  })
})
