import { createHash, randomBytes } from 'node:crypto'

/** A fresh secret token (256 random bits, base64url) and the hash to store in its place. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url')
  return { token, hash: hashToken(token) }
}

/** The SHA-256 of a token, hex: what the database keeps, so a leaked table reveals no working link. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** True when a string could be a token we issued (so junk never reaches the database). */
export function looksLikeToken(value: string): boolean {
  return /^[\w-]{43}$/.test(value)
}
