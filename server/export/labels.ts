import type { CommentDto, ParticipantDto, Resolution, ThreadDto } from '../../shared/api/threads.ts'

/**
 * Words every export uses for the same facts, so the Word comments, the HTML notes and the disposition
 * table say them alike: who wrote, what was decided, which section.
 */

/** "Name (Country, Organization)", leaving out what the account does not say; "Unknown" for a deleted account. */
export function authorLabel(author: ParticipantDto | null): string {
  if (!author) return 'Unknown'
  const about = [author.country, author.organization].filter((part): part is string => Boolean(part))
  return about.length > 0 ? `${author.name} (${about.join(', ')})` : author.name
}

/** Up to three initials of a name ("Kagiso Mothibi" → "KM"), for Word's comment balloons. */
export function initialsOf(name: string): string {
  const letters = name
    .split(/[\s\-.]+/u)
    .filter((word) => word.length > 0)
    .map((word) => Array.from(word)[0]!.toUpperCase())
  return letters.slice(0, 3).join('') || '?'
}

const resolutionWords: Record<Resolution, string> = {
  accepted: 'accepted',
  partially_accepted: 'partially accepted',
  rejected: 'rejected',
  noted: 'noted',
}

/** A decision in words: `partially_accepted` → "partially accepted". */
export function resolutionLabel(resolution: Resolution | null): string {
  return resolution ? resolutionWords[resolution] : ''
}

/** "Decision: accepted — note" for a resolved thread, or null for an open one. */
export function decisionText(thread: ThreadDto): string | null {
  if (thread.status !== 'resolved') return null
  const decision = `Decision: ${resolutionLabel(thread.resolution) || 'resolved'}`
  const note = thread.resolutionNote?.trim()
  return note ? `${decision} — ${note}` : decision
}

/** A comment's text, or a plain statement that it was deleted. */
export function commentBody(comment: CommentDto): string {
  return comment.deleted ? '(comment deleted)' : comment.body
}

/** The section path as one line: "4. Benchmarking tools › 4.3 Indicators and metrics". */
export function sectionLabel(section: readonly string[]): string {
  return section.join(' › ')
}

/** An ISO timestamp as its UTC calendar date, `2026-01-02`. */
export function dateOnly(iso: string | null): string {
  return iso ? iso.slice(0, 10) : ''
}

/** True for a code point XML 1.0 allows in text (tab, newline, and everything from space up but surrogates and U+FFFE/U+FFFF). */
function allowedInXml(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  )
}

/**
 * Text made safe for XML 1.0 (Word, LibreOffice and exceljs write XML): carriage returns become newlines, and
 * C0 controls other than tab and newline, lone surrogates and the non-characters U+FFFE/U+FFFF are dropped.
 */
export function xmlSafe(text: string): string {
  let out = ''
  // for…of walks code points: a surrogate pair arrives whole, a lone surrogate alone (and is dropped).
  for (const ch of text.replace(/\r\n?/g, '\n')) if (allowedInXml(ch.codePointAt(0)!)) out += ch
  return out
}
