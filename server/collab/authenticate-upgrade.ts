import type { IncomingMessage, ServerResponse } from 'node:http'
import type { RequestHandler } from 'express'
import type { UserDto } from '../../shared/api/users.ts'
import { findMembership, type MembershipRow } from '../db/members.repo.ts'
import type { Queryable } from '../db/queryable.ts'
import { isUuid } from '../policies/access.ts'
import { loadActiveUser } from '../services/users.service.ts'

/** Why an upgrade was refused, as the HTTP status written before any WebSocket exists. */
export type UpgradeRefusal = { status: 400 | 401 | 403 | 404; message: string }

/** Who is connecting to which document, once the upgrade request passed every check. */
export interface UpgradeGrant {
  user: UserDto
  membership: MembershipRow
}

const collabPath = /^\/collab\/([^/?#]+)\/?$/

/** Reads the session the way Express does for HTTP requests (the cookie, the Postgres store). */
function loadSession(
  sessions: RequestHandler,
  req: IncomingMessage,
): Promise<{ passport?: { user?: string } } | undefined> {
  return new Promise((resolve, reject) => {
    const request = req as IncomingMessage & { session?: { passport?: { user?: string } } }
    const response = {} as ServerResponse
    ;(sessions as unknown as (q: unknown, s: unknown, next: (error?: unknown) => void) => void)(
      request,
      response,
      (error) => (error ? reject(error) : resolve(request.session)),
    )
  })
}

/**
 * Checks an upgrade request before the WebSocket exists: the path names a document, the `Origin` is the
 * public URL's, the session cookie belongs to an active account, and that account is a member.
 */
export async function authenticateUpgrade(
  req: IncomingMessage,
  options: { publicOrigin: string; sessions: RequestHandler; db: Queryable },
): Promise<UpgradeGrant | UpgradeRefusal> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname
  const documentId = decodeURIComponent(collabPath.exec(path)?.[1] ?? '')
  if (!isUuid(documentId)) return { status: 404, message: 'No such document.' }
  if (req.headers.origin !== options.publicOrigin) return { status: 403, message: 'Origin not allowed.' }
  const session = await loadSession(options.sessions, req)
  const userId = session?.passport?.user
  const user = userId ? await loadActiveUser(options.db, userId) : undefined
  if (!user) return { status: 401, message: 'Sign in first.' }
  const membership = await findMembership(options.db, user.id, documentId)
  if (!membership) return { status: 404, message: 'No such document.' }
  return { user, membership }
}
