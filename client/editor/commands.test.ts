import { EditorState, TextSelection } from 'prosemirror-state'
import { describe, expect, it } from 'vitest'
import {
  currentBlock,
  currentHref,
  insertTable,
  markActive,
  normaliseImageInput,
  normaliseLinkInput,
  removeLink,
  setBlock,
  setLink,
  toggle,
  toggleList,
} from './commands.ts'
import { schema } from './schema.ts'

const { doc, paragraph, heading, text } = {
  doc: schema.nodes.doc,
  paragraph: schema.nodes.paragraph,
  heading: schema.nodes.heading,
  text: (value: string, marks: ReturnType<typeof schema.mark>[] = []) => schema.text(value, marks),
}

function stateWith(...blocks: ReturnType<typeof paragraph.create>[]): EditorState {
  return EditorState.create({ schema, doc: doc.create(null, blocks) })
}

function select(state: EditorState, from: number, to = from): EditorState {
  return state.apply(state.tr.setSelection(TextSelection.create(state.doc, from, to)))
}

function run(state: EditorState, command: (s: EditorState, d: (tr: EditorState['tr']) => void) => boolean) {
  let next = state
  const ok = command(state, (tr) => {
    next = state.apply(tr)
  })
  return { ok, state: next }
}

describe('normaliseLinkInput', () => {
  it('keeps http, https and mailto addresses', () => {
    expect(normaliseLinkInput(' https://example.org/a?b=1 ')).toBe('https://example.org/a?b=1')
    expect(normaliseLinkInput('http://example.org')).toBe('http://example.org')
    expect(normaliseLinkInput('mailto:someone@example.org')).toBe('mailto:someone@example.org')
  })

  it('completes a bare domain with https and a bare email with mailto', () => {
    expect(normaliseLinkInput('example.org/guide')).toBe('https://example.org/guide')
    expect(normaliseLinkInput('someone@example.org')).toBe('mailto:someone@example.org')
  })

  it('refuses other schemes and text that is not an address', () => {
    for (const input of [
      'javascript:alert(1)',
      'data:text/html,x',
      'ftp://example.org',
      'hello',
      '',
      'https://',
    ]) {
      expect(normaliseLinkInput(input)).toBeNull()
    }
  })
})

describe('normaliseImageInput', () => {
  it('accepts http(s) and paths on this site, nothing else', () => {
    expect(normaliseImageInput('https://example.org/a.png')).toBe('https://example.org/a.png')
    expect(normaliseImageInput('/assets/figure.png')).toBe('/assets/figure.png')
    for (const input of ['//evil.example/a.png', 'javascript:x', 'data:image/svg+xml;base64,AA==', 'a.png']) {
      expect(normaliseImageInput(input)).toBeNull()
    }
  })
})

describe('block and mark state', () => {
  it('reads and sets the block type', () => {
    const state = select(stateWith(paragraph.create(null, text('Hello'))), 2)
    expect(currentBlock(state)).toBe('paragraph')
    const { state: next } = run(state, setBlock('h2'))
    expect(next.doc.firstChild?.type).toBe(heading)
    expect(currentBlock(next)).toBe('h2')
  })

  it('says whether a mark covers the selection', () => {
    const state = select(stateWith(paragraph.create(null, text('Hello world'))), 1, 6)
    expect(markActive(state, schema.marks.strong)).toBe(false)
    const { state: bold } = run(state, toggle('strong'))
    expect(markActive(bold, schema.marks.strong)).toBe(true)
  })

  it('wraps in a list and lifts out again', () => {
    const state = select(stateWith(paragraph.create(null, text('Item'))), 2)
    const { state: listed } = run(state, toggleList(schema.nodes.bullet_list))
    expect(listed.doc.firstChild?.type.name).toBe('bullet_list')
    const { state: lifted } = run(listed, toggleList(schema.nodes.bullet_list))
    expect(lifted.doc.firstChild?.type.name).toBe('paragraph')
  })
})

describe('links', () => {
  it('sets, reads and removes a link on a selection', () => {
    const state = select(stateWith(paragraph.create(null, text('Read the guide'))), 10, 15)
    const { state: linked } = run(state, setLink('https://example.org'))
    const inside = select(linked, 12)
    expect(currentHref(inside)).toBe('https://example.org')
    const { ok, state: unlinked } = run(inside, removeLink)
    expect(ok).toBe(true)
    expect(currentHref(select(unlinked, 12))).toBe('')
  })

  it('inserts the address as linked text at a bare cursor', () => {
    const state = select(stateWith(paragraph.create(null, text('See '))), 5)
    const { state: next } = run(state, setLink('mailto:a@example.org'))
    expect(next.doc.textContent).toBe('See a@example.org')
  })
})

describe('insertTable', () => {
  it('inserts a 3×3 table with a header row and puts the cursor in its first cell', () => {
    const state = select(stateWith(paragraph.create(null, text('Before'))), 7)
    const { ok, state: next } = run(state, insertTable())
    expect(ok).toBe(true)
    let table: ReturnType<typeof paragraph.create> | undefined
    next.doc.descendants((node) => {
      if (node.type.name === 'table') table = node
      return !table
    })
    expect(table?.childCount).toBe(3)
    expect(table?.firstChild?.firstChild?.type.name).toBe('table_header')
    expect(table?.child(1).childCount).toBe(3)
    expect(next.selection.$from.parent.type.name).toBe('paragraph')
    expect(next.selection.$from.node(-1).type.name).toBe('table_header')
  })
})
