import type { RequestHandler } from 'express'
import { can } from '../../shared/roles.ts'
import type { AppContext } from '../context.ts'
import { findSessionMembership } from '../db/sessions.repo.ts'
import { isUuid } from '../policies/access.ts'
import { answerThreadList } from './routes/threads.routes.ts'
import type { Sessions } from './session.ts'

const threadListPath = /^\/api\/documents\/([0-9a-fA-F-]{36})\/threads$/

/**
 * `GET /api/documents/:documentId/threads` (the most frequent read: every open draft asks, and asks again after
 * every change) served ahead of the `/api` pipeline, when it can be answered as that pipeline would: a signed
 * session cookie, a live session of an active account that is a member allowed to read. Session, account and
 * membership come from one query, as they do in the pipeline (only the columns this read needs); the session is renewed as express-session
 * renews it. Anything else (no or bad cookie, expired session, disabled account, no membership) goes on to the
 * pipeline, which gives the usual answer, so every error keeps one source. A bad query string is the same 400
 * through the error handler.
 */
export function threadListRead(ctx: AppContext, sessions: Sessions): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next()
    const documentId = threadListPath.exec(req.path)?.[1]
    if (!documentId || !isUuid(documentId)) return next()
    const cookie = sessions.fromCookie(req.headers.cookie)
    if (!cookie) return next()
    findSessionMembership(ctx.db.pool, cookie.id, documentId)
      .then(async (read) => {
        const member = read?.membership
        if (!read?.accountId || read.disabled || !member || !can(member.role, 'read')) return next()
        res.setHeader('Cache-Control', 'no-store')
        sessions.renew(res, cookie)
        await answerThreadList(ctx, member, req, res)
      })
      .catch(next)
  }
}
