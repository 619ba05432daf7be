import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { Request, RequestHandler } from 'express'
import { CsrfError } from '../errors.ts'

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** Answers the session's CSRF token, creating one (and so the session) when there is none yet. */
export function csrfTokenFor(req: Request): string {
  req.session.csrfToken ??= randomBytes(32).toString('base64url')
  return req.session.csrfToken
}

/**
 * Synchronizer-token CSRF check: every state-changing request must carry `X-CSRF-Token` equal to the
 * token kept in its server-side session (403 `csrf_failed` otherwise). SameSite=Lax cookies are a
 * second line, not the first.
 */
export function requireCsrf(): RequestHandler {
  return (req, _res, next) => {
    if (!unsafeMethods.has(req.method)) return next()
    const expected = req.session?.csrfToken
    const given = req.get('x-csrf-token')
    if (!expected || !given) return next(new CsrfError())
    const a = Buffer.from(expected)
    const b = Buffer.from(given)
    if (a.length !== b.length || !timingSafeEqual(a, b)) return next(new CsrfError())
    next()
  }
}
