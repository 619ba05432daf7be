import type { CommentDto, ParticipantDto, ThreadDto } from '../../shared/api/threads.ts'

/** People for export tests. */
export const people = {
  kagiso: { id: 'u-kagiso', name: 'Kagiso Mothibi', country: 'BW', organization: 'BOU' },
  siti: { id: 'u-siti', name: 'Siti Rahayu', country: 'ID', organization: 'Universitas Terbuka' },
  li: { id: 'u-li', name: 'Li Wei', country: 'CN', organization: 'OUC' },
} satisfies Record<string, ParticipantDto>

let counter = 0

/** A comment by `author` at `minute` past 10:00 on 2 January 2026. */
export function commentBy(author: ParticipantDto, body: string, minute = 0): CommentDto {
  counter++
  return {
    id: `c-${counter}`,
    author,
    body,
    createdAt: `2026-01-02T10:${String(minute).padStart(2, '0')}:00.000Z`,
    editedAt: null,
    deleted: false,
  }
}

/**
 * A thread for export tests: anchored on `from`..`to` (or orphaned, or general, by `state`), by Kagiso, with
 * one comment; `overrides` sets anything else.
 */
export function threadAt(
  range:
    | { from: number; to: number; quote?: string }
    | { state: 'orphaned'; quote: string }
    | { state: 'document' },
  overrides: Partial<ThreadDto> = {},
): ThreadDto {
  counter++
  const anchor =
    'from' in range
      ? {
          state: 'anchored' as const,
          from: range.from,
          to: range.to,
          quote: range.quote ?? '',
          currentText: range.quote ?? '',
        }
      : range.state === 'orphaned'
        ? { state: 'orphaned' as const, from: null, to: null, quote: range.quote, currentText: '' }
        : { state: 'document' as const, from: null, to: null, quote: '', currentText: '' }
  return {
    id: `t-${counter}`,
    documentId: 'd-1',
    anchor: { ...anchor, start: null, end: null, reanchored: false },
    type: 'technical',
    status: 'open',
    resolution: null,
    resolutionNote: null,
    proposedText: null,
    assigneeId: null,
    author: people.kagiso,
    createdAt: '2026-01-02T10:00:00.000Z',
    updatedAt: '2026-01-02T10:00:00.000Z',
    resolvedAt: null,
    resolvedBy: null,
    section: [],
    comments: [commentBy(people.kagiso, `Comment ${counter}`)],
    supporters: [],
    ...overrides,
  }
}
