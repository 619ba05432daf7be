import { describe, expect, it } from 'vitest'
import type { Thread } from '../api/types.ts'
import { defaultFilters, facetCounts, filterThreads, isFiltered, matches } from './filters.ts'

function thread(
  id: string,
  overrides: Partial<Thread> & { country?: string; authorId?: string } = {},
): Thread {
  const { country = 'BW', authorId = `u-${country}`, ...rest } = overrides
  return {
    id,
    documentId: 'd',
    anchor: {
      state: 'anchored',
      from: 1,
      to: 5,
      quote: `quote ${id}`,
      currentText: '',
      start: 'AA==',
      end: 'AA==',
      reanchored: false,
    },
    type: 'general',
    status: 'open',
    resolution: null,
    resolutionNote: null,
    proposedText: null,
    assigneeId: null,
    author: { id: authorId, name: `Person ${country}`, country, organization: 'Org' },
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
    resolvedAt: null,
    resolvedBy: null,
    section: ['4. Benchmarking'],
    comments: [],
    supporters: [],
    ...rest,
  }
}

const threads = [
  thread('1', { type: 'technical' }),
  thread('2', { type: 'editorial', country: 'ID' }),
  thread('3', { status: 'resolved', country: 'ID', section: ['5. Dimensions'] }),
  thread('4', {
    type: 'technical',
    country: 'NG',
    comments: [
      {
        id: 'c',
        author: null,
        body: 'La société civile',
        createdAt: '2025-01-01T00:00:00Z',
        editedAt: null,
        deleted: false,
      },
    ],
  }),
]

describe('thread filters', () => {
  it('shows open threads by default', () => {
    expect(filterThreads(threads, defaultFilters).map((t) => t.id)).toEqual(['1', '2', '4'])
    expect(filterThreads(threads, { ...defaultFilters, status: 'all' })).toHaveLength(4)
    expect(filterThreads(threads, { ...defaultFilters, status: 'resolved' }).map((t) => t.id)).toEqual(['3'])
  })

  it('combines facets and free text (accents and case ignored)', () => {
    expect(
      filterThreads(threads, { ...defaultFilters, type: 'technical', country: 'NG' }).map((t) => t.id),
    ).toEqual(['4'])
    expect(filterThreads(threads, { ...defaultFilters, q: 'SOCIETE civile' }).map((t) => t.id)).toEqual(['4'])
    expect(filterThreads(threads, { ...defaultFilters, q: 'quote 2' }).map((t) => t.id)).toEqual(['2'])
    expect(
      filterThreads(threads, { ...defaultFilters, status: 'all', section: '5. Dimensions' }),
    ).toHaveLength(1)
  })

  it('skips the text of deleted comments', () => {
    const gone = thread('5', {
      comments: [{ id: 'x', author: null, body: 'secret', createdAt: '', editedAt: null, deleted: true }],
    })
    expect(matches(gone, { ...defaultFilters, q: 'secret' })).toBe(false)
  })

  it('counts each facet under the other filters', () => {
    const counts = facetCounts(threads, { ...defaultFilters, type: 'technical' })
    // Status counts ignore the status filter but keep the type filter.
    expect(Object.fromEntries(counts.status)).toEqual({ open: 2, all: 2 })
    // Type counts ignore the type filter but keep the status filter (open).
    expect(Object.fromEntries(counts.type)).toEqual({ technical: 2, editorial: 1 })
    expect(Object.fromEntries(counts.country)).toEqual({ BW: 1, NG: 1 })
    expect(Object.fromEntries(counts.section)).toEqual({ '4. Benchmarking': 2 })
  })

  it('counts everything when nothing is filtered', () => {
    const counts = facetCounts(threads, { ...defaultFilters, status: 'all' })
    expect(Object.fromEntries(counts.status)).toEqual({ open: 3, resolved: 1, all: 4 })
    expect(Object.fromEntries(counts.country)).toEqual({ BW: 1, ID: 2, NG: 1 })
    expect(Object.fromEntries(counts.author)).toEqual({ 'u-BW': 1, 'u-ID': 2, 'u-NG': 1 })
  })

  it('tells whether anything beyond the status is narrowed', () => {
    expect(isFiltered(defaultFilters)).toBe(false)
    expect(isFiltered({ ...defaultFilters, status: 'all' })).toBe(false)
    expect(isFiltered({ ...defaultFilters, q: ' x ' })).toBe(true)
  })
})
