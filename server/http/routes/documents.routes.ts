import { Router } from 'express'
import { z } from 'zod'
import type { AppContext } from '../../context.ts'
import { getMyDocument, listMyDocuments } from '../../services/documents.service.ts'
import { actorOf, requireUser } from '../require-user.ts'
import { parseQuery } from '../validate.ts'

const ListQuery = z.object({
  limit: z.coerce.number().int().min(1, 'at least 1').max(100, 'at most 100').default(50),
  cursor: z.string().max(500).optional(),
})

/** `GET /api/documents` (mine) and `GET /api/documents/:id`. */
export function documentsRoutes(ctx: AppContext): Router {
  const router = Router()
  router.get('/documents', requireUser, async (req, res) => {
    const query = parseQuery(ListQuery, req)
    res.json(await listMyDocuments(ctx.db.pool, actorOf(req), query))
  })
  router.get('/documents/:documentId', requireUser, async (req, res) => {
    res.json(await getMyDocument(ctx.db.pool, actorOf(req), req.params.documentId as string))
  })
  return router
}
