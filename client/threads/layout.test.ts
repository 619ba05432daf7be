import { describe, expect, it } from 'vitest'
import { layoutCards } from './layout.ts'

const box = (id: string, desired: number, height = 100) => ({ id, desired, height })

describe('layoutCards', () => {
  it('puts each card at its highlight when there is room', () => {
    const { tops, height } = layoutCards([box('a', 0), box('b', 300), box('c', 600)], 8)
    expect([...tops.values()]).toEqual([0, 300, 600])
    expect(height).toBe(700)
  })

  it('pushes overlapping cards down, keeping the gap', () => {
    const { tops } = layoutCards([box('a', 50), box('b', 60), box('c', 100, 40), box('d', 400)], 8)
    expect(Object.fromEntries(tops)).toEqual({ a: 50, b: 158, c: 266, d: 400 })
  })

  it('keeps cards below the top of the column', () => {
    const { tops } = layoutCards([box('a', -40), box('b', -10)], 8)
    expect(Object.fromEntries(tops)).toEqual({ a: 0, b: 108 })
  })

  it('moves the active card up only as far as the cards above it leave room', () => {
    // Not enough room above `c` for `a` and `b`: they start at the top and `c` follows them.
    const { tops } = layoutCards([box('a', 100), box('b', 110), box('c', 120)], 10, 'c')
    expect(Object.fromEntries(tops)).toEqual({ a: 0, b: 110, c: 220 })
  })

  it('never overlaps, whatever the active card', () => {
    const cards = [box('a', 0, 50), box('b', 20, 80), box('c', 30, 60), box('d', 500, 30), box('e', 505, 30)]
    for (const active of [null, 'a', 'b', 'c', 'd', 'e']) {
      const { tops } = layoutCards(cards, 8, active)
      const placed = cards.map((card) => ({
        top: tops.get(card.id)!,
        bottom: tops.get(card.id)! + card.height,
      }))
      for (let i = 1; i < placed.length; i++)
        expect(placed[i]!.top).toBeGreaterThanOrEqual(placed[i - 1]!.bottom + 8)
      expect(placed[0]!.top).toBeGreaterThanOrEqual(0)
    }
  })

  it('aligns the active card exactly when the cards above fit above it', () => {
    const cards = [box('a', 200, 50), box('b', 210, 50), box('c', 220, 50)]
    const { tops } = layoutCards(cards, 10, 'c')
    expect(Object.fromEntries(tops)).toEqual({ a: 100, b: 160, c: 220 })
  })

  it('answers an empty column', () => {
    expect(layoutCards([], 8)).toEqual({ tops: new Map(), height: 0 })
  })
})
