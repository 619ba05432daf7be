import type { ThreadDto } from '../../shared/api/threads.ts'
import { authorLabel, commentBody, dateOnly, resolutionLabel, sectionLabel } from './labels.ts'
import { inDocumentOrder } from './placement.ts'

/**
 * The disposition of comments: one row per thread in document order (anchored threads by where their text
 * starts, then orphaned ones, then general ones), in the columns an editor answers experts with.
 */

/** The columns, in order, with their headers and their widths (characters, for the spreadsheet). */
export const dispositionColumns = [
  { key: 'number', header: 'No.', width: 6 },
  { key: 'country', header: 'Country', width: 9 },
  { key: 'expert', header: 'Expert', width: 20 },
  { key: 'organization', header: 'Organization', width: 24 },
  { key: 'section', header: 'Section', width: 26 },
  { key: 'type', header: 'Type', width: 11 },
  { key: 'quote', header: 'Quoted text', width: 36 },
  { key: 'comments', header: 'Comment and replies', width: 60 },
  { key: 'proposedText', header: 'Proposed change', width: 40 },
  { key: 'status', header: 'Status', width: 10 },
  { key: 'decision', header: 'Decision', width: 18 },
  { key: 'note', header: 'Note', width: 40 },
  { key: 'resolvedBy', header: 'Resolved by', width: 20 },
  { key: 'date', header: 'Date', width: 12 },
] as const

/** A column's key. */
export type DispositionKey = (typeof dispositionColumns)[number]['key']

/** One row: a value per column, as text (the number too, so every format writes the same). */
export type DispositionRow = Record<DispositionKey, string>

/** The comment and its replies, one per paragraph, each as "Name: text". */
function conversation(thread: ThreadDto): string {
  return thread.comments
    .map((comment) => `${comment.author?.name ?? 'Unknown'}: ${commentBody(comment)}`)
    .join('\n\n')
}

/** The text a thread was opened on; empty for a general comment. */
function quotedText(thread: ThreadDto): string {
  return thread.anchor.state === 'document' ? '' : thread.anchor.quote
}

/**
 * The disposition rows of `threads`, numbered from 1 in document order. `date` is the date of the decision
 * (with `resolvedBy`, who took it); both are empty while a thread is open.
 */
export function dispositionRows(threads: readonly ThreadDto[]): DispositionRow[] {
  return inDocumentOrder(threads).map((thread, i) => ({
    number: String(i + 1),
    country: thread.author?.country ?? '',
    expert: thread.author?.name ?? 'Unknown',
    organization: thread.author?.organization ?? '',
    section: sectionLabel(thread.section),
    type: thread.type,
    quote: quotedText(thread),
    comments: conversation(thread),
    proposedText: thread.proposedText ?? '',
    status: thread.status,
    decision: resolutionLabel(thread.resolution),
    note: thread.resolutionNote ?? '',
    resolvedBy: thread.resolvedBy?.name ?? '',
    date: thread.status === 'resolved' ? dateOnly(thread.resolvedAt) : '',
  }))
}

/** "Name (Country, Organization)" of a row, for formats that put the expert in one column. */
export function rowExpertLabel(row: DispositionRow): string {
  return authorLabel({
    id: '',
    name: row.expert,
    country: row.country || null,
    organization: row.organization || null,
  })
}
