import { describe, expect, it } from 'vitest'
import { diffTokens, diffWords } from './diff.ts'

describe('diff', () => {
  it('aligns token lists', () => {
    expect(diffTokens(['a', 'b', 'c'], ['a', 'x', 'c'])).toEqual([
      { type: 'equal', tokens: ['a'] },
      { type: 'delete', tokens: ['b'] },
      { type: 'insert', tokens: ['x'] },
      { type: 'equal', tokens: ['c'] },
    ])
  })

  it('diffs words and keeps the spacing', () => {
    const parts = diffWords(
      'Indicators should be few and reliable.',
      'Indicators should be few, valid and reliable.',
    )
    expect(
      parts
        .filter((p) => p.type === 'equal')
        .map((p) => p.text)
        .join(''),
    ).toContain('Indicators should be ')
    expect(parts.map((p) => (p.type === 'delete' ? '' : p.text)).join('')).toBe(
      'Indicators should be few, valid and reliable.',
    )
    expect(parts.map((p) => (p.type === 'insert' ? '' : p.text)).join('')).toBe(
      'Indicators should be few and reliable.',
    )
  })
})
