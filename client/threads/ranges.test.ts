import { describe, expect, it } from 'vitest'
import { innermostAt, segmentsOf } from './ranges.ts'

describe('segmentsOf', () => {
  it('cuts overlapping ranges into stretches with the threads covering each, shortest first', () => {
    expect(
      segmentsOf([
        { id: 'a', from: 1, to: 10 },
        { id: 'b', from: 5, to: 15 },
        { id: 'c', from: 6, to: 8 },
      ]),
    ).toEqual([
      { from: 1, to: 5, ids: ['a'] },
      { from: 5, to: 6, ids: ['a', 'b'] },
      { from: 6, to: 8, ids: ['c', 'a', 'b'] },
      { from: 8, to: 10, ids: ['a', 'b'] },
      { from: 10, to: 15, ids: ['b'] },
    ])
  })

  it('leaves gaps uncovered and skips empty ranges', () => {
    expect(
      segmentsOf([
        { id: 'a', from: 1, to: 3 },
        { id: 'b', from: 5, to: 7 },
        { id: 'z', from: 4, to: 4 },
      ]),
    ).toEqual([
      { from: 1, to: 3, ids: ['a'] },
      { from: 5, to: 7, ids: ['b'] },
    ])
  })
})

describe('innermostAt', () => {
  const ranges = [
    { id: 'outer', from: 0, to: 20 },
    { id: 'inner', from: 5, to: 8 },
  ]
  it('picks the shortest range under the position, among those allowed', () => {
    expect(innermostAt(ranges, 6)?.id).toBe('inner')
    expect(innermostAt(ranges, 12)?.id).toBe('outer')
    expect(innermostAt(ranges, 6, (id) => id !== 'inner')?.id).toBe('outer')
    expect(innermostAt(ranges, 30)).toBeNull()
  })
})
