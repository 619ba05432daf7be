import type { DispositionFilters, DispositionRow } from '../../api/exports.ts'

/** The filters the disposition takes, in the order the page shows them. */
export const filterNames = ['country', 'status', 'type', 'section'] as const

/** One filter. */
export type FilterName = (typeof filterNames)[number]

const statuses = ['open', 'resolved'] as const
const types = ['general', 'technical', 'editorial'] as const

/** What joins the headings of a row's section path (the server's `sectionLabel`). */
export const sectionSeparator = ' › '

/**
 * The filters an address carries (`?country=BW&status=open`), so a filtered table can be bookmarked and
 * shared. Values the server would refuse are dropped rather than sent: an unknown status or type, a country
 * that is not two letters, a section longer than 300 characters.
 */
export function filtersFromSearch(search: string): DispositionFilters {
  const params = new URLSearchParams(search)
  const filters: DispositionFilters = {}
  const country = params.get('country')?.trim().toUpperCase()
  if (country && /^[A-Z]{2}$/.test(country)) filters.country = country
  const status = params.get('status')
  if (statuses.some((known) => known === status)) filters.status = status as DispositionFilters['status']
  const type = params.get('type')
  if (types.some((known) => known === type)) filters.type = type as DispositionFilters['type']
  const section = params.get('section')
  if (section && section.length <= 300) filters.section = section
  return filters
}

/** The query string of a set of filters, in a fixed order: '' when none is set, else '?country=BW&…'. */
export function searchOf(filters: DispositionFilters): string {
  const params = new URLSearchParams()
  for (const name of filterNames) {
    const value = filters[name]
    if (value) params.set(name, value)
  }
  return params.size > 0 ? `?${params}` : ''
}

/** Whether any filter is set. */
export function isFiltered(filters: DispositionFilters): boolean {
  return filterNames.some((name) => Boolean(filters[name]))
}

/** The filters with one changed: an empty value removes it. */
export function withFilter(filters: DispositionFilters, name: FilterName, value: string): DispositionFilters {
  const next: Record<string, string> = {}
  for (const other of filterNames) {
    const kept = other === name ? value : filters[other]
    if (kept) next[other] = kept
  }
  return next as DispositionFilters
}

/** A value a filter can take, with how many of all the rows have it. */
export interface FacetOption {
  value: string
  count: number
}

/** The options of each filter, read from every row (unfiltered). */
export type Facets = Record<FilterName, FacetOption[]>

/** The headings of a row's section path ("4. Tools › 4.3 Metrics" → ["4. Tools", "4.3 Metrics"]). */
export function sectionHeadings(section: string): string[] {
  return section === '' ? [] : section.split(sectionSeparator)
}

function tally(values: Iterable<string>, counts: Map<string, number>): void {
  for (const value of values) if (value !== '') counts.set(value, (counts.get(value) ?? 0) + 1)
}

/**
 * The options of each filter with their counts: countries by code, statuses and types in their fixed order,
 * and every heading of any row's section path in document order (rows come in document order), since the
 * section filter matches a heading anywhere in the path.
 */
export function facetsOf(rows: readonly DispositionRow[]): Facets {
  const counts = {
    country: new Map<string, number>(),
    status: new Map<string, number>(),
    type: new Map<string, number>(),
    section: new Map<string, number>(),
  }
  for (const row of rows) {
    tally([row.country], counts.country)
    tally([row.status], counts.status)
    tally([row.type], counts.type)
    tally(new Set(sectionHeadings(row.section)), counts.section)
  }
  const list = (map: Map<string, number>) => [...map].map(([value, count]) => ({ value, count }))
  const inOrder = (order: readonly string[], map: Map<string, number>) =>
    order.flatMap((value) => (map.has(value) ? [{ value, count: map.get(value)! }] : []))
  return {
    country: list(counts.country).sort((a, b) => a.value.localeCompare(b.value)),
    status: inOrder(statuses, counts.status),
    type: inOrder(types, counts.type),
    section: list(counts.section),
  }
}
