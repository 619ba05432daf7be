/**
 * The disposition of comments as JSON (`GET /api/documents/:id/disposition?format=json`): the same rows the
 * .xlsx, .csv and .docx files are written from, so a page shows exactly what a download holds.
 */

/** The columns of the disposition table, in order (API.md "Versions and exports"). */
export const dispositionKeys = [
  'number',
  'country',
  'expert',
  'organization',
  'section',
  'type',
  'quote',
  'comments',
  'proposedText',
  'status',
  'decision',
  'note',
  'resolvedBy',
  'date',
] as const

/** A column of the disposition table. */
export type DispositionKey = (typeof dispositionKeys)[number]

/**
 * One row, every value as text: `number` counts from 1 within the filtered result, `section` is the heading
 * path joined with " › ", `comments` is "Name: text" per comment separated by a blank line, `date` is the
 * decision's UTC date (empty while open).
 */
export type DispositionRowDto = Record<DispositionKey, string>

/** The answer to `format=json`: every matching row, in document order (never paged: `nextCursor` is null). */
export interface DispositionTableDto {
  items: DispositionRowDto[]
  nextCursor: null
}

/** The filters the disposition takes; each one narrows the rows. */
export interface DispositionFiltersDto {
  /** ISO 3166-1 alpha-2 code of the thread author's country. */
  country?: string
  status?: 'open' | 'resolved'
  type?: 'general' | 'technical' | 'editorial'
  /** A heading anywhere in the thread's section path. */
  section?: string
}
