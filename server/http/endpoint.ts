import type { Request, Response, Router } from 'express'
import type { UserDto } from '../../shared/api/users.ts'
import type { Capability } from '../../shared/roles.ts'
import type { AppContext } from '../context.ts'
import { documentOfComment } from '../db/comments.repo.ts'
import { documentOfThread } from '../db/threads.repo.ts'
import { ForbiddenError, UnauthenticatedError } from '../errors.ts'
import { isUuid, type Membership, requireCapability } from '../policies/access.ts'
import { membershipReadWithSession } from './session-accounts.ts'

/**
 * Who may call an endpoint. `document` endpoints have a `:documentId` parameter; `thread` and `comment`
 * endpoints a `:threadId` or `:commentId`, whose document the access question is asked about.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'user' }
  | { kind: 'admin' }
  | { kind: 'document' | 'thread' | 'comment'; capability: Capability }

/** What the access check hands the handler, by kind of access. */
export type Scope<A extends Access> = A extends { kind: 'document' | 'thread' | 'comment' }
  ? { actor: UserDto; member: Membership }
  : A extends { kind: 'user' | 'admin' }
    ? { actor: UserDto }
    : { actor: UserDto | undefined }

/** One API endpoint: method, path under `/api`, who may call it, and what it does. */
export interface Endpoint<A extends Access = Access> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete'
  path: string
  access: A
  handle(req: Request, res: Response, scope: Scope<A>): Promise<void>
}

/** Declares an endpoint; the access rule is data, so the permission-matrix test can read every one. */
export function endpoint<A extends Access>(
  method: Endpoint['method'],
  path: string,
  access: A,
  handle: (req: Request, res: Response, scope: Scope<A>) => Promise<void>,
): Endpoint<A> {
  return { method, path, access, handle }
}

/** Shorthands for the access rules. */
export const access = {
  public: { kind: 'public' } as const,
  user: { kind: 'user' } as const,
  admin: { kind: 'admin' } as const,
  document: <C extends Capability>(capability: C) => ({ kind: 'document', capability }) as const,
  thread: <C extends Capability>(capability: C) => ({ kind: 'thread', capability }) as const,
  comment: <C extends Capability>(capability: C) => ({ kind: 'comment', capability }) as const,
}

/** The document an endpoint's path names, directly or through a thread or comment ('' when there is none). */
async function documentIdOf(
  ctx: AppContext,
  req: Request,
  kind: 'document' | 'thread' | 'comment',
): Promise<string> {
  if (kind === 'document') return String(req.params.documentId)
  const id = String(kind === 'thread' ? req.params.threadId : req.params.commentId)
  if (!isUuid(id)) return ''
  return (
    (await (kind === 'thread' ? documentOfThread(ctx.db.pool, id) : documentOfComment(ctx.db.pool, id))) ?? ''
  )
}

async function scopeFor(ctx: AppContext, req: Request, rule: Access): Promise<Scope<Access>> {
  if (rule.kind === 'public') return { actor: req.user }
  if (!req.user) throw new UnauthenticatedError()
  if (rule.kind === 'user') return { actor: req.user }
  if (rule.kind === 'admin') {
    if (!req.user.isAdmin) throw new ForbiddenError('Only an instance admin may do this.')
    return { actor: req.user }
  }
  const documentId = await documentIdOf(ctx, req, rule.kind)
  return {
    actor: req.user,
    member: await requireCapability(
      ctx.db.pool,
      req.user,
      documentId,
      rule.capability,
      membershipReadWithSession(
        (req.session as { passport?: unknown } | undefined)?.passport,
        req.user.id,
        documentId,
      ),
    ),
  }
}

/** Mounts endpoints on a router, each behind its access check (asked once, before the handler). */
export function mountEndpoints(router: Router, ctx: AppContext, endpoints: readonly Endpoint[]): void {
  for (const e of endpoints) {
    router[e.method](e.path, async (req, res) => {
      const scope = await scopeFor(ctx, req, e.access)
      await (e.handle as (req: Request, res: Response, scope: Scope<Access>) => Promise<void>)(
        req,
        res,
        scope,
      )
    })
  }
}
