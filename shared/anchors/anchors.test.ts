import { describe, expect, it } from 'vitest'
import { initProseMirrorDoc, prosemirrorToYXmlFragment } from 'y-prosemirror'
import * as Y from 'yjs'
import { prng } from '../../test/support/prng.ts'
import { parseMarkdown, schema } from '../schema/index.ts'
import { buildPositionIndex, fastPosition } from './position-index.ts'
import { findQuote, quoteOf } from './quote.ts'
import { positionFromRelative, relativeFromPosition } from './relative.ts'
import { type AnchorContext, anchorRange, resolveAnchor, type StoredAnchor } from './resolve.ts'
import { sectionPath } from './section.ts'

const markdown = [
  '# Guidelines',
  '',
  '## 4. Benchmarking tools',
  '',
  'Several families of tools are available.',
  '',
  '### 4.3 Indicators and metrics',
  '',
  'Indicators should be few, reliable and comparable across institutions.',
  '',
  'Each indicator needs a definition, a source and an owner.',
  '',
  '## 5. Dimensions',
  '',
  'Learner support is often the most valued dimension.',
].join('\n')

function docFromMarkdown(text: string): Y.Doc {
  const ydoc = new Y.Doc()
  prosemirrorToYXmlFragment(parseMarkdown(text), ydoc.getXmlFragment('prosemirror'))
  return ydoc
}

function contextOf(ydoc: Y.Doc): AnchorContext {
  const fragment = ydoc.getXmlFragment('prosemirror')
  const { doc, mapping } = initProseMirrorDoc(fragment, schema)
  return { doc, fragment, mapping: mapping as AnchorContext['mapping'] }
}

function anchorOn(ydoc: Y.Doc, quote: string): StoredAnchor {
  const context = contextOf(ydoc)
  const found = findQuote(context.doc, { quote })
  if (!('from' in found)) throw new Error(`quote not found: ${quote}`)
  return {
    kind: 'text',
    ...anchorRange(context, found.from, found.to),
    ...quoteOf(context.doc, found.from, found.to),
  }
}

const resolve = (ydoc: Y.Doc, anchor: StoredAnchor) => resolveAnchor(contextOf(ydoc), anchor)

/** The XmlText of every paragraph and heading, in order. */
function texts(ydoc: Y.Doc): Y.XmlText[] {
  return ydoc
    .getXmlFragment('prosemirror')
    .toArray()
    .flatMap((node) =>
      node instanceof Y.XmlElement
        ? node.toArray().filter((c): c is Y.XmlText => c instanceof Y.XmlText)
        : [],
    )
}

/** The anchored range inside one XmlText, as offsets, found by resolving and mapping back. */
function protectedRange(
  ydoc: Y.Doc,
  anchor: StoredAnchor,
): { text: Y.XmlText; start: number; end: number } | undefined {
  const resolved = resolve(ydoc, anchor)
  if (resolved.from === null || resolved.to === null) return undefined
  const context = contextOf(ydoc)
  const $from = context.doc.resolve(resolved.from)
  const blockIndex = $from.index(0)
  const text = texts(ydoc)[blockIndex]
  if (!text) return undefined
  const blockStart = $from.start(1)
  return { text, start: resolved.from - blockStart, end: resolved.to - blockStart }
}

