import { describe, expect, it } from 'vitest'
import { type ComparedBlock, foldUnchanged, isAutomatic, sectionLabel, sideLabel } from './compare.ts'

const same = (text: string): ComparedBlock => ({
  section: 'S',
  changed: false,
  parts: [{ type: 'equal', text }],
})
const changed = (text: string): ComparedBlock => ({
  section: 'S',
  changed: true,
  parts: [{ type: 'insert', text }],
})

describe('folding unchanged paragraphs', () => {
  it('keeps each change with one neighbour on each side and folds longer runs into counted gaps', () => {
    const blocks = [
      same('a'),
      same('b'),
      same('c'),
      changed('d'),
      same('e'),
      same('f'),
      same('g'),
      changed('h'),
    ]
    const rows = foldUnchanged(blocks)
    expect(rows.map((row) => (row.kind === 'gap' ? `gap ${row.count}` : row.index))).toEqual([
      'gap 2',
      2,
      3,
      4,
      'gap 1',
      6,
      7,
    ])
  })

  it('shows every block when asked, and folds everything when nothing changed', () => {
    const blocks = [same('a'), changed('b'), same('c'), same('d')]
    expect(foldUnchanged(blocks, Number.POSITIVE_INFINITY).map((row) => row.kind)).toEqual([
      'block',
      'block',
      'block',
      'block',
    ])
    expect(foldUnchanged([same('a'), same('b')])).toEqual([{ kind: 'gap', index: 0, count: 2 }])
    expect(foldUnchanged([])).toEqual([])
  })
})

describe('labels', () => {
  it('names the section, the sides and whether a version was automatic', () => {
    expect(sectionLabel('2. Scope')).toBe('2. Scope')
    expect(sectionLabel('')).toBe('Before the first heading')
    expect(sideLabel({ id: 'current', name: 'Current' })).toBe('The current text')
    expect(sideLabel({ id: 'x', name: 'Sent out' })).toBe('Sent out')
    expect(isAutomatic({ kind: 'manual' })).toBe(false)
    expect(isAutomatic({ kind: 'restore' })).toBe(true)
  })
})
