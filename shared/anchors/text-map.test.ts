import type { Node as ProseMirrorNode } from 'prosemirror-model'
import { describe, expect, it } from 'vitest'
import { initProseMirrorDoc, prosemirrorToYXmlFragment } from 'y-prosemirror'
import * as Y from 'yjs'
import { prng } from '../../test/support/prng.ts'
import { parseMarkdown, schema } from '../schema/index.ts'
import { doc, h1, p, strong } from '../schema/test-builder.ts'
import { kitchenSink, readSampleDraft } from '../schema/test-fixtures.ts'
import { lazyAnchorContext } from './context.ts'
import { itemPosition } from './item-position.ts'
import { buildPositionIndex, fastPosition } from './position-index.ts'
import { quoteOf } from './quote.ts'
import { decodeRelative, encodeRelative } from './relative.ts'
import { type AnchorContext, anchorRange, resolveAnchor, type StoredAnchor } from './resolve.ts'
import { buildTextMap, type TextMap, textBetween } from './text-map.ts'

function yDocOf(node: ProseMirrorNode): Y.Doc {
  const ydoc = new Y.Doc()
  prosemirrorToYXmlFragment(node, ydoc.getXmlFragment('prosemirror'))
  return ydoc
}

/** y-prosemirror's view of the fragment, after checking the map was built first (the view may repair). */
function viewOf(ydoc: Y.Doc) {
  const fragment = ydoc.getXmlFragment('prosemirror')
  const before = Y.encodeStateAsUpdate(ydoc)
  const map = buildTextMap(fragment, schema)
  const view = initProseMirrorDoc(fragment, schema)
  return { fragment, map, view, changed: !sameBytes(before, Y.encodeStateAsUpdate(ydoc)) }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i])
}

/**
 * Compares the map with ProseMirror's view: every text's start, and the text between positions (every pair in a
 * small document, else ranges of up to 400 positions from a seeded random start).
 */
function expectSameAsView(
  map: TextMap,
  fragment: Y.XmlFragment,
  view: ReturnType<typeof initProseMirrorDoc>,
) {
  const mapping = view.mapping as AnchorContext['mapping']
  expect(map.positions).toEqual(buildPositionIndex(fragment, mapping))
  const size = view.doc.content.size
  const compare = (from: number, to: number) => {
    const expected = view.doc.textBetween(from, to, '\n', ' ')
    if (textBetween(map, from, to) !== expected) {
      expect(textBetween(map, from, to), `textBetween(${from}, ${to})`).toBe(expected)
    }
  }
  if (size <= 400) {
    for (let from = 0; from <= size; from++) for (let to = from; to <= size; to++) compare(from, to)
    return
  }
  const random = prng(size)
  for (let i = 0; i < 20_000; i++) {
    const from = Math.floor(random() * (size + 1))
    compare(from, Math.min(size, from + Math.floor(random() * 400)))
  }
}

/** One random edit at the Yjs level: text typed (sometimes formatted), deleted, or a paragraph added or removed. */
function randomEdit(ydoc: Y.Doc, random: () => number): void {
  const fragment = ydoc.getXmlFragment('prosemirror')
  const texts: Y.XmlText[] = []
  const walk = (parent: Y.XmlFragment | Y.XmlElement) => {
    for (const child of parent.toArray()) {
      if (child instanceof Y.XmlText) texts.push(child)
      else if (child instanceof Y.XmlElement) walk(child)
    }
  }
  walk(fragment)
  const choice = random()
  if (choice < 0.1 && fragment.length > 1) {
    fragment.delete(Math.floor(random() * fragment.length), 1)
  } else if (choice < 0.2) {
    const paragraph = new Y.XmlElement('paragraph')
    if (random() < 0.8) paragraph.insert(0, [new Y.XmlText(`new ${Math.floor(random() * 100)}`)])
    fragment.insert(Math.floor(random() * (fragment.length + 1)), [paragraph])
  } else if (texts.length > 0) {
    const text = texts[Math.floor(random() * texts.length)]!
    const offset = Math.floor(random() * (text.length + 1))
    if (choice < 0.6 || text.length === 0) {
      const format =
        random() < 0.3
          ? { strong: {} }
          : random() < 0.1
            ? { link: { href: 'https://x.org', title: null } }
            : undefined
      text.insert(offset, random() < 0.2 ? '\u{1F600}é' : 'ab c', format)
    } else {
      text.delete(offset, Math.min(text.length - offset, 1 + Math.floor(random() * 6)))
    }
  }
}

