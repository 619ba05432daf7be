import type { Request, Response } from 'express'
import { z } from 'zod'
import {
  BulkResolveInput,
  CommentInput,
  CreateThreadInput,
  ReopenThreadInput,
  ResolveThreadInput,
  threadStatuses,
  threadTypes,
  UpdateThreadInput,
} from '../../../shared/api/threads.ts'
import { CountryCode } from '../../../shared/api/users.ts'
import type { AppContext } from '../../context.ts'
import type { Membership } from '../../policies/access.ts'
import { deleteComment, editComment } from '../../services/threads/comments.service.ts'
import {
  applyProposal,
  bulkResolve,
  progressOf,
  reopenThread,
  resolveThread,
} from '../../services/threads/decisions.service.ts'
import {
  changeThread,
  getThread,
  listThreadsJson,
  openThread,
  reply,
  setSupport,
} from '../../services/threads/threads.service.ts'
import { access, endpoint } from '../endpoint.ts'
import { ListQuery } from '../list-query.ts'
import { parseBody, parseQuery } from '../validate.ts'

const ThreadsQuery = ListQuery.extend({
  limit: z.coerce
    .number({ message: 'a number' })
    .int()
    .min(1, 'at least 1')
    .max(500, 'at most 500')
    .default(200),
  status: z.enum(threadStatuses, { message: `One of ${threadStatuses.join(', ')}` }).optional(),
  type: z.enum(threadTypes, { message: `One of ${threadTypes.join(', ')}` }).optional(),
  country: CountryCode.optional(),
  section: z.string().max(300).optional(),
  author: z.uuid('A user id').optional(),
  assignee: z.uuid('A user id').optional(),
  q: z.string().max(200, 'At most 200 characters').optional(),
})

/**
 * Answers `GET /documents/:documentId/threads` for a member allowed to read: the cached serialized list, with its
 * ETag (304 when the caller has it) and, for callers that take gzip (browsers do), the gzip made once with it.
 * Used by the endpoint below and by the same read served ahead of the pipeline (thread-list-read.ts).
 */
export async function answerThreadList(
  ctx: AppContext,
  member: Membership,
  req: Request,
  res: Response,
): Promise<void> {
  const answer = await listThreadsJson(ctx, member, parseQuery(ThreadsQuery, req))
  res.type('application/json').setHeader('ETag', answer.etag)
  res.vary('Accept-Encoding')
  if (answer.gzip && !req.fresh && req.acceptsEncodings('gzip', 'identity') === 'gzip') {
    res.setHeader('Content-Encoding', 'gzip')
    res.send(answer.gzip)
  } else res.send(answer.body)
}

/** Threads and comments (API.md "Threads and comments"), plus endorsements. */
export function threadsEndpoints(ctx: AppContext) {
  return [
    endpoint('get', '/documents/:documentId/threads', access.document('read'), async (req, res, { member }) =>
      answerThreadList(ctx, member, req, res),
    ),
    endpoint(
      'post',
      '/documents/:documentId/threads',
      access.document('comment'),
      async (req, res, { actor, member }) => {
        res.status(201).json(await openThread(ctx, actor, member, parseBody(CreateThreadInput, req)))
      },
    ),
    endpoint('get', '/threads/:threadId', access.thread('read'), async (req, res, { member }) => {
      res.json(await getThread(ctx, member, String(req.params.threadId)))
    }),
    endpoint('patch', '/threads/:threadId', access.thread('comment'), async (req, res, { actor, member }) => {
      res.json(
        await changeThread(
          ctx,
          actor,
          member,
          String(req.params.threadId),
          parseBody(UpdateThreadInput, req),
        ),
      )
    }),
    endpoint(
      'post',
      '/threads/:threadId/comments',
      access.thread('comment'),
      async (req, res, { actor, member }) => {
        const { body } = parseBody(CommentInput, req)
        res.status(201).json(await reply(ctx, actor, member, String(req.params.threadId), body))
      },
    ),
    endpoint(
      'post',
      '/threads/:threadId/support',
      access.thread('comment'),
      async (req, res, { actor, member }) => {
        res.json(await setSupport(ctx, actor, member, String(req.params.threadId), true))
      },
    ),
    endpoint(
      'delete',
      '/threads/:threadId/support',
      access.thread('comment'),
      async (req, res, { actor, member }) => {
        res.json(await setSupport(ctx, actor, member, String(req.params.threadId), false))
      },
    ),
    endpoint(
      'post',
      '/threads/:threadId/resolve',
      access.thread('resolve'),
      async (req, res, { actor, member }) => {
        res.json(
          await resolveThread(
            ctx,
            actor,
            member,
            String(req.params.threadId),
            parseBody(ResolveThreadInput, req),
          ),
        )
      },
    ),
    endpoint(
      'post',
      '/threads/:threadId/reopen',
      access.thread('comment'),
      async (req, res, { actor, member }) => {
        const { body } = parseBody(ReopenThreadInput, req)
        res.json(await reopenThread(ctx, actor, member, String(req.params.threadId), body))
      },
    ),
    endpoint(
      'post',
      '/threads/:threadId/apply',
      access.thread('apply'),
      async (req, res, { actor, member }) => {
        res.json(await applyProposal(ctx, actor, member, String(req.params.threadId)))
      },
    ),
    endpoint(
      'post',
      '/documents/:documentId/threads/resolve',
      access.document('resolve'),
      async (req, res, { actor, member }) => {
        res.json(await bulkResolve(ctx, actor, member, parseBody(BulkResolveInput, req)))
      },
    ),
    endpoint(
      'get',
      '/documents/:documentId/progress',
      access.document('read'),
      async (_req, res, { member }) => {
        res.json(await progressOf(ctx, member))
      },
    ),
    endpoint(
      'patch',
      '/comments/:commentId',
      access.comment('comment'),
      async (req, res, { actor, member }) => {
        const { body } = parseBody(CommentInput, req)
        res.json(await editComment(ctx, actor, member, String(req.params.commentId), body))
      },
    ),
    endpoint(
      'delete',
      '/comments/:commentId',
      access.comment('comment'),
      async (req, res, { actor, member }) => {
        await deleteComment(ctx, actor, member, String(req.params.commentId))
        res.status(204).end()
      },
    ),
  ]
}
