import { isHexColor } from './colors.ts'

/** What each client publishes about its person in the awareness state's `user` field. */
export interface PresenceUser {
  id: string
  name: string
  color: string
  /** ISO 3166-1 alpha-2, or null when the account has none. */
  country: string | null
  role: string
}

/** One person in the "who is here" list, however many tabs they have open. */
export interface PresenceEntry extends PresenceUser {
  /** Their awareness client ids, the one with a cursor first. */
  clientIds: number[]
  /** True for the person using this browser. */
  isSelf: boolean
  /** True when one of their clients shows a cursor in the text. */
  hasCursor: boolean
}

const maxNameLength = 120

/**
 * The `user` of an awareness state when it is well formed, else null. Another client wrote it, so every
 * field is checked: a colour must be #rrggbb, a country two letters, and a long name is cut.
 */
export function readPresenceUser(state: unknown): PresenceUser | null {
  if (typeof state !== 'object' || state === null) return null
  const user = (state as { user?: unknown }).user
  if (typeof user !== 'object' || user === null) return null
  const { id, name, color, country, role } = user as Record<string, unknown>
  if (typeof id !== 'string' || id === '' || typeof name !== 'string' || !isHexColor(color)) return null
  return {
    id,
    name: name.trim().slice(0, maxNameLength) || id.slice(0, 8),
    color,
    country: typeof country === 'string' && /^[a-z]{2}$/i.test(country) ? country.toUpperCase() : null,
    role: typeof role === 'string' ? role : '',
  }
}

function hasCursor(state: unknown): boolean {
  return typeof state === 'object' && state !== null && (state as { cursor?: unknown }).cursor != null
}

/**
 * The people present, from the awareness states (client id → state): one entry per user id, me first, then
 * by name in the given locale.
 */
export function presenceEntries(
  states: ReadonlyMap<number, unknown>,
  selfUserId: string,
  locale = 'en',
): PresenceEntry[] {
  const byUser = new Map<string, PresenceEntry>()
  for (const [clientId, state] of states) {
    const user = readPresenceUser(state)
    if (!user) continue
    const cursor = hasCursor(state)
    const entry = byUser.get(user.id)
    if (!entry) {
      byUser.set(user.id, {
        ...user,
        clientIds: [clientId],
        isSelf: user.id === selfUserId,
        hasCursor: cursor,
      })
    } else if (cursor && !entry.hasCursor) {
      entry.clientIds.unshift(clientId)
      entry.hasCursor = true
    } else {
      entry.clientIds.push(clientId)
    }
  }
  const collator = new Intl.Collator(locale)
  return [...byUser.values()].sort(
    (a, b) =>
      Number(b.isSelf) - Number(a.isSelf) || collator.compare(a.name, b.name) || a.id.localeCompare(b.id),
  )
}

/** The flag emoji of an ISO 3166-1 alpha-2 country code (two regional indicator symbols); '' for anything else. */
export function flagEmoji(country: string | null | undefined): string {
  if (!country || !/^[a-z]{2}$/i.test(country)) return ''
  const base = 0x1f1e6 - 'A'.charCodeAt(0)
  return String.fromCodePoint(...[...country.toUpperCase()].map((letter) => base + letter.charCodeAt(0)))
}
