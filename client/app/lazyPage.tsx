import type { ComponentType } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { LoadError, Loading } from '../components/StatusMessage.tsx'
import { type MessageKey, t } from '../i18n/i18n.ts'

/** What a lazily loaded part says while it loads and when it cannot be fetched. */
export interface LazyLabels {
  loading: MessageKey
  failed: MessageKey
}

/**
 * A page (or a large part of one, like the editor) whose code is fetched the first time it is shown (a
 * dynamic import, its own chunk), so sign-in and the documents list do not carry the admin, members or
 * invitation pages. Shows "Loading…" meanwhile and a retry when the chunk cannot be fetched.
 */
export function lazyPage<P extends object>(
  load: () => Promise<ComponentType<P>>,
  labels: LazyLabels = { loading: 'app.loading', failed: 'app.pageLoadFailed' },
): ComponentType<P> {
  let loaded: ComponentType<P> | null = null
  let pending: Promise<ComponentType<P>> | null = null
  return function LazyPage(props: P) {
    const [, setReady] = useState(false)
    const [error, setError] = useState<unknown>(null)
    const [attempt, setAttempt] = useState(0)
    useEffect(() => {
      if (loaded) return
      let live = true
      pending ??= load()
      pending.then(
        (component) => {
          loaded = component
          if (live) setReady(true)
        },
        (failure: unknown) => {
          pending = null
          if (live) setError(failure)
        },
      )
      return () => {
        live = false
      }
    }, [attempt])
    if (loaded) {
      const Page = loaded
      return <Page {...props} />
    }
    if (error) {
      const retry = () => {
        setError(null)
        setAttempt((n) => n + 1)
      }
      return <LoadError title={t(labels.failed)} error={error} onRetry={retry} />
    }
    return <Loading label={t(labels.loading)} />
  }
}
