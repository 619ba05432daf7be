import { describe, expect, it } from 'vitest'
import { backoffBase, backoffCap, backoffDelay } from './backoff.ts'

describe('backoffDelay', () => {
  it('stays within half and one and a half times the exponential step', () => {
    for (let attempt = 0; attempt < 6; attempt++) {
      const step = backoffBase * 2 ** attempt
      for (const r of [0, 0.25, 0.5, 0.999999]) {
        const delay = backoffDelay(attempt, () => r)
        expect(delay).toBeGreaterThanOrEqual(Math.floor(step * 0.5))
        expect(delay).toBeLessThanOrEqual(Math.ceil(step * 1.5))
      }
    }
  })

  it('spreads clients apart: the lowest and highest random draws differ', () => {
    expect(backoffDelay(3, () => 0)).toBe(1000)
    expect(backoffDelay(3, () => 0.999999)).toBe(3000)
  })

  it('never waits longer than the cap, however many attempts failed', () => {
    for (const attempt of [8, 20, 1000, Number.POSITIVE_INFINITY]) {
      expect(backoffDelay(attempt, () => 0.999999)).toBeLessThanOrEqual(backoffCap)
      expect(backoffDelay(attempt, () => 0)).toBeGreaterThan(0)
    }
  })

  it('treats a negative or fractional attempt as a whole number from zero', () => {
    expect(backoffDelay(-3, () => 0.5)).toBe(backoffBase)
    expect(backoffDelay(1.7, () => 0.5)).toBe(backoffBase * 2)
  })

  it('with random jitter, draws stay in bounds', () => {
    for (let i = 0; i < 500; i++) {
      const delay = backoffDelay(2)
      expect(delay).toBeGreaterThanOrEqual(500)
      expect(delay).toBeLessThanOrEqual(1500)
    }
  })
})
