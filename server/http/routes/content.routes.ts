import { z } from 'zod'
import type { AppContext } from '../../context.ts'
import { contentFormats, readContent } from '../../services/content.service.ts'
import { access, endpoint } from '../endpoint.ts'
import { parseQuery } from '../validate.ts'

const ContentQuery = z.object({
  format: z.enum(contentFormats, { message: `One of ${contentFormats.join(', ')}` }).default('json'),
})

/** `GET /api/documents/:id/content?format=json|markdown|html|text`: the current (live) text. */
export function contentEndpoints(ctx: AppContext) {
  return [
    endpoint(
      'get',
      '/documents/:documentId/content',
      access.document('read'),
      async (req, res, { member }) => {
        const { format } = parseQuery(ContentQuery, req)
        const content = await readContent(ctx, member, format)
        res.type(content.contentType)
        if (typeof content.body === 'string') res.send(content.body)
        else res.json(content.body)
      },
    ),
  ]
}
