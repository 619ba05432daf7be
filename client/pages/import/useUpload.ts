import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import type { UploadOptions, UploadProgress } from '../../api/imports.ts'

/** Where an upload stands: not started, on its way (with progress), done with its answer, or failed. */
export type UploadState<R> =
  | { status: 'idle' }
  | { status: 'busy'; progress: UploadProgress }
  | { status: 'done'; result: R }
  | { status: 'failed'; error: unknown }

/** An upload as a form runs it: its state, a way to start it, cancel it, and forget its outcome. */
export interface Upload<R> {
  state: UploadState<R>
  start: (call: (options: UploadOptions) => Promise<R>) => Promise<R | null>
  cancel: () => void
  reset: () => void
}

/**
 * Runs one upload at a time with its progress (bytes sent, then "processing"), cancels it when asked or when
 * the component goes away, and keeps the answer or the failure for display.
 */
export function useUpload<R>(): Upload<R> {
  const [state, setState] = useState<UploadState<R>>({ status: 'idle' })
  const running = useRef<AbortController | null>(null)
  useEffect(() => () => running.current?.abort(), [])

  const start = useCallback(async (call: (options: UploadOptions) => Promise<R>) => {
    if (running.current) return null
    const controller = new AbortController()
    running.current = controller
    setState({ status: 'busy', progress: { phase: 'uploading', loaded: 0, total: 0 } })
    try {
      const result = await call({
        signal: controller.signal,
        onProgress: (progress) => {
          if (!controller.signal.aborted) setState({ status: 'busy', progress })
        },
      })
      setState({ status: 'done', result })
      return result
    } catch (error) {
      setState({ status: 'failed', error })
      return null
    } finally {
      running.current = null
    }
  }, [])
  const cancel = useCallback(() => running.current?.abort(), [])
  const reset = useCallback(() => setState({ status: 'idle' }), [])
  return { state, start, cancel, reset }
}
