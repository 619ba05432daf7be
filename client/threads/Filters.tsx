import { useId, useState } from 'preact/hooks'
import type { Thread } from '../api/types.ts'
import { flagEmoji } from '../editor/presence-model.ts'
import { formatCountry, formatNumber, t } from '../i18n/i18n.ts'
import {
  defaultFilters,
  type Facet,
  facetCounts,
  isFiltered,
  matches,
  type ThreadFilters,
} from './filters.ts'

/** The props of the filter bar. */
export interface FiltersProps {
  threads: readonly Thread[]
  filters: ThreadFilters
  onChange: (filters: ThreadFilters) => void
  /** How many threads the filters let through. */
  shown: number
  /** Me, for "Assigned to me". */
  userId: string
}

const withCount = (label: string, count: number) =>
  t('threads.filter.option', { label, count: formatNumber(count) })

/**
 * Filters over the loaded threads, each option with how many threads it leads to: status (open, resolved or
 * all, which also decides whether resolved highlights show), type, the author's country, the section, the
 * author, threads assigned to me, and free text. Closed, only the summary is drawn.
 */
export function Filters({ threads, filters, onChange, shown, userId }: FiltersProps) {
  const id = useId()
  // The options and their counts are built only while the filters are open: with thousands of threads and
  // hundreds of sections they would cost every render of the panel (every keystroke in the text).
  const [open, setOpen] = useState(false)
  if (!open) {
    return (
      <details class="thread-filters" onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          {t('threads.filter.summary', { shown: formatNumber(shown), total: formatNumber(threads.length) })}
        </summary>
      </details>
    )
  }
  const counts = facetCounts(threads, filters)
  const names = new Map(
    threads.flatMap((thread) => (thread.author ? [[thread.author.id, thread.author.name]] : [])),
  )
  const set = (facet: keyof ThreadFilters, value: string) => onChange({ ...filters, [facet]: value })
  const options = (facet: Facet, label: (value: string) => string) => {
    const entries = [...counts[facet].entries()].filter(([value]) => value !== '' && value !== 'all')
    // Keep the chosen option listed even when nothing matches it any more.
    const chosen = filters[facet]
    if (chosen && !counts[facet].has(chosen)) entries.push([chosen, 0])
    const collator = new Intl.Collator()
    return entries
      .map(([value, count]) => ({ value, text: withCount(label(value), count) }))
      .sort((a, b) => collator.compare(a.text, b.text))
  }
  const select = (facet: Facet, heading: string, label: (value: string) => string) => {
    const list = options(facet, label)
    if (list.length === 0 && !filters[facet]) return null
    return (
      <div class="thread-filter">
        <label for={`${id}-${facet}`}>{heading}</label>
        <select
          id={`${id}-${facet}`}
          value={filters[facet]}
          onChange={(e) => set(facet, e.currentTarget.value)}
        >
          <option value="">{t('threads.filter.any')}</option>
          {list.map((option) => (
            <option key={option.value} value={option.value}>
              {option.text}
            </option>
          ))}
        </select>
      </div>
    )
  }
  const status = counts.status
  return (
    <details class="thread-filters" open onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        {t('threads.filter.summary', { shown: formatNumber(shown), total: formatNumber(threads.length) })}
      </summary>
      <div class="thread-filter-grid">
        <div class="thread-filter">
          <label for={`${id}-status`}>{t('threads.filter.status')}</label>
          <select
            id={`${id}-status`}
            value={filters.status}
            onChange={(e) => set('status', e.currentTarget.value)}
          >
            <option value="open">{withCount(t('threads.status.open'), status.get('open') ?? 0)}</option>
            <option value="resolved">
              {withCount(t('threads.status.resolved'), status.get('resolved') ?? 0)}
            </option>
            <option value="all">{withCount(t('threads.status.all'), status.get('all') ?? 0)}</option>
          </select>
        </div>
        {select('type', t('threads.filter.type'), (value) => t(`threads.type.${value as Thread['type']}`))}
        {select('country', t('threads.filter.country'), (value) =>
          `${flagEmoji(value)} ${formatCountry(value)}`.trim(),
        )}
        {select('section', t('threads.filter.section'), (value) => value)}
        {select('author', t('threads.filter.author'), (value) => names.get(value) ?? value)}
        <div class="thread-filter thread-filter-check">
          <input
            id={`${id}-assignee`}
            type="checkbox"
            checked={filters.assignee === userId}
            onChange={(e) => set('assignee', e.currentTarget.checked ? userId : '')}
          />
          <label for={`${id}-assignee`}>
            {withCount(
              t('threads.filter.assignedToMe'),
              threads.filter(
                (thread) => thread.assigneeId === userId && matches(thread, { ...filters, assignee: '' }),
              ).length,
            )}
          </label>
        </div>
        <div class="thread-filter thread-filter-text">
          <label for={`${id}-q`}>{t('threads.filter.text')}</label>
          <input
            id={`${id}-q`}
            type="search"
            value={filters.q}
            onInput={(e) => set('q', e.currentTarget.value)}
          />
        </div>
      </div>
      {isFiltered(filters) && (
        <button
          type="button"
          class="link-button"
          onClick={() => onChange({ ...defaultFilters, status: filters.status })}
        >
          {t('threads.filter.clear')}
        </button>
      )}
    </details>
  )
}
