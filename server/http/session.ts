import connectPgSimple from 'connect-pg-simple'
import type { RequestHandler, Response } from 'express'
import session from 'express-session'
import type pg from 'pg'
import { readAccountsWithSessions, readingMembershipWithSession } from './session-accounts.ts'
import { rawCookie, type SignedSessionId, sessionCookieHeader, unsignSessionId } from './session-cookie.ts'

/** The session cookie's name. */
export const sessionCookieName = 'marginalia.sid'

/** The session middleware and its store, which must be closed on shutdown (it runs a prune timer). */
export interface Sessions {
  middleware: RequestHandler
  /** The session a `Cookie` header names, when its signature is good (whether it is live is Postgres's to say). */
  fromCookie(header: string | undefined): SignedSessionId | undefined
  /**
   * Renews a live session read without the middleware as the middleware would: a new expiry in the cookie and
   * (at most every ten minutes) in the store.
   */
  renew(res: Response, cookie: SignedSessionId): void
  close(): void
}

/** How long a session lives after its last use. */
const maxAgeMs = 14 * 24 * 60 * 60 * 1000

/** How often one session's expiry is pushed back in Postgres at most. */
const touchIntervalMs = 10 * 60 * 1000

/**
 * A rolling session would otherwise write its new expiry to Postgres on every request — a committed write,
 * with its fsync, in front of every read. Renewing it at most every ten minutes keeps the 14-day rolling
 * expiry (to within ten minutes) for a fraction of the writes.
 */
function throttleTouches(store: session.Store): void {
  const touch = store.touch?.bind(store)
  if (!touch) return
  const lastTouched = new Map<string, number>()
  store.touch = (sid, data, callback) => {
    const now = Date.now()
    if (now - (lastTouched.get(sid) ?? 0) < touchIntervalMs) return callback?.()
    if (lastTouched.size > 50_000) lastTouched.clear()
    lastTouched.set(sid, now)
    touch(sid, data, callback)
  }
}

/**
 * Server-side sessions in Postgres (`session` table, created by a migration). The cookie is HttpOnly,
 * SameSite=Lax, and Secure when the public URL is https; it lives 14 days and is renewed on use.
 */
export function createSessions(pool: pg.Pool, secret: string, publicUrl: string): Sessions {
  const PgStore = connectPgSimple(session)
  const store = new PgStore({
    pool,
    tableName: 'session',
    pruneSessionInterval: 15 * 60,
    createTableIfMissing: false,
  })
  throttleTouches(store)
  readAccountsWithSessions(store, pool)
  const middleware = session({
    name: sessionCookieName,
    store,
    secret,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    proxy: undefined,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: publicUrl.startsWith('https:'),
      maxAge: maxAgeMs,
      path: '/',
    },
  })
  const cookieOptions = { name: sessionCookieName, secure: publicUrl.startsWith('https:') }
  return {
    middleware: readingMembershipWithSession(middleware),
    fromCookie: (header) => unsignSessionId(rawCookie(header, sessionCookieName), secret),
    renew(res, cookie) {
      const expires = new Date(Date.now() + maxAgeMs)
      res.setHeader('Set-Cookie', sessionCookieHeader(cookie.signed, expires, cookieOptions))
      // The store's touch reads only the new expiry (connect-pg-simple: `UPDATE session SET expire`).
      store.touch(cookie.id, { cookie: { expires } } as session.SessionData, () => {})
    },
    close: () => store.close(),
  }
}
