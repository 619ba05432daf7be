import { AcceptInviteInput } from '../../../shared/api/members.ts'
import type { AppContext } from '../../context.ts'
import { acceptInvite, previewInvite } from '../../services/invites.service.ts'
import { csrfTokenFor } from '../csrf.ts'
import { access, endpoint } from '../endpoint.ts'
import { parseBody } from '../validate.ts'
import { logIn } from './session.routes.ts'

/** The invite page's two calls: what the link is for, and accepting it (with a new account, or the signed-in one). */
export function invitesEndpoints(ctx: AppContext) {
  return [
    endpoint('get', '/invites/:token', access.public, async (req, res) => {
      res.json(await previewInvite(ctx.db.pool, String(req.params.token)))
    }),
    endpoint('post', '/invites/:token/accept', access.public, async (req, res, { actor }) => {
      const input = actor ? undefined : parseBody(AcceptInviteInput, req)
      const accepted = await acceptInvite(ctx, String(req.params.token), actor, input)
      if (!actor) await logIn(req, accepted.user)
      res.json({ ...accepted, csrfToken: csrfTokenFor(req) })
    }),
  ]
}
