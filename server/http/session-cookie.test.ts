import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { rawCookie, sessionCookieHeader, unsignSessionId } from './session-cookie.ts'

const secret = 'a-secret-of-at-least-thirty-two-characters'
const signed = (id: string, key = secret) =>
  `s:${id}.${createHmac('sha256', key).update(id).digest('base64').replace(/=+$/, '')}`

describe('the session cookie read without express-session', () => {
  it('finds the first cookie of that exact name', () => {
    expect(rawCookie('a=1; marginalia.sid=x%3Ay; b=2', 'marginalia.sid')).toBe('x%3Ay')
    expect(rawCookie('marginalia.sid=first;marginalia.sid=second', 'marginalia.sid')).toBe('first')
    expect(rawCookie('xmarginalia.sid=no; marginalia.sid=yes', 'marginalia.sid')).toBe('yes')
    expect(rawCookie('xmarginalia.sid=no', 'marginalia.sid')).toBeUndefined()
    expect(rawCookie(undefined, 'marginalia.sid')).toBeUndefined()
  })

  it('accepts a value signed under the secret and nothing else', () => {
    const value = signed('abc-DEF_123')
    expect(unsignSessionId(encodeURIComponent(value), secret)).toEqual({ id: 'abc-DEF_123', signed: value })
    expect(unsignSessionId(value, secret)?.id).toBe('abc-DEF_123')
    expect(unsignSessionId(encodeURIComponent(signed('abc', 'another secret')), secret)).toBeUndefined()
    expect(unsignSessionId(encodeURIComponent(value.slice(0, -1)), secret)).toBeUndefined()
    expect(unsignSessionId('abc', secret)).toBeUndefined()
    expect(unsignSessionId('s:.', secret)).toBeUndefined()
    expect(unsignSessionId('%E0%A4%A', secret)).toBeUndefined()
  })

  it('writes the renewed cookie with express-session attributes', () => {
    const expires = new Date(Date.UTC(2026, 11, 12, 21, 0, 0))
    expect(sessionCookieHeader('s:a/b+c', expires, { name: 'n', secure: false })).toBe(
      'n=s%3Aa%2Fb%2Bc; Path=/; Expires=Sat, 12 Dec 2026 21:00:00 GMT; HttpOnly; SameSite=Lax',
    )
    expect(sessionCookieHeader('s:a', expires, { name: 'n', secure: true })).toContain(
      'HttpOnly; Secure; SameSite=Lax',
    )
  })
})