describe('anchors', () => {
  it('places a quote, choosing between repeats by its prefix and suffix', () => {
    const doc = parseMarkdown('The plan is good. The plan is late.')
    expect(findQuote(doc, { quote: 'nowhere' })).toEqual({ reason: 'absent', matches: 0 })
    expect(findQuote(doc, { quote: 'The plan is' })).toEqual({ reason: 'ambiguous', matches: 2 })
    const second = findQuote(doc, { quote: 'The plan is', prefix: 'good. ', suffix: ' late' })
    expect('from' in second && doc.textBetween(second.from, second.to)).toBe('The plan is')
    expect('from' in second && second.from).toBeGreaterThan(10)
  })

  it('names the section path above a position, without the title', () => {
    const context = contextOf(docFromMarkdown(markdown))
    const found = findQuote(context.doc, { quote: 'reliable' })
    expect('from' in found && sectionPath(context.doc, found.from)).toEqual([
      '4. Benchmarking tools',
      '4.3 Indicators and metrics',
    ])
    const later = findQuote(context.doc, { quote: 'Learner support' })
    expect('from' in later && sectionPath(context.doc, later.from)).toEqual(['5. Dimensions'])
  })

  it('keeps the quote through typing right before and right after it', () => {
    const ydoc = docFromMarkdown(markdown)
    const anchor = anchorOn(ydoc, 'few, reliable and comparable')
    const range = protectedRange(ydoc, anchor)!
    range.text.insert(range.end, ' (XX)')
    range.text.insert(range.start, '(YY) ')
    expect(resolve(ydoc, anchor)).toMatchObject({
      state: 'anchored',
      currentText: 'few, reliable and comparable',
    })
  })

  it('follows its text through random concurrent edits around it from several clients', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const random = prng(seed)
      const origin = docFromMarkdown(markdown)
      const replicas = [0, 1, 2].map(() => {
        const replica = new Y.Doc()
        Y.applyUpdate(replica, Y.encodeStateAsUpdate(origin))
        return replica
      })
      const anchor = anchorOn(replicas[0]!, 'few, reliable and comparable')
      for (let round = 0; round < 8; round++) {
        for (const replica of replicas) {
          for (let edit = 0; edit < 4; edit++) {
            const all = texts(replica)
            const target = all[Math.floor(random() * all.length)]!
            const guard = protectedRange(replica, anchor)
            const offset = Math.floor(random() * (target.length + 1))
            const inside = guard && guard.text === target && offset > guard.start && offset < guard.end
            if (inside) continue
            if (random() < 0.7 || target.length === 0) target.insert(offset, `[${seed}.${round}]`)
            else {
              const length = Math.min(2, target.length - offset)
              const overlaps =
                guard && guard.text === target && offset < guard.end && offset + length > guard.start
              if (length > 0 && !overlaps) target.delete(offset, length)
            }
          }
        }
        // Exchange everything: every replica sees every other's concurrent edits.
        const updates = replicas.map((r) => Y.encodeStateAsUpdate(r))
        for (const replica of replicas) for (const update of updates) Y.applyUpdate(replica, update)
      }
      for (const replica of replicas) {
        expect(resolve(replica, anchor), `seed ${seed}`).toMatchObject({
          state: 'anchored',
          currentText: anchor.quote,
        })
      }
    }
  })

  it('shows edits made inside the quote as the current text', () => {
    const ydoc = docFromMarkdown(markdown)
    const anchor = anchorOn(ydoc, 'few, reliable and comparable')
    const range = protectedRange(ydoc, anchor)!
    range.text.insert(range.start + 4, ' valid,')
    expect(resolve(ydoc, anchor)).toMatchObject({
      state: 'anchored',
      currentText: 'few, valid, reliable and comparable',
    })
  })

  it('orphans a thread whose text was deleted, and keeps its quote', () => {
    const ydoc = docFromMarkdown(markdown)
    const anchor = anchorOn(ydoc, 'a definition, a source and an owner')
    const range = protectedRange(ydoc, anchor)!
    range.text.delete(range.start, range.end - range.start)
    expect(resolve(ydoc, anchor)).toEqual({ state: 'orphaned', from: null, to: null, currentText: '' })
    expect(anchor.quote).toBe('a definition, a source and an owner')
  })

  it('re-anchors a quote that was cut and pasted elsewhere', () => {
    const ydoc = docFromMarkdown(markdown)
    const anchor = anchorOn(ydoc, 'Learner support is often the most valued dimension.')
    const fragment = ydoc.getXmlFragment('prosemirror')
    const last = fragment.length - 1
    fragment.delete(last, 1)
    const pasted = new Y.XmlElement('paragraph')
    pasted.insert(0, [new Y.XmlText('Learner support is often the most valued dimension.')])
    fragment.insert(1, [pasted])
    const resolved = resolve(ydoc, anchor)
    expect(resolved).toMatchObject({
      state: 'anchored',
      currentText: 'Learner support is often the most valued dimension.',
    })
    expect(resolved.reanchored).toBeDefined()
    const again = resolve(ydoc, { ...anchor, ...resolved.reanchored! })
    expect(again.reanchored).toBeUndefined()
    expect(again.state).toBe('anchored')
  })

  it('re-anchors approximately when the text came back slightly changed, but not a short word found elsewhere', () => {
    const ydoc = docFromMarkdown(markdown)
    const long = anchorOn(ydoc, 'Each indicator needs a definition, a source and an owner.')
    const short = anchorOn(ydoc, 'valued')
    const paragraphText = (start: string) => texts(ydoc).find((text) => text.toString().startsWith(start))!
    const indicator = paragraphText('Each indicator')
    indicator.delete(0, indicator.length)
    indicator.insert(0, 'Each indicator needs a clear definition, a source and an owner.')
    const learner = paragraphText('Learner support')
    learner.delete(learner.toString().indexOf('valued'), 'valued'.length)
    const families = paragraphText('Several families')
    families.insert(families.length - 1, ' that are valued')
    expect(resolve(ydoc, long)).toMatchObject({
      state: 'anchored',
      currentText: 'Each indicator needs a clear definition, a source and an owner.',
    })
    expect(resolve(ydoc, short).state).toBe('orphaned')
  })

  it('resolves overlapping anchors independently', () => {
    const ydoc = docFromMarkdown(markdown)
    const a = anchorOn(ydoc, 'few, reliable')
    const b = anchorOn(ydoc, 'reliable and comparable')
    expect(resolve(ydoc, a).currentText).toBe('few, reliable')
    expect(resolve(ydoc, b).currentText).toBe('reliable and comparable')
  })

  it('finds text positions through its index exactly where y-prosemirror does', () => {
    const ydoc = docFromMarkdown(
      `${markdown}\n\n- a **bold** item\n- [a link](https://example.org) item\n\n> a quote`,
    )
    const context = contextOf(ydoc)
    const starts = buildPositionIndex(context.fragment, context.mapping)
    let compared = 0
    context.doc.descendants((node, pos) => {
      if (!node.isText) return
      for (let p = pos; p <= pos + node.nodeSize; p++) {
        for (const assoc of [0, -1] as const) {
          const relative = relativeFromPosition(context.fragment, context.mapping, p, assoc)
          const fast = fastPosition(ydoc, starts, relative)
          if (fast === undefined) continue
          expect(fast).toBe(positionFromRelative(context.fragment, context.mapping, relative))
          compared++
        }
      }
    })
    expect(compared).toBeGreaterThan(300)
  })

  it('answers general comments as document anchors', () => {
    const ydoc = docFromMarkdown(markdown)
    expect(
      resolve(ydoc, { kind: 'document', start: null, end: null, quote: '', prefix: '', suffix: '' }).state,
    ).toBe('document')
  })
})
