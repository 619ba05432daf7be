import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The session cookie as express-session writes it, read and written without it, for the one read that skips
 * its middleware (thread-list-read.ts). express-session signs the session id as `s:<id>.<mac>`, where `<mac>` is
 * the unpadded base64 HMAC-SHA256 of the id under the secret (the cookie-signature format), URI-encoded.
 */

/** The MAC that signs `value` (cookie-signature's format: unpadded base64 HMAC-SHA256). */
function macOf(value: string, secret: string): string {
  return createHmac('sha256', secret).update(value).digest('base64').replace(/=+$/, '')
}

/** The raw (still URI-encoded) value of the first cookie called `name` in a `Cookie` header. */
export function rawCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  let at = header.indexOf(`${name}=`)
  while (at > 0 && header[at - 1] !== ' ' && header[at - 1] !== ';') at = header.indexOf(`${name}=`, at + 1)
  if (at === -1) return undefined
  const start = at + name.length + 1
  const end = header.indexOf(';', start)
  return header.slice(start, end === -1 ? undefined : end).trim()
}

/** A session cookie whose signature checked out. */
export interface SignedSessionId {
  /** The session id. */
  id: string
  /** The signed value (`s:<id>.<mac>`), decoded. */
  signed: string
}

/**
 * The session id a signed cookie value names, when its signature is good under `secret`; undefined for a
 * missing, malformed or forged value. `raw` is the value as sent (URI-encoded).
 */
export function unsignSessionId(raw: string | undefined, secret: string): SignedSessionId | undefined {
  if (!raw) return undefined
  let value: string
  try {
    value = raw.includes('%') ? decodeURIComponent(raw) : raw
  } catch {
    return undefined
  }
  if (!value.startsWith('s:')) return undefined
  const dot = value.lastIndexOf('.')
  if (dot <= 2) return undefined
  const id = value.slice(2, dot)
  const given = Buffer.from(value.slice(dot + 1))
  const expected = Buffer.from(macOf(id, secret))
  return given.length === expected.length && timingSafeEqual(given, expected)
    ? { id, signed: value }
    : undefined
}

/** What a session cookie is sent with. */
export interface SessionCookieOptions {
  name: string
  secure: boolean
}

/**
 * The `Set-Cookie` value express-session writes when it renews a session: the same signed value with a new
 * expiry, HttpOnly, SameSite=Lax, Secure over https, for the whole site.
 */
export function sessionCookieHeader(signed: string, expires: Date, options: SessionCookieOptions): string {
  return `${options.name}=${encodeURIComponent(signed)}; Path=/; Expires=${expires.toUTCString()}; HttpOnly${
    options.secure ? '; Secure' : ''
  }; SameSite=Lax`
}
