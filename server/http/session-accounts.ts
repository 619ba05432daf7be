import type { RequestHandler } from 'express'
import type session from 'express-session'
import type pg from 'pg'
import type { MembershipRow } from '../db/members.repo.ts'
import { findSessionWithAccount } from '../db/sessions.repo.ts'
import type { UserRow } from '../db/users.repo.ts'
import { isUuid } from '../policies/access.ts'

/** What was read in the same query as a request's session. */
interface ReadWithSession {
  /** The signed-in account (null: the session names no such account). */
  account: UserRow | null
  /** The account's membership of the document the path names, when it names one (null: no member). */
  membership?: { documentId: string; row: MembershipRow | null }
}

/**
 * Reads by the session's `passport` object: a fresh object per session read, which express-session hands on
 * to `req.session.passport` as it is, so a read belongs to exactly one request and dies with it. A request
 * sees its account and membership as of the moment its session was read, as it did with separate queries.
 */
const reads = new WeakMap<object, ReadWithSession>()

/** The document a request's path under `/api` names (`/documents/:documentId/…`), if any. */
let documentOfRequestBeingRead: string | undefined

const documentPath = /^\/documents\/([^/]+)(?:\/|$)/

/**
 * Wraps the session middleware so that the session read also learns the document the path names (the store's
 * `get` is called synchronously inside the middleware).
 */
export function readingMembershipWithSession(middleware: RequestHandler): RequestHandler {
  return (req, res, next) => {
    const named = documentPath.exec(req.path)?.[1]
    documentOfRequestBeingRead = named && isUuid(named) ? named : undefined
    try {
      middleware(req, res, next)
    } finally {
      documentOfRequestBeingRead = undefined
    }
  }
}

function readOf(passportData: unknown): ReadWithSession | undefined {
  return typeof passportData === 'object' && passportData !== null ? reads.get(passportData) : undefined
}

/** The account read with this request's session, if it was (null: the session names no such account). */
export function accountReadWithSession(passportData: unknown): UserRow | null | undefined {
  return readOf(passportData)?.account
}

/**
 * `userId`'s membership of `documentId` as read with this request's session, if it was (null: no member);
 * undefined when it was not read (then ask Postgres).
 */
export function membershipReadWithSession(
  passportData: unknown,
  userId: string,
  documentId: string,
): MembershipRow | null | undefined {
  const read = readOf(passportData)
  if (!read?.membership || read.account?.id !== userId || read.membership.documentId !== documentId)
    return undefined
  return read.membership.row
}

/**
 * Replaces the store's `get` (connect-pg-simple: `SELECT sess … WHERE sid = $1 AND expire >= now`) with the
 * same question that also reads the signed-in account and, for a document's path, its membership: one round
 * trip where there were three.
 */
export function readAccountsWithSessions(store: session.Store, pool: pg.Pool): void {
  store.get = (sid, callback) => {
    const documentId = documentOfRequestBeingRead
    findSessionWithAccount(pool, sid, documentId).then(
      (found) => {
        if (!found) return callback(null, null)
        const passport = (found.sess as { passport?: unknown }).passport
        if (typeof passport === 'object' && passport !== null) {
          reads.set(passport, {
            account: found.account ?? null,
            ...(documentId !== undefined && found.membership !== undefined
              ? { membership: { documentId, row: found.membership } }
              : {}),
          })
        }
        callback(null, found.sess)
      },
      (error: unknown) => callback(error),
    )
  }
}
