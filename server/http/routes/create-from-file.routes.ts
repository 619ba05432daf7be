import type { AppContext } from '../../context.ts'
import { readUpload } from '../../import/upload.ts'
import { createDocumentFromFile } from '../../services/create-from-file.service.ts'
import { assertMayCreateDocuments } from '../../services/documents.service.ts'
import { access, endpoint } from '../endpoint.ts'

/** `POST /api/documents/import` (multipart `file`: .docx, .md, .html; optional `title`): a new document from a file. */
export function createFromFileEndpoints(ctx: AppContext) {
  return [
    endpoint('post', '/documents/import', access.user, async (req, res, { actor }) => {
      // Refuse before reading the upload, draining what the browser still sends so the answer reaches it.
      try {
        assertMayCreateDocuments(actor)
      } catch (refusal) {
        req.resume()
        throw refusal
      }
      const file = await readUpload(req)
      res.status(201).json(await createDocumentFromFile(ctx, actor, file))
    }),
  ]
}
