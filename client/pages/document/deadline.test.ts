import { describe, expect, it } from 'vitest'
import { deadlineLine, fromLocalInput, toLocalInput } from './deadline.ts'

describe('deadline inputs', () => {
  it('reads a datetime-local value in the browser’s time zone', () => {
    const iso = fromLocalInput('2026-03-12T17:05')!
    const date = new Date(iso)
    expect([date.getFullYear(), date.getMonth(), date.getDate(), date.getHours(), date.getMinutes()]).toEqual(
      [2026, 2, 12, 17, 5],
    )
    expect(iso).toMatch(/Z$/)
  })

  it('round-trips an instant to the minute', () => {
    const iso = '2026-07-01T09:30:00.000Z'
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso)
  })

  it('refuses empty, malformed and impossible values', () => {
    for (const value of ['', '2026-03-12', 'tomorrow', '2026-02-30T10:00'])
      expect(fromLocalInput(value)).toBeNull()
    expect(toLocalInput(null)).toBe('')
    expect(toLocalInput('not a date')).toBe('')
  })
})

describe('the banner’s deadline line', () => {
  const now = Date.parse('2026-03-10T12:00:00Z')

  it('says how long is left while comments are open', () => {
    const line = deadlineLine('consultation', '2026-03-13T12:00:00Z', now)
    expect(line?.closed).toBe(false)
    expect(line?.text).toMatch(/^Comments close in 3 days, on .*2026/)
  })

  it('says comments closed once the deadline has passed', () => {
    const line = deadlineLine('consultation', '2026-03-09T12:00:00Z', now)
    expect(line).toEqual({ text: expect.stringMatching(/^Comments closed on .*2026/), closed: true })
  })

  it('only gives the date outside consultation, and nothing without a deadline', () => {
    expect(deadlineLine('drafting', '2026-03-09T12:00:00Z', now)?.text).toMatch(/^Comment deadline: /)
    expect(deadlineLine('consultation', null, now)).toBeNull()
  })
})
