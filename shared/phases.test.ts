import { describe, expect, it } from 'vitest'
import { editingAllowed, phaseTransitionAllowed, threadOpeningAllowed } from './phases.ts'

const now = new Date('2026-06-01T12:00:00Z')

describe('phases', () => {
  it('moves one step forward or back', () => {
    expect(phaseTransitionAllowed('drafting', 'consultation')).toBe(true)
    expect(phaseTransitionAllowed('consultation', 'revision')).toBe(true)
    expect(phaseTransitionAllowed('revision', 'consultation')).toBe(true)
    expect(phaseTransitionAllowed('drafting', 'final')).toBe(false)
    expect(phaseTransitionAllowed('final', 'drafting')).toBe(false)
  })

  it('lets experts open threads during consultation until the deadline', () => {
    const open = { phase: 'consultation' as const, commentDeadline: '2026-06-02T00:00:00Z' }
    const passed = { phase: 'consultation' as const, commentDeadline: '2026-05-31T00:00:00Z' }
    expect(threadOpeningAllowed(open, 'commenter', now)).toBe(true)
    expect(threadOpeningAllowed(passed, 'commenter', now)).toBe(false)
    expect(threadOpeningAllowed(passed, 'author', now)).toBe(true)
  })

  it('closes threads to experts in revision, to everyone in final, and to viewers always', () => {
    expect(threadOpeningAllowed({ phase: 'revision', commentDeadline: null }, 'commenter', now)).toBe(false)
    expect(threadOpeningAllowed({ phase: 'revision', commentDeadline: null }, 'editor', now)).toBe(true)
    expect(threadOpeningAllowed({ phase: 'final', commentDeadline: null }, 'owner', now)).toBe(false)
    expect(threadOpeningAllowed({ phase: 'consultation', commentDeadline: null }, 'viewer', now)).toBe(false)
  })

  it('freezes the text in final', () => {
    expect(editingAllowed({ phase: 'final', commentDeadline: null })).toBe(false)
    expect(editingAllowed({ phase: 'revision', commentDeadline: null })).toBe(true)
  })
})
