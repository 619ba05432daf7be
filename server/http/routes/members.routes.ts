import { CreateInviteInput, SetMemberRoleInput } from '../../../shared/api/members.ts'
import type { AppContext } from '../../context.ts'
import { auditOf } from '../../services/audit.service.ts'
import { createInvite, invitesOf, revokeInvite } from '../../services/invites.service.ts'
import { membersOf, peopleOf, removeMember, setMemberRole } from '../../services/members.service.ts'
import { access, endpoint } from '../endpoint.ts'
import { ListQuery } from '../list-query.ts'
import { parseBody, parseQuery } from '../validate.ts'

const manage = access.document('manage_members')

/** Members, invitations and the audit log of one document: editors and owners only. */
export function membersEndpoints(ctx: AppContext) {
  const db = ctx.db.pool
  return [
    endpoint(
      'get',
      '/documents/:documentId/people',
      access.document('read'),
      async (_req, res, { member }) => {
        res.json({ items: await peopleOf(db, member), nextCursor: null })
      },
    ),
    endpoint('get', '/documents/:documentId/members', manage, async (_req, res, { member }) => {
      res.json({ items: await membersOf(db, member), nextCursor: null })
    }),
    endpoint('put', '/documents/:documentId/members/:userId', manage, async (req, res, { actor, member }) => {
      const { role } = parseBody(SetMemberRoleInput, req)
      res.json(await setMemberRole(ctx, actor, member, String(req.params.userId), role))
    }),
    endpoint(
      'delete',
      '/documents/:documentId/members/:userId',
      manage,
      async (req, res, { actor, member }) => {
        await removeMember(ctx, actor, member, String(req.params.userId))
        res.status(204).end()
      },
    ),
    endpoint('post', '/documents/:documentId/invites', manage, async (req, res, { actor, member }) => {
      res.status(201).json(await createInvite(ctx, actor, member, parseBody(CreateInviteInput, req)))
    }),
    endpoint('get', '/documents/:documentId/invites', manage, async (_req, res, { member }) => {
      res.json({ items: await invitesOf(db, member), nextCursor: null })
    }),
    endpoint(
      'delete',
      '/documents/:documentId/invites/:inviteId',
      manage,
      async (req, res, { actor, member }) => {
        await revokeInvite(ctx, actor, member, String(req.params.inviteId))
        res.status(204).end()
      },
    ),
    endpoint('get', '/documents/:documentId/audit', manage, async (req, res, { member }) => {
      res.json(await auditOf(db, member, parseQuery(ListQuery, req)))
    }),
  ]
}
