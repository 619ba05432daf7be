import type { UserDto } from '../../shared/api/users.ts'
import type { AppContext } from '../context.ts'
import { insertAudit } from '../db/audit.repo.ts'
import { listThreadRows } from '../db/threads.repo.ts'
import { parseUpload } from '../import/parse.ts'
import type { UploadedFile } from '../import/upload.ts'
import type { Membership } from '../policies/access.ts'
import { replaceContent } from './content.service.ts'
import { toThreadDtos } from './threads/thread-dtos.ts'
import { takeVersion } from './versions.service.ts'

/** What an import did. */
export interface ImportResult {
  versionBefore: string
  threads: { anchored: number; orphaned: number; general: number }
}

/**
 * Replaces a document's text with an uploaded .docx, .md or .html file. The file is parsed into the schema
 * first (nothing outside it survives, nothing is executed); a version of the text before is kept; the new
 * text is written as a difference, so unchanged paragraphs keep their threads, and the others re-anchor by
 * their quote or become orphaned.
 */
export async function importDocument(
  ctx: AppContext,
  actor: UserDto,
  member: Membership,
  file: UploadedFile,
): Promise<ImportResult> {
  const started = Date.now()
  const doc = await parseUpload(file)
  const version = await takeVersion(
    ctx,
    actor.id,
    member.document_id,
    `Before importing ${file.filename}`,
    'import',
  )
  await replaceContent(ctx, member.document_id, doc)
  await insertAudit(ctx.db.pool, {
    documentId: member.document_id,
    actorId: actor.id,
    action: 'document.imported',
    details: { filename: file.filename, bytes: file.data.length },
  })
  const rows = await listThreadRows(ctx.db.pool, member.document_id, {}, 100_000)
  const threads = await toThreadDtos(ctx, ctx.db.pool, member.document_id, rows)
  ctx.log.info(
    { documentId: member.document_id, bytes: file.data.length, ms: Date.now() - started },
    'document.imported',
  )
  return {
    versionBefore: version.id,
    threads: {
      anchored: threads.filter((t) => t.anchor.state === 'anchored').length,
      orphaned: threads.filter((t) => t.anchor.state === 'orphaned').length,
      general: threads.filter((t) => t.anchor.state === 'document').length,
    },
  }
}
