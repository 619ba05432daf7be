import type { Node } from 'prosemirror-model'
import { beforeAll, describe, expect, it } from 'vitest'
import { serializeHtml } from './html.ts'
import { parseMarkdown, serializeMarkdown } from './markdown.ts'
import { readSampleDraft } from './test-fixtures.ts'
import { serializeText } from './text.ts'

let markdown: string
let draft: Node

beforeAll(async () => {
  markdown = await readSampleDraft()
  draft = parseMarkdown(markdown)
})

function headings(level: number): string[] {
  const texts: string[] = []
  draft.descendants((node) => {
    if (node.type.name === 'heading' && node.attrs.level === level) texts.push(node.textContent)
    return node.isBlock
  })
  return texts
}

function nodesOfType(name: string): Node[] {
  const found: Node[] = []
  draft.descendants((node) => {
    if (node.type.name === name) found.push(node)
  })
  return found
}

describe('the sample draft', () => {
  it('has the title as its only level-1 heading, first', () => {
    expect(headings(1)).toEqual(['Benchmarking for Open Universities: Guidelines and Good Practices'])
    expect(draft.firstChild!.type.name).toBe('heading')
  })

  it('has the numbered sections and the annex as level-2 headings', () => {
    expect(headings(2)).toEqual([
      '1. Introduction',
      '2. Open universities and SDG 4',
      '3. Quality assurance and benchmarking',
      '4. Benchmarking tools',
      '5. Dimensions of practice',
      '6. Examples of good practice',
      '7. Implementation roadmap',
      'Annex A. Glossary',
    ])
  })

  it('has the subsections as level-3 headings', () => {
    expect(headings(3)).toEqual([
      '1.1 Purpose of the guidelines',
      '1.2 How to read this document',
      '4.1 Self-assessment frameworks',
      '4.2 Peer review',
      '4.3 Indicators and metrics',
      '4.4 Choosing partners',
    ])
  })

  it('has the blockquote', () => {
    const quotes = nodesOfType('blockquote')
    expect(quotes).toHaveLength(1)
    expect(quotes[0]!.textContent).toMatch(/^Benchmarking is not a ranking\./)
  })

  it('has the two ordered lists and the bullet list of dimensions', () => {
    const ordered = nodesOfType('ordered_list')
    expect(ordered.map((list) => list.childCount)).toEqual([4, 7])
    expect(ordered.map((list) => list.attrs.order)).toEqual([1, 1])
    expect(ordered[1]!.firstChild!.textContent).toBe(
      'Secure leadership commitment and appoint a benchmarking coordinator.',
    )
    const bullets = nodesOfType('bullet_list')
    expect(bullets.map((list) => list.childCount)).toEqual([8])
  })

  it('has the indicator table with a header row', () => {
    const tables = nodesOfType('table')
    expect(tables).toHaveLength(1)
    const rows = tables[0]!.children
    expect(rows).toHaveLength(6)
    expect(rows[0]!.children.map((cell) => [cell.type.name, cell.textContent])).toEqual([
      ['table_header', 'Indicator'],
      ['table_header', 'Definition'],
      ['table_header', 'Typical data source'],
    ])
    expect(rows[5]!.children.map((cell) => cell.textContent)).toEqual([
      'Tutor response time',
      'Median hours until a tutor answers a learner query',
      'Support ticket system',
    ])
  })

  it('keeps its inline marks', () => {
    const marks = new Set<string>()
    draft.descendants((node) => {
      for (const mark of node.marks) marks.add(mark.type.name)
    })
    expect([...marks].sort()).toEqual(['em', 'strong'])
  })

  it('reads back into an equal document after parse → serialize → parse', () => {
    const again = parseMarkdown(serializeMarkdown(draft))
    expect(again.eq(draft)).toBe(true)
  })

  it('writes the draft back byte for byte', () => {
    expect(serializeMarkdown(draft)).toBe(markdown)
  })

  it('serializes stably: serializing the re-parsed draft gives the same Markdown', () => {
    const once = serializeMarkdown(draft)
    const twice = serializeMarkdown(parseMarkdown(once))
    expect(twice).toBe(once)
  })

  it('serializes to HTML and plain text with its structure', () => {
    const html = serializeHtml(draft)
    expect(html).toMatch(
      /^<h1>Benchmarking for Open Universities: Guidelines and Good Practices<\/h1>\n<p><em>Draft/,
    )
    expect(html).toContain('<thead>\n<tr><th><p>Indicator</p></th>')
    const text = serializeText(draft)
    expect(text).toContain(
      '\n\n1. offer a shared vocabulary for benchmarking in open and distance learning;\n2. help',
    )
    expect(text).toContain('Indicator\tDefinition\tTypical data source\nCourse completion rate\t')
    expect(text).toContain('\n- strategic planning and management;\n- curriculum and course design;')
  })
})
