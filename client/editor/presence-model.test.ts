import { describe, expect, it } from 'vitest'
import { flagEmoji, presenceEntries, readPresenceUser } from './presence-model.ts'

const amara = { id: 'u-amara', name: 'Amara Okafor', color: '#2e7d32', country: 'ng', role: 'author' }
const li = { id: 'u-li', name: 'Li Wei', color: '#1a57b5', country: 'CN', role: 'commenter' }

describe('flagEmoji', () => {
  it('turns a country code into its flag', () => {
    expect(flagEmoji('DE')).toBe('🇩🇪')
    expect(flagEmoji('ng')).toBe('🇳🇬')
  })

  it('answers nothing for a missing or malformed code', () => {
    for (const code of [null, undefined, '', 'D', 'DEU', '1A', 'é1']) expect(flagEmoji(code)).toBe('')
  })
})

describe('readPresenceUser', () => {
  it('reads a well-formed user and normalises the country', () => {
    expect(readPresenceUser({ user: amara })).toEqual({ ...amara, country: 'NG' })
  })

  it('refuses a state without a user, id or a #rrggbb colour', () => {
    expect(readPresenceUser(null)).toBeNull()
    expect(readPresenceUser({})).toBeNull()
    expect(readPresenceUser({ user: { ...amara, id: '' } })).toBeNull()
    expect(readPresenceUser({ user: { ...amara, color: 'red; background:url(x)' } })).toBeNull()
  })

  it('drops a bad country and cuts an overlong name', () => {
    const user = readPresenceUser({ user: { ...amara, country: 'Nigeria', name: 'x'.repeat(500) } })
    expect(user?.country).toBeNull()
    expect(user?.name).toHaveLength(120)
  })
})

describe('presenceEntries', () => {
  it('lists me first, then the others by name, once per person', () => {
    const states = new Map<number, unknown>([
      [3, { user: li }],
      [1, { user: amara }],
      [7, { user: li, cursor: { anchor: {}, head: {} } }],
      [9, { nonsense: true }],
    ])
    const entries = presenceEntries(states, 'u-li')
    expect(entries.map((e) => [e.id, e.isSelf, e.clientIds])).toEqual([
      ['u-li', true, [7, 3]],
      ['u-amara', false, [1]],
    ])
    expect(entries[0]!.hasCursor).toBe(true)
    expect(entries[1]!.hasCursor).toBe(false)
  })
})
