import { z } from 'zod'
import { AdminCreateUserInput, AdminUpdateUserInput } from '../../../shared/api/users.ts'
import { percentilesBetween } from '../../collab/latency-histogram.ts'
import type { AppContext } from '../../context.ts'
import {
  createUserAsAdmin,
  listDocumentsForAdmin,
  listUsers,
  updateUserAsAdmin,
} from '../../services/admin.service.ts'
import { access, endpoint } from '../endpoint.ts'
import { ListQuery } from '../list-query.ts'
import { parseBody, parseQuery } from '../validate.ts'

const UsersQuery = ListQuery.extend({ q: z.string().max(200, 'at most 200 characters').default('') })

/** The admin page's calls: accounts, the documents overview, and this process's collaboration figures. Instance admins only. */
export function adminEndpoints(ctx: AppContext) {
  const db = ctx.db.pool
  return [
    endpoint('get', '/admin/users', access.admin, async (req, res) => {
      res.json(await listUsers(db, parseQuery(UsersQuery, req)))
    }),
    endpoint('post', '/admin/users', access.admin, async (req, res, { actor }) => {
      res.status(201).json(await createUserAsAdmin(ctx, actor, parseBody(AdminCreateUserInput, req)))
    }),
    endpoint('patch', '/admin/users/:userId', access.admin, async (req, res, { actor }) => {
      res.json(
        await updateUserAsAdmin(ctx, actor, String(req.params.userId), parseBody(AdminUpdateUserInput, req)),
      )
    }),
    endpoint('get', '/admin/documents', access.admin, async (req, res) => {
      res.json(await listDocumentsForAdmin(db, parseQuery(ListQuery, req)))
    }),
    // This process's live documents and sockets, and percentiles of the time from an update's arrival to its
    // commit (what a writer waits for `saved`); the buckets let a caller diff two readings for a window.
    endpoint('get', '/admin/collab', access.admin, async (_req, res) => {
      const { documents, connections, durable } = ctx.live.stats()
      res.json({ documents, connections, durableMs: { ...percentilesBetween(durable), ...durable } })
    }),
  ]
}
