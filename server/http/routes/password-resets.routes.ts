import { CompletePasswordResetInput, RequestPasswordResetInput } from '../../../shared/api/users.ts'
import type { AppContext } from '../../context.ts'
import {
  checkPasswordReset,
  completePasswordReset,
  requestPasswordReset,
} from '../../services/password-resets.service.ts'
import { access, endpoint } from '../endpoint.ts'
import { parseBody } from '../validate.ts'

/** "Forgot my password": ask for a link, check it, set the new password. */
export function passwordResetEndpoints(ctx: AppContext) {
  return [
    endpoint('post', '/password-resets', access.public, async (req, res) => {
      await requestPasswordReset(ctx, parseBody(RequestPasswordResetInput, req).email)
      res
        .status(202)
        .json({ message: 'If an account has this email, a link to set a new password is on its way.' })
    }),
    endpoint('get', '/password-resets/:token', access.public, async (req, res) => {
      res.json(await checkPasswordReset(ctx.db.pool, String(req.params.token)))
    }),
    endpoint('post', '/password-resets/:token', access.public, async (req, res) => {
      await completePasswordReset(
        ctx,
        String(req.params.token),
        parseBody(CompletePasswordResetInput, req).password,
      )
      res.status(204).end()
    }),
  ]
}
