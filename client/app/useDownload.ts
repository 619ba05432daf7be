import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import { type DownloadProgress, downloadFile, saveFile } from '../api/download.ts'

/**
 * Where a download stands: nothing yet; the server preparing the file; the file arriving (with how much);
 * saved (under its name); cancelled by the person; or failed with its error.
 */
export type DownloadState =
  | { status: 'idle' }
  | { status: 'preparing' }
  | ({ status: 'receiving' } & DownloadProgress)
  | { status: 'saved'; filename: string }
  | { status: 'cancelled' }
  | { status: 'failed'; error: unknown }

/** A download a button starts: its state, `start`, and `cancel` (which aborts the request). */
export interface Download {
  state: DownloadState
  busy: boolean
  start: (path: string, fallbackName: string) => Promise<void>
  cancel: () => void
  /** Forgets the last outcome (when the person changes what to download). */
  reset: () => void
}

/**
 * Downloads one file at a time from the API with progress, then hands it to the browser's downloads.
 * Leaving the page (unmounting) cancels a download on its way.
 */
export function useDownload(): Download {
  const [state, setState] = useState<DownloadState>({ status: 'idle' })
  const running = useRef<AbortController | null>(null)

  useEffect(() => () => running.current?.abort(), [])

  const start = useCallback(async (path: string, fallbackName: string) => {
    if (running.current) return
    const controller = new AbortController()
    running.current = controller
    setState({ status: 'preparing' })
    try {
      const file = await downloadFile(path, {
        signal: controller.signal,
        fallbackName,
        onProgress: (progress) => setState({ status: 'receiving', ...progress }),
      })
      saveFile(file)
      setState({ status: 'saved', filename: file.filename })
    } catch (error) {
      if (controller.signal.aborted) setState({ status: 'cancelled' })
      else setState({ status: 'failed', error })
    } finally {
      running.current = null
    }
  }, [])

  const cancel = useCallback(() => running.current?.abort(), [])
  const reset = useCallback(() => {
    if (!running.current) setState({ status: 'idle' })
  }, [])
  const busy = state.status === 'preparing' || state.status === 'receiving'
  return { state, busy, start, cancel, reset }
}
