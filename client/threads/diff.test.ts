import { describe, expect, it } from 'vitest'
import { tokenize, wordDiff } from './diff.ts'

const join = (parts: ReturnType<typeof wordDiff>, keep: 'delete' | 'insert') =>
  parts
    .filter((part) => part.op === 'equal' || part.op === keep)
    .map((part) => part.text)
    .join('')

describe('wordDiff', () => {
  it('strikes the replaced words and inserts the new ones, keeping the rest', () => {
    expect(
      wordDiff('Indicators should be few and reliable.', 'Indicators must be few, reliable and comparable.'),
    ).toEqual([
      { op: 'equal', text: 'Indicators ' },
      { op: 'delete', text: 'should' },
      { op: 'insert', text: 'must' },
      { op: 'equal', text: ' be ' },
      { op: 'delete', text: 'few ' },
      { op: 'insert', text: 'few, reliable ' },
      { op: 'equal', text: 'and ' },
      { op: 'delete', text: 'reliable.' },
      { op: 'insert', text: 'comparable.' },
    ])
  })

  it('rebuilds both texts exactly, spaces and line breaks included', () => {
    const cases: [string, string][] = [
      ['a b  c\nd', 'a  c\nd e'],
      ['', 'all new'],
      ['all gone', ''],
      ['same text', 'same text'],
      ['  leading and trailing  ', 'leading and trailing'],
    ]
    for (const [before, after] of cases) {
      const parts = wordDiff(before, after)
      expect(join(parts, 'delete')).toBe(before)
      expect(join(parts, 'insert')).toBe(after)
    }
  })

  it('merges neighbouring runs and answers nothing for two empty texts', () => {
    expect(wordDiff('', '')).toEqual([])
    expect(wordDiff('x', 'y z')).toEqual([
      { op: 'delete', text: 'x' },
      { op: 'insert', text: 'y z' },
    ])
  })

  it('gives up aligning very long texts without losing any of them', () => {
    const before = Array.from({ length: 800 }, (_, i) => `w${i}`).join(' ')
    const after = Array.from({ length: 800 }, (_, i) => `v${i}`).join(' ')
    const parts = wordDiff(`start ${before} end`, `start ${after} end`)
    expect(parts[0]).toEqual({ op: 'equal', text: 'start ' })
    expect(join(parts, 'delete')).toBe(`start ${before} end`)
    expect(join(parts, 'insert')).toBe(`start ${after} end`)
  })

  it('tokenizes words and spaces', () => {
    expect(tokenize(' a  b\n')).toEqual([' ', 'a', '  ', 'b', '\n'])
  })
})
