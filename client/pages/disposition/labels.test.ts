import { describe, expect, it } from 'vitest'
import { decisionKey } from './labels.ts'

describe('decisionKey', () => {
  it('finds the catalog key of each decision the disposition writes', () => {
    expect(decisionKey('accepted')).toBe('threads.resolution.accepted')
    expect(decisionKey('partially accepted')).toBe('threads.resolution.partially_accepted')
    expect(decisionKey('rejected')).toBe('threads.resolution.rejected')
    expect(decisionKey('noted')).toBe('threads.resolution.noted')
  })

  it('has none for an open thread or a word it does not know', () => {
    expect(decisionKey('')).toBeNull()
    expect(decisionKey('toString')).toBeNull()
  })
})
