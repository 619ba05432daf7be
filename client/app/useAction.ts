import { useCallback, useRef, useState } from 'preact/hooks'

/** A state-changing call as a form runs it: whether it is on its way, and how the last attempt failed. */
export interface Action<A extends unknown[], R> {
  busy: boolean
  error: unknown
  /** Runs the call unless one is already on its way; resolves with `{value}`, or null when it failed or was skipped. */
  run: (...args: A) => Promise<{ value: R } | null>
  /** Forgets the last failure (when the person edits the form again). */
  clear: () => void
}

/** Wraps an API call for a button or form: one call at a time, busy meanwhile, the failure kept for display. */
export function useAction<A extends unknown[], R>(call: (...args: A) => Promise<R>): Action<A, R> {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const running = useRef(false)
  const latest = useRef(call)
  latest.current = call
  const run = useCallback(async (...args: A) => {
    if (running.current) return null
    running.current = true
    setBusy(true)
    setError(null)
    try {
      return { value: await latest.current(...args) }
    } catch (failure) {
      setError(failure)
      return null
    } finally {
      running.current = false
      setBusy(false)
    }
  }, [])
  const clear = useCallback(() => setError(null), [])
  return { busy, error, run, clear }
}
