import type session from 'express-session'
import type pg from 'pg'
import { findSessionWithAccount } from '../db/sessions.repo.ts'
import type { UserRow } from '../db/users.repo.ts'

/**
 * Accounts read in the same query as their session, by the session's `passport` object (a fresh object per
 * read, which express-session hands on to `req.session.passport` as it is): passport's deserializer then takes
 * the account from there instead of asking Postgres a second time. A request sees its account as of the
 * moment its session was read, as before; nothing outlives the request.
 */
const accounts = new WeakMap<object, UserRow | null>()

/** The account read with this request's session, if it was (null: the session names no such account). */
export function accountReadWithSession(passportData: unknown): UserRow | null | undefined {
  return typeof passportData === 'object' && passportData !== null ? accounts.get(passportData) : undefined
}

/**
 * Replaces the store's `get` (connect-pg-simple: `SELECT sess … WHERE sid = $1 AND expire >= now`) with the
 * same question that also reads the signed-in account: one round trip where there were two.
 */
export function readAccountsWithSessions(store: session.Store, pool: pg.Pool): void {
  store.get = (sid, callback) => {
    findSessionWithAccount(pool, sid).then(
      (found) => {
        if (!found) return callback(null, null)
        const passport = (found.sess as { passport?: unknown }).passport
        if (typeof passport === 'object' && passport !== null) accounts.set(passport, found.account ?? null)
        callback(null, found.sess)
      },
      (error: unknown) => callback(error),
    )
  }
}
