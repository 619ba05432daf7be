import JSZip from 'jszip'
import { Schema } from 'prosemirror-model'
import { describe, expect, it } from 'vitest'
import { schema } from '../../shared/schema/index.ts'
import { kitchenSink } from '../../shared/schema/test-fixtures.ts'
import { packPlan } from './docx-build.ts'
import { docxMarks, docxNodes, planDraft } from './docx-draft.ts'

const nodeNames: string[] = []
schema.spec.nodes.forEach((name) => {
  nodeNames.push(name)
})
const markNames: string[] = []
schema.spec.marks.forEach((name) => {
  markNames.push(name)
})

describe('DOCX serializer coverage', () => {
  it.each(nodeNames)('has a Word mapping for node %s', (name) => {
    const rule = docxNodes[name]
    expect(rule).toBeDefined()
    const node = schema.nodes[name as keyof typeof schema.nodes]!
    // Inline nodes become runs; everything else becomes paragraphs or tables.
    expect(node.isInline ? 'inline' in rule! : 'block' in rule!).toBe(true)
  })

  it.each(markNames)('has a Word mapping for mark %s', (name) => {
    expect(docxMarks[name]).toBeTypeOf('function')
  })

  it('has no Word mappings for types the schema lacks', () => {
    expect(Object.keys(docxNodes).sort()).toEqual([...nodeNames].sort())
    expect(Object.keys(docxMarks).sort()).toEqual([...markNames].sort())
  })

  it('writes the kitchen-sink document, which holds every node and mark, as a Word file', async () => {
    const bytes = await packPlan(planDraft(kitchenSink(), 'Kitchen sink', []))
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string')
    for (const style of ['Heading1', 'Heading2', 'Heading3', 'Heading4', 'BlockText', 'VerbatimChar']) {
      expect(xml).toContain(`w:val="${style}"`)
    }
    for (const element of [
      '<w:b/>',
      '<w:i/>',
      '<w:u ',
      '<w:strike/>',
      '<w:hyperlink',
      '<w:br/>',
      '<w:tbl>',
    ]) {
      expect(xml).toContain(element)
    }
    expect(xml).toContain('w:val="subscript"')
    expect(xml).toContain('w:val="superscript"')
    expect(xml).toContain('[Image: A chart]')
    expect(xml).toContain('<w:numPr>')
    expect(xml).not.toContain('commentRangeStart')
  })

  it('throws on a node or mark type it does not know', () => {
    const other = new Schema({
      nodes: schema.spec.nodes.addToEnd('aside', { content: 'block+', group: 'block' }),
      marks: schema.spec.marks.addToEnd('highlight', {}),
    })
    const aside = other.node('doc', null, [other.node('aside', null, [other.node('paragraph')])])
    const highlighted = other.node('doc', null, [
      other.node('paragraph', null, [other.text('x', [other.mark('highlight')])]),
    ])
    expect(() => planDraft(aside, 'x', [])).toThrow(/aside/)
    expect(() => planDraft(highlighted, 'x', [])).toThrow(/highlight/)
  })
})
