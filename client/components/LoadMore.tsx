import type { PagedList } from '../app/usePagedList.ts'
import { LoadError } from './StatusMessage.tsx'

/** The "Show more" button under a paged list, busy while the next page comes, with a retry when it fails. */
export function LoadMore<T>({
  list,
  label,
  busyLabel,
  errorTitle,
}: {
  list: PagedList<T>
  label: string
  busyLabel: string
  errorTitle: string
}) {
  const { more } = list
  if (typeof more === 'object')
    return <LoadError title={errorTitle} error={more.error} onRetry={list.loadMore} />
  if (!list.hasMore) return null
  return (
    <button type="button" class="button load-more" onClick={list.loadMore} aria-busy={more === 'loading'}>
      {more === 'loading' ? busyLabel : label}
    </button>
  )
}
