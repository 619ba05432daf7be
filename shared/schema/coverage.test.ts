import type { Node } from 'prosemirror-model'
import { describe, expect, it } from 'vitest'
import { htmlMarks, htmlNodes, serializeHtml } from './html.ts'
import {
  markdownMarks,
  markdownNodes,
  markdownParserBuiltIns,
  markdownParseTokens,
  parseMarkdown,
  serializeMarkdown,
} from './markdown.ts'
import { schema } from './schema.ts'
import { kitchenSink } from './test-fixtures.ts'
import { serializeText, textMarks, textNodes } from './text.ts'

const nodeNames: string[] = []
schema.spec.nodes.forEach((name) => {
  nodeNames.push(name)
})
const markNames: string[] = []
schema.spec.marks.forEach((name) => {
  markNames.push(name)
})

const parseSpecs = Object.values(markdownParseTokens)

function typesIn(document: Node): { nodes: Set<string>; marks: Set<string> } {
  const nodes = new Set([document.type.name])
  const marks = new Set<string>()
  document.descendants((node) => {
    nodes.add(node.type.name)
    for (const mark of node.marks) marks.add(mark.type.name)
  })
  return { nodes, marks }
}

describe('serializer coverage', () => {
  it.each(nodeNames)(
    'has a Markdown writer, a Markdown token, an HTML writer and a text rule for node %s',
    (name) => {
      expect(markdownNodes[name]).toBeTypeOf('function')
      expect(
        markdownParserBuiltIns.includes(name) ||
          parseSpecs.some((spec) => spec.block === name || spec.node === name),
      ).toBe(true)
      expect(htmlNodes[name]).toBeTypeOf('function')
      expect(textNodes[name]).toBeTypeOf('function')
    },
  )

  it.each(markNames)(
    'has a Markdown writer, a Markdown token, an HTML writer and a text rule for mark %s',
    (name) => {
      expect(markdownMarks[name]).toBeDefined()
      expect(parseSpecs.some((spec) => spec.mark === name)).toBe(true)
      expect(htmlMarks[name]).toBeTypeOf('function')
      expect(textMarks[name]).toBe('text')
    },
  )

  it('has no serializer entries for types the schema lacks', () => {
    expect(Object.keys(markdownNodes).sort()).toEqual([...nodeNames].sort())
    expect(Object.keys(htmlNodes).sort()).toEqual([...nodeNames].sort())
    expect(Object.keys(textNodes).sort()).toEqual([...nodeNames].sort())
    expect(Object.keys(markdownMarks).sort()).toEqual([...markNames].sort())
    expect(Object.keys(htmlMarks).sort()).toEqual([...markNames].sort())
    expect(Object.keys(textMarks).sort()).toEqual([...markNames].sort())
  })

  it('holds every node and mark in the kitchen-sink document, which round-trips through Markdown', () => {
    const document = kitchenSink()
    const used = typesIn(document)
    expect([...used.nodes].sort()).toEqual([...nodeNames].sort())
    expect([...used.marks].sort()).toEqual([...markNames].sort())

    const markdown = serializeMarkdown(document)
    const parsed = parseMarkdown(markdown)
    expect(parsed.toJSON()).toEqual(document.toJSON())
    // Reading the Markdown produced every type back, so each parser token mapping works, not just exists.
    expect([...typesIn(parsed).nodes].sort()).toEqual([...nodeNames].sort())
    expect([...typesIn(parsed).marks].sort()).toEqual([...markNames].sort())
    expect(serializeHtml(document)).toContain('<table>')
    expect(serializeText(document)).toContain('Head\tOther')
  })
})
