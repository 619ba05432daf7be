import { z } from 'zod'
import { CreateVersionInput } from '../../../shared/api/versions.ts'
import type { AppContext } from '../../context.ts'
import { contentFormats } from '../../services/content.service.ts'
import {
  compareVersions,
  restoreVersion,
  takeVersion,
  versionContent,
  versionsOf,
} from '../../services/versions.service.ts'
import { access, endpoint } from '../endpoint.ts'
import { parseBody, parseQuery } from '../validate.ts'

const FormatQuery = z.object({
  format: z.enum(contentFormats, { message: `One of ${contentFormats.join(', ')}` }).default('json'),
})
const VersionRef = z.union([z.literal('current'), z.uuid()], { message: 'A version id, or current' })
const CompareQuery = z.object({ from: VersionRef, to: VersionRef.default('current') })

/** Named versions: keep, list, read, compare, restore. */
export function versionsEndpoints(ctx: AppContext) {
  return [
    endpoint(
      'get',
      '/documents/:documentId/versions',
      access.document('read'),
      async (_req, res, { member }) => {
        res.json({ items: await versionsOf(ctx, member), nextCursor: null })
      },
    ),
    endpoint(
      'post',
      '/documents/:documentId/versions',
      access.document('manage_versions'),
      async (req, res, { actor, member }) => {
        const { name } = parseBody(CreateVersionInput, req)
        res.status(201).json(await takeVersion(ctx, actor.id, member.document_id, name, 'manual'))
      },
    ),
    endpoint(
      'get',
      '/documents/:documentId/versions/:versionId/content',
      access.document('read'),
      async (req, res, { member }) => {
        const { format } = parseQuery(FormatQuery, req)
        const content = await versionContent(ctx, member, String(req.params.versionId), format)
        res.type(content.contentType)
        if (typeof content.body === 'string') res.send(content.body)
        else res.json(content.body)
      },
    ),
    endpoint(
      'get',
      '/documents/:documentId/compare',
      access.document('read'),
      async (req, res, { member }) => {
        const { from, to } = parseQuery(CompareQuery, req)
        res.json(await compareVersions(ctx, member, from, to))
      },
    ),
    endpoint(
      'post',
      '/documents/:documentId/versions/:versionId/restore',
      access.document('manage_versions'),
      async (req, res, { actor, member }) => {
        res.json(await restoreVersion(ctx, actor, member, String(req.params.versionId)))
      },
    ),
  ]
}
