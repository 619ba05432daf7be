import { useCallback, useEffect, useState } from 'preact/hooks'

/** Where a load stands: waiting, done with its data, or failed with its error. */
export type LoadState<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: unknown }

/**
 * Runs `load` when the component appears and whenever `key` changes, aborting the previous run, and returns
 * its state with a `retry` function for error screens.
 */
export function useLoad<T>(
  load: (signal: AbortSignal) => Promise<T>,
  key: string,
): [LoadState<T>, () => void] {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)

  // `load` is a new function on every render, so the effect keys on `key` (what it loads) and the retry count.
  useEffect(() => {
    const controller = new AbortController()
    setState({ status: 'loading' })
    load(controller.signal).then(
      (data) => controller.signal.aborted || setState({ status: 'ready', data }),
      (error: unknown) => controller.signal.aborted || setState({ status: 'error', error }),
    )
    return () => controller.abort()
  }, [key, attempt])

  const retry = useCallback(() => setAttempt((n) => n + 1), [])
  return [state, retry]
}
