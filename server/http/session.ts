import connectPgSimple from 'connect-pg-simple'
import type { RequestHandler } from 'express'
import session from 'express-session'
import type pg from 'pg'

/** The session cookie's name. */
export const sessionCookieName = 'marginalia.sid'

/** The session middleware and its store, which must be closed on shutdown (it runs a prune timer). */
export interface Sessions {
  middleware: RequestHandler
  close(): void
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
      maxAge: 14 * 24 * 60 * 60 * 1000,
      path: '/',
    },
  })
  return { middleware, close: () => store.close() }
}
