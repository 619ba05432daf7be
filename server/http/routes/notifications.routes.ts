import { z } from 'zod'
import type { AppContext } from '../../context.ts'
import { myNotifications, readNotifications } from '../../services/notifications.service.ts'
import { access, endpoint } from '../endpoint.ts'
import { ListQuery } from '../list-query.ts'
import { parseBody, parseQuery } from '../validate.ts'

const NotificationsQuery = ListQuery.extend({
  unread: z
    .enum(['true', 'false'], { message: 'true or false' })
    .default('false')
    .transform((v) => v === 'true'),
})

const ReadInput = z.object({ ids: z.array(z.uuid('A notification id')).max(500).optional() }).strict()

/** The inbox: my notifications, and marking them read. */
export function notificationsEndpoints(ctx: AppContext) {
  return [
    endpoint('get', '/notifications', access.user, async (req, res, { actor }) => {
      res.json(await myNotifications(ctx.db.pool, actor, parseQuery(NotificationsQuery, req)))
    }),
    endpoint('post', '/notifications/read', access.user, async (req, res, { actor }) => {
      await readNotifications(ctx.db.pool, actor, parseBody(ReadInput, req).ids)
      res.status(204).end()
    }),
  ]
}
