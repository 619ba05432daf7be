import { CreateDocumentInput, UpdateDocumentInput } from '../../../shared/api/documents.ts'
import type { AppContext } from '../../context.ts'
import {
  changeDocument,
  createDocument,
  getDocument,
  listMyDocuments,
  removeDocument,
} from '../../services/documents.service.ts'
import { access, endpoint } from '../endpoint.ts'
import { ListQuery } from '../list-query.ts'
import { parseBody, parseQuery } from '../validate.ts'

/** Documents: list mine, create, read, rename / change phase / deadline, delete. */
export function documentsEndpoints(ctx: AppContext) {
  const db = ctx.db.pool
  return [
    endpoint('get', '/documents', access.user, async (req, res, { actor }) => {
      res.json(await listMyDocuments(db, actor, parseQuery(ListQuery, req)))
    }),
    endpoint('post', '/documents', access.user, async (req, res, { actor }) => {
      res.status(201).json(await createDocument(ctx, actor, parseBody(CreateDocumentInput, req)))
    }),
    endpoint('get', '/documents/:documentId', access.document('read'), async (_req, res, { member }) => {
      res.json(await getDocument(db, member))
    }),
    endpoint(
      'patch',
      '/documents/:documentId',
      access.document('manage_phases'),
      async (req, res, { actor, member }) => {
        res.json(await changeDocument(ctx, actor, member, parseBody(UpdateDocumentInput, req)))
      },
    ),
    endpoint(
      'delete',
      '/documents/:documentId',
      access.document('delete'),
      async (_req, res, { actor, member }) => {
        await removeDocument(ctx, actor, member)
        res.status(204).end()
      },
    ),
  ]
}
