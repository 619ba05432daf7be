/**
 * Presence colours: each keeps white label text at 4.5:1 or more and a caret at 3:1 or more against the
 * light page, and the twelve hues stay apart for most kinds of colour vision.
 */
export const presenceColors = [
  '#c0392b',
  '#a6420b',
  '#8a5a00',
  '#5f6b00',
  '#2e7d32',
  '#00796b',
  '#0277bd',
  '#1a57b5',
  '#5b3cc4',
  '#8e24aa',
  '#ad1457',
  '#6d4c41',
] as const

/** FNV-1a over the UTF-16 code units of `text`: a small, stable, well-spread hash. */
function hash(text: string): number {
  let value = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    value ^= text.charCodeAt(i)
    value = Math.imul(value, 0x01000193)
  }
  return value >>> 0
}

/** The colour of a person in every session and on every device: picked from `presenceColors` by their user id. */
export function colorForUser(userId: string): string {
  return presenceColors[hash(userId) % presenceColors.length]!
}

/** True for a `#rrggbb` colour, the only form a colour from another client is used in. */
export function isHexColor(value: unknown): value is string {
  return typeof value === 'string' && /^#[0-9a-f]{6}$/i.test(value)
}
