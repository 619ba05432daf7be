import type { Response } from 'express'
import { z } from 'zod'
import { threadStatuses, threadTypes } from '../../../shared/api/threads.ts'
import { CountryCode } from '../../../shared/api/users.ts'
import type { AppContext } from '../../context.ts'
import { dispositionTable } from '../../export/disposition-table.ts'
import {
  commentModes,
  dispositionFormats,
  draftFormats,
  type ExportFile,
  exportDisposition,
  exportDraft,
} from '../../export/export.service.ts'
import { attachmentHeader } from '../../export/filename.ts'
import { access, endpoint } from '../endpoint.ts'
import { parseQuery } from '../validate.ts'

const ExportQuery = z.object({
  format: z.enum(draftFormats, { message: `One of ${draftFormats.join(', ')}` }),
  comments: z.enum(commentModes, { message: `One of ${commentModes.join(', ')}` }).default('none'),
  version: z.uuid('A version id (from GET /api/documents/:id/versions)').optional(),
})

/** The disposition as a file, or as JSON rows for the disposition page. */
const dispositionAnswers = [...dispositionFormats, 'json'] as const

const DispositionQuery = z.object({
  format: z.enum(dispositionAnswers, { message: `One of ${dispositionAnswers.join(', ')}` }),
  country: CountryCode.optional(),
  status: z.enum(threadStatuses, { message: `One of ${threadStatuses.join(', ')}` }).optional(),
  type: z.enum(threadTypes, { message: `One of ${threadTypes.join(', ')}` }).optional(),
  section: z.string().max(300, 'At most 300 characters').optional(),
})

function download(res: Response, file: ExportFile): void {
  res.set('Content-Type', file.contentType)
  res.set('Content-Disposition', attachmentHeader(file.filename))
  res.send(file.body)
}

/** Exports (API.md "Versions and exports"): the draft as a file, and the disposition of comments. */
export function exportEndpoints(ctx: AppContext) {
  return [
    endpoint('get', '/documents/:documentId/export', access.document('read'), async (req, res, scope) => {
      download(res, await exportDraft(ctx, scope.actor, scope.member, parseQuery(ExportQuery, req)))
    }),
    endpoint(
      'get',
      '/documents/:documentId/disposition',
      access.document('export_with_comments'),
      async (req, res, scope) => {
        const { format, ...filters } = parseQuery(DispositionQuery, req)
        if (format === 'json') res.json(await dispositionTable(ctx, scope.actor, scope.member, filters))
        else download(res, await exportDisposition(ctx, scope.actor, scope.member, { ...filters, format }))
      },
    ),
  ]
}
