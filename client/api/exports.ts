import type {
  DispositionFiltersDto,
  DispositionRowDto,
  DispositionTableDto,
} from '../../shared/api/disposition.ts'
import { request } from './http.ts'
import { queryString, segment } from './query.ts'

/** A format the draft exports to. */
export type DraftFormat = 'docx' | 'md' | 'html' | 'pdf'

/** The draft's formats, in the order the export dialog offers them. */
export const draftFormats: readonly DraftFormat[] = ['docx', 'md', 'html', 'pdf']

/** Which comments go with an exported draft: none (a clean draft), open ones, or all. */
export type CommentMode = 'none' | 'open' | 'all'

/** The comment choices, in the order the dialog offers them. */
export const commentModes: readonly CommentMode[] = ['none', 'open', 'all']

/** A format of the disposition of comments. */
export type DispositionFormat = 'xlsx' | 'csv' | 'docx'

/** The disposition's file formats, in the order the page offers them. */
export const dispositionFormats: readonly DispositionFormat[] = ['xlsx', 'csv', 'docx']

/** One row of the disposition of comments, every value as text. */
export type DispositionRow = DispositionRowDto

/** Filters of the disposition; unset ones do not narrow. */
export type DispositionFilters = DispositionFiltersDto

/** What to export: a format, the comments (`none` unless the caller may export with comments), the source. */
export interface ExportChoice {
  format: DraftFormat
  comments: CommentMode
  /** A version's id, or null for the current text. */
  version: string | null
}

/** The address of a draft export; `version` is sent only for a named version, `comments` only when not none. */
export function exportPath(documentId: string, choice: ExportChoice): string {
  const search = queryString({
    format: choice.format,
    comments: choice.comments === 'none' ? null : choice.comments,
    version: choice.version,
  })
  return `/api/documents/${segment(documentId)}/export${search}`
}

/** The address of the disposition in a format, with the filters that are set. */
export function dispositionPath(
  documentId: string,
  format: DispositionFormat | 'json',
  filters: DispositionFilters,
): string {
  const search = queryString({
    format,
    country: filters.country,
    status: filters.status,
    type: filters.type,
    section: filters.section,
  })
  return `/api/documents/${segment(documentId)}/disposition${search}`
}

/** The disposition's rows, in document order and numbered within the filtered result. */
export async function getDisposition(
  documentId: string,
  filters: DispositionFilters,
  signal?: AbortSignal,
): Promise<DispositionRow[]> {
  const table = await request<DispositionTableDto>(dispositionPath(documentId, 'json', filters), { signal })
  return table.items
}
