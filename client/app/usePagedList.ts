import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import type { Page } from '../api/types.ts'

/** A list fetched a page at a time: what is shown, whether more can be fetched, and how each fetch went. */
export interface PagedList<T> {
  /** 'loading' also while a new search replaces the rows still shown. */
  status: 'loading' | 'ready' | 'error'
  items: T[]
  /** True once a first page has arrived, so an empty list can be told from one not loaded yet. */
  loaded: boolean
  error: unknown
  hasMore: boolean
  more: 'idle' | 'loading' | { error: unknown }
  loadMore: () => Promise<void>
  retry: () => void
  /** Changes the rows shown (an edited or a created row) without fetching. */
  setItems: (update: (items: T[]) => T[]) => void
}

/**
 * Fetches the first page whenever `key` changes (aborting the previous fetch, keeping the old rows on screen
 * meanwhile), and the next one on loadMore().
 */
export function usePagedList<T>(
  load: (cursor: string | null, signal?: AbortSignal) => Promise<Page<T>>,
  key: string,
): PagedList<T> {
  const [items, setItems] = useState<T[]>([])
  const [status, setStatus] = useState<PagedList<T>['status']>('loading')
  const [loaded, setLoaded] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [cursor, setCursor] = useState<string | null>(null)
  const [more, setMore] = useState<PagedList<T>['more']>('idle')
  const [attempt, setAttempt] = useState(0)
  const latest = useRef(load)
  latest.current = load

  useEffect(() => {
    const controller = new AbortController()
    setStatus('loading')
    setMore('idle')
    latest.current(null, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return
        setItems(page.items)
        setCursor(page.nextCursor)
        setLoaded(true)
        setStatus('ready')
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return
        setError(failure)
        setStatus('error')
      },
    )
    return () => controller.abort()
  }, [key, attempt])

  const loadMore = useCallback(async () => {
    if (!cursor || more === 'loading') return
    setMore('loading')
    try {
      const page = await latest.current(cursor)
      setItems((shown) => [...shown, ...page.items])
      setCursor(page.nextCursor)
      setMore('idle')
    } catch (failure) {
      setMore({ error: failure })
    }
  }, [cursor, more])
  const retry = useCallback(() => setAttempt((n) => n + 1), [])

  return { status, items, loaded, error, hasMore: cursor !== null, more, loadMore, retry, setItems }
}
