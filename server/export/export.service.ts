import type { ThreadStatus, ThreadType } from '../../shared/api/threads.ts'
import type { UserDto } from '../../shared/api/users.ts'
import { can } from '../../shared/roles.ts'
import type { AppContext } from '../context.ts'
import { ForbiddenError } from '../errors.ts'
import type { Membership } from '../policies/access.ts'
import { currentDocument } from '../services/content.service.ts'
import { dispositionRows } from './disposition.ts'
import { dispositionCsv } from './disposition-csv.ts'
import { dispositionPlan } from './disposition-docx.ts'
import { planDraft } from './docx-draft.ts'
import { dispositionXlsx, packDocx } from './export-worker.ts'
import { exportFilename } from './filename.ts'
import { exportHtml } from './html.ts'
import { exportMarkdown } from './markdown.ts'
import { renderPdf } from './pdf.ts'
import { placeThreads } from './placement.ts'
import { type ExportSnapshot, exportSnapshot } from './snapshot.ts'
import { versionSnapshot } from './version-snapshot.ts'

/** The formats the draft exports to. */
export const draftFormats = ['docx', 'md', 'html', 'pdf'] as const
/** A draft export format. */
export type DraftFormat = (typeof draftFormats)[number]

/** Which comments go with the draft. */
export const commentModes = ['none', 'open', 'all'] as const
/** A choice of comments. */
export type CommentMode = (typeof commentModes)[number]

/** The formats of the disposition of comments. */
export const dispositionFormats = ['xlsx', 'csv', 'docx'] as const
/** A disposition format. */
export type DispositionFormat = (typeof dispositionFormats)[number]

/** A file to download. */
export interface ExportFile {
  filename: string
  contentType: string
  body: Buffer
}

const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

const toBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

/**
 * The text to export and its threads: the live text, or a named version's text with the threads as that
 * version recorded them; no threads for a clean draft.
 */
async function draftSnapshot(
  ctx: AppContext,
  member: Membership,
  input: { comments: CommentMode; version?: string | undefined },
): Promise<ExportSnapshot & { versionName?: string }> {
  if (input.version) return versionSnapshot(ctx, member, input.version, input.comments)
  if (input.comments === 'none') return { doc: await currentDocument(ctx, member.document_id), threads: [] }
  return exportSnapshot(ctx, member, input.comments === 'open' ? { status: 'open' } : {})
}

/**
 * The live draft (or, with `version`, a named version of it) as a file. Without comments any reader may
 * export it; with comments (`open` or `all`) only members who may `export_with_comments` (editors and
 * owners), else 403. Word gets real comments anchored on their text; Markdown, HTML and PDF get numbered notes.
 */
export async function exportDraft(
  ctx: AppContext,
  actor: UserDto,
  member: Membership,
  input: { format: DraftFormat; comments: CommentMode; version?: string | undefined },
): Promise<ExportFile> {
  if (input.comments !== 'none' && !can(member.role, 'export_with_comments')) {
    throw new ForbiddenError(
      `Your role (${member.role}) may export the draft without comments only: ask for comments=none.`,
    )
  }
  const started = performance.now()
  const { doc, threads, versionName } = await draftSnapshot(ctx, member, input)
  const placed = placeThreads(doc, threads)
  const commentsLabel =
    input.comments === 'none' ? '' : input.comments === 'open' ? 'open comments' : 'comments'
  const suffix = [versionName, commentsLabel].filter(Boolean).join(', ')
  const filename = (extension: string) => exportFilename(member.title, suffix, extension)
  // The title a reader sees (Word's document properties, the page's <title>) names the version too.
  const title = versionName ? `${member.title} — ${versionName}` : member.title
  let file: ExportFile
  switch (input.format) {
    case 'docx':
      file = {
        filename: filename('docx'),
        contentType: docxType,
        body: toBuffer(await packDocx(planDraft(doc, title, placed))),
      }
      break
    case 'md':
      file = {
        filename: filename('md'),
        contentType: 'text/markdown; charset=utf-8',
        body: Buffer.from(await exportMarkdown(doc, placed), 'utf8'),
      }
      break
    case 'html':
      file = {
        filename: filename('html'),
        contentType: 'text/html; charset=utf-8',
        body: Buffer.from(exportHtml(doc, { title, placed, purpose: 'download' }), 'utf8'),
      }
      break
    case 'pdf':
      file = {
        filename: filename('pdf'),
        contentType: 'application/pdf',
        body: toBuffer(await renderPdf(exportHtml(doc, { title, placed, purpose: 'print' }))),
      }
      break
  }
  ctx.log.info(
    {
      documentId: member.document_id,
      actorId: actor.id,
      format: input.format,
      comments: input.comments,
      version: input.version,
      threads: threads.length,
      bytes: file.body.length,
      ms: Math.round(performance.now() - started),
    },
    'export.draft.done',
  )
  return file
}

/** Filters of the disposition table; each narrows the rows. */
export interface DispositionFilters {
  country?: string | undefined
  status?: ThreadStatus | undefined
  type?: ThreadType | undefined
  section?: string | undefined
}

/** Words for the filters in use, for the title block of the Word table. */
function filtersLabel(filters: DispositionFilters): string {
  return Object.entries(filters)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([name, value]) => `${name}: ${value}`)
    .join(', ')
}

/**
 * The disposition of comments (every thread with its decision, in document order) as a spreadsheet, CSV or a
 * Word table. The endpoint asks for `export_with_comments`.
 */
export async function exportDisposition(
  ctx: AppContext,
  actor: UserDto,
  member: Membership,
  input: DispositionFilters & { format: DispositionFormat },
): Promise<ExportFile> {
  const started = performance.now()
  const { format, ...filters } = input
  const { threads } = await exportSnapshot(ctx, member, filters)
  const rows = dispositionRows(threads)
  const filename = (extension: string) => exportFilename(member.title, 'disposition of comments', extension)
  let file: ExportFile
  switch (format) {
    case 'csv':
      file = { filename: filename('csv'), contentType: 'text/csv; charset=utf-8', body: dispositionCsv(rows) }
      break
    case 'xlsx':
      file = {
        filename: filename('xlsx'),
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        body: toBuffer(await dispositionXlsx(rows, member.title)),
      }
      break
    case 'docx':
      file = {
        filename: filename('docx'),
        contentType: docxType,
        body: toBuffer(await packDocx(dispositionPlan(rows, member.title, filtersLabel(filters)))),
      }
      break
  }
  ctx.log.info(
    {
      documentId: member.document_id,
      actorId: actor.id,
      format,
      rows: rows.length,
      bytes: file.body.length,
      ms: Math.round(performance.now() - started),
    },
    'export.disposition.done',
  )
  return file
}