describe('text map', () => {
  it('gives every position and text exactly as the ProseMirror view does, for every node and mark', () => {
    const extra = doc(h1(), p(), p('after an empty one'), p(strong('bold'), 'plain', strong('bold')))
    for (const node of [kitchenSink(), extra]) {
      const { fragment, map, view, changed } = viewOf(yDocOf(node))
      expect(changed).toBe(false)
      expect(map).not.toBeNull()
      expectSameAsView(map!, fragment, view)
    }
  })

  it('stays the same as the view through random edits from several clients', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const random = prng(seed)
      const origin = yDocOf(kitchenSink())
      const replicas = [0, 1].map(() => {
        const replica = new Y.Doc()
        Y.applyUpdate(replica, Y.encodeStateAsUpdate(origin))
        return replica
      })
      for (let round = 0; round < 6; round++) {
        for (const replica of replicas) for (let edit = 0; edit < 5; edit++) randomEdit(replica, random)
        const updates = replicas.map((replica) => Y.encodeStateAsUpdate(replica))
        for (const replica of replicas) for (const update of updates) Y.applyUpdate(replica, update)
        const { fragment, map, view, changed } = viewOf(replicas[0]!)
        expect(map, `seed ${seed} round ${round}`).not.toBeNull()
        if (map === null) continue
        expect(changed, `seed ${seed} round ${round}: the view repaired what the map accepted`).toBe(false)
        expectSameAsView(map, fragment, view)
      }
    }
  })

  it('reads the sample draft as the view does', async () => {
    const { fragment, map, view } = viewOf(yDocOf(parseMarkdown(await readSampleDraft())))
    expect(map).not.toBeNull()
    expectSameAsView(map!, fragment, view)
  })

  it('declines what y-prosemirror would convert differently, and resolving then gives the same as before', () => {
    const cases: Array<[string, (fragment: Y.XmlFragment) => void]> = [
      ['an unknown node', (f) => f.insert(1, [new Y.XmlElement('marquee')])],
      [
        'an invalid attribute',
        (f) => {
          const heading = new Y.XmlElement('heading')
          heading.setAttribute('level', 9 as never)
          heading.insert(0, [new Y.XmlText('Nine')])
          f.insert(1, [heading])
        },
      ],
      [
        'text where blocks belong',
        (f) => {
          const quote = new Y.XmlElement('blockquote')
          quote.insert(0, [new Y.XmlText('loose')])
          f.insert(1, [quote])
        },
      ],
      [
        'an embed in a text',
        (f) => {
          const paragraph = new Y.XmlElement('paragraph')
          const text = new Y.XmlText('with ')
          paragraph.insert(0, [text])
          f.insert(1, [paragraph])
          text.insertEmbed(5, { image: 'x' })
        },
      ],
      [
        'two texts side by side',
        (f) => {
          const paragraph = new Y.XmlElement('paragraph')
          paragraph.insert(0, [new Y.XmlText('one '), new Y.XmlText('two')])
          f.insert(1, [paragraph])
        },
      ],
      [
        'an unknown mark',
        (f) => {
          const paragraph = new Y.XmlElement('paragraph')
          const text = new Y.XmlText('')
          paragraph.insert(0, [text])
          f.insert(1, [paragraph])
          text.insert(0, 'blinking', { blink: {} })
        },
      ],
      ['a text at the top level', (f) => f.insert(1, [new Y.XmlText('top')])],
    ]
    for (const [name, spoil] of cases) {
      const build = () => {
        const ydoc = yDocOf(doc(p('The first paragraph stays.'), p('The last paragraph stays too.')))
        const fragment = ydoc.getXmlFragment('prosemirror')
        const eager = (): AnchorContext => {
          const { doc: view, mapping } = initProseMirrorDoc(fragment, schema)
          return { doc: view, fragment, mapping: mapping as AnchorContext['mapping'] }
        }
        const context = eager()
        const anchor: StoredAnchor = {
          kind: 'text',
          ...anchorRange(context, 33, 47),
          ...quoteOf(context.doc, 33, 47),
        }
        spoil(fragment)
        return { fragment, eager, anchor }
      }
      const spoiled = build()
      expect(buildTextMap(spoiled.fragment, schema), name).toBeNull()
      let expected: unknown
      try {
        expected = resolveAnchor(spoiled.eager(), spoiled.anchor)
      } catch (error) {
        expected = error
      }
      const again = build()
      let actual: unknown
      try {
        actual = resolveAnchor(lazyAnchorContext(again.fragment, schema), again.anchor)
      } catch (error) {
        actual = error
      }
      expect(actual, name).toEqual(expected)
      expect(again.fragment.toString(), name).toBe(spoiled.fragment.toString())
    }
  })

  it('resolves anchors that follow their text without building the ProseMirror view', () => {
    const ydoc = yDocOf(kitchenSink())
    const fragment = ydoc.getXmlFragment('prosemirror')
    const { doc: view, mapping } = initProseMirrorDoc(fragment, schema)
    const eager: AnchorContext = { doc: view, fragment, mapping: mapping as AnchorContext['mapping'] }
    const noView: AnchorContext = {
      fragment,
      schema,
      get doc(): ProseMirrorNode {
        throw new Error('the view was built')
      },
      get mapping(): AnchorContext['mapping'] {
        throw new Error('the view was built')
      },
    }
    let compared = 0
    view.descendants((node, pos) => {
      if (!node.isText) return
      const anchor: StoredAnchor = {
        kind: 'text',
        ...anchorRange(eager, pos, pos + node.nodeSize),
        ...quoteOf(view, pos, pos + node.nodeSize),
      }
      expect(resolveAnchor(noView, anchor)).toEqual(resolveAnchor(eager, anchor))
      compared++
    })
    expect(compared).toBeGreaterThan(20)
  })

  it('reads relative positions into its texts exactly as Yjs does, before and after random edits', () => {
    /** Relative positions at every index of every live text, sticking either way. */
    const everyPosition = (ydoc: Y.Doc): string[] => {
      const map = buildTextMap(ydoc.getXmlFragment('prosemirror'), schema)!
      return [...map.positions.keys()].flatMap((text) =>
        Array.from({ length: text.length + 1 }, (_, index) =>
          [0, -1].map((assoc) => encodeRelative(Y.createRelativePositionFromTypeIndex(text, index, assoc))),
        ).flat(),
      )
    }
    let direct = 0
    for (let seed = 1; seed <= 8; seed++) {
      const random = prng(seed)
      const ydoc = yDocOf(kitchenSink())
      const before = everyPosition(ydoc)
      for (let edit = 0; edit < 30; edit++) randomEdit(ydoc, random)
      const map = buildTextMap(ydoc.getXmlFragment('prosemirror'), schema)!
      for (const base64 of [...before, ...everyPosition(ydoc), 'AAAA', 'AgEC', 'AA==', 'A===']) {
        const found = itemPosition(ydoc, map.items, base64)
        if (found === undefined) continue
        direct++
        expect(found, `seed ${seed} ${base64}`).toBe(
          fastPosition(ydoc, map.positions, decodeRelative(base64)),
        )
      }
    }
    expect(direct).toBeGreaterThan(1000)
  })
})
