import type { AppContext } from '../../context.ts'
import { readUpload } from '../../import/upload.ts'
import { importDocument } from '../../services/import.service.ts'
import { access, endpoint } from '../endpoint.ts'

/** `POST /api/documents/:id/import` (multipart `file`: .docx, .md, .html). */
export function importEndpoints(ctx: AppContext) {
  return [
    endpoint(
      'post',
      '/documents/:documentId/import',
      access.document('import'),
      async (req, res, { actor, member }) => {
        const file = await readUpload(req)
        res.json(await importDocument(ctx, actor, member, file))
      },
    ),
  ]
}
