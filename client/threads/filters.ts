import type { Thread, ThreadType } from '../api/types.ts'

/** What the sidebar shows: a status, and optionally one type, country, section, author and some words. */
export interface ThreadFilters {
  status: 'open' | 'resolved' | 'all'
  type: ThreadType | ''
  /** The author's country (ISO alpha-2). */
  country: string
  /** The top-level heading the thread sits under. */
  section: string
  /** The author's user id. */
  author: string
  /** Only threads assigned to this user id ("Assigned to me"); '' for any. */
  assignee: string
  /** Free text, matched against the quote, comments, proposed change, names and section. */
  q: string
}

/** The filters a fresh sidebar starts with: open threads, nothing else narrowed. */
export const defaultFilters: ThreadFilters = {
  status: 'open',
  type: '',
  country: '',
  section: '',
  author: '',
  assignee: '',
  q: '',
}

/** The filters that count their options. */
export type Facet = 'status' | 'type' | 'country' | 'section' | 'author'

/** Every facet, in the order the sidebar shows them. */
export const facets: readonly Facet[] = ['status', 'type', 'country', 'section', 'author']

/** A thread's value for a facet ('' when it has none: no country, no section). */
export function facetValue(thread: Thread, facet: Facet): string {
  switch (facet) {
    case 'status':
      return thread.status
    case 'type':
      return thread.type
    case 'country':
      return thread.author?.country ?? ''
    case 'section':
      return thread.section[0] ?? ''
    case 'author':
      return thread.author?.id ?? ''
  }
}

/** Lower case without diacritics, so "societe" finds "Société". */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase()
}

/** The text free-text search looks in. */
function searchable(thread: Thread): string {
  return normalize(
    [
      thread.anchor.quote,
      thread.proposedText ?? '',
      thread.author?.name ?? '',
      thread.author?.organization ?? '',
      thread.section.join(' '),
      ...thread.comments.flatMap((comment) =>
        comment.deleted ? [] : [comment.body, comment.author?.name ?? ''],
      ),
    ].join('\n'),
  )
}

/** Whether a thread passes the filters, ignoring `except` (to count that facet's options). */
export function matches(thread: Thread, filters: ThreadFilters, except?: Facet): boolean {
  if (except !== 'status' && filters.status !== 'all' && thread.status !== filters.status) return false
  for (const facet of facets) {
    if (facet === 'status' || facet === except) continue
    const wanted = filters[facet]
    if (wanted && facetValue(thread, facet) !== wanted) return false
  }
  if (filters.assignee && thread.assigneeId !== filters.assignee) return false
  const words = normalize(filters.q).split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const text = searchable(thread)
  return words.every((word) => text.includes(word))
}

/** The threads that pass every filter, in the order given. */
export function filterThreads<T extends Thread>(threads: readonly T[], filters: ThreadFilters): T[] {
  return threads.filter((thread) => matches(thread, filters))
}

/**
 * For each facet, how many threads each of its values would show, given every other filter (so the counts
 * say what choosing that option leads to). Status also counts `all`.
 */
export function facetCounts(
  threads: readonly Thread[],
  filters: ThreadFilters,
): Record<Facet, Map<string, number>> {
  const counts = {} as Record<Facet, Map<string, number>>
  for (const facet of facets) {
    const map = new Map<string, number>()
    for (const thread of threads) {
      if (!matches(thread, filters, facet)) continue
      const value = facetValue(thread, facet)
      map.set(value, (map.get(value) ?? 0) + 1)
      if (facet === 'status') map.set('all', (map.get('all') ?? 0) + 1)
    }
    counts[facet] = map
  }
  return counts
}

/** Whether anything beyond the default status is narrowed. */
export function isFiltered(filters: ThreadFilters): boolean {
  return (
    facets.some((facet) => facet !== 'status' && filters[facet] !== '') ||
    filters.assignee !== '' ||
    filters.q.trim() !== ''
  )
}
