import { UpdateProfileInput } from '../../../shared/api/users.ts'
import type { AppContext } from '../../context.ts'
import { updateMyProfile } from '../../services/users.service.ts'
import { access, endpoint } from '../endpoint.ts'
import { parseBody } from '../validate.ts'

/** `GET/PATCH /api/users/me`: the signed-in user's own profile. */
export function usersEndpoints(ctx: AppContext) {
  return [
    endpoint('get', '/users/me', access.user, async (_req, res, { actor }) => {
      res.json(actor)
    }),
    endpoint('patch', '/users/me', access.user, async (req, res, { actor }) => {
      res.json(await updateMyProfile(ctx.db.pool, actor, parseBody(UpdateProfileInput, req)))
    }),
  ]
}
