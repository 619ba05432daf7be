import { useEffect, useState } from 'preact/hooks'
import { getProgress } from '../api/threads.ts'
import type { Progress as ProgressData, Resolution } from '../api/types.ts'
import type { CollabSession } from '../editor/session.ts'
import { formatList, formatNumber, t, tp } from '../i18n/i18n.ts'
import { decisions } from './Resolution.tsx'

/** How long thread events may pile up before the counts are fetched again. */
const refreshDelay = 400

/** "30 resolved (20 accepted, 5 rejected, …)": the decisions that were taken, in menu order. */
export function resolvedText(progress: ProgressData): string {
  const counts = progress.resolved
  const total = decisions.reduce((sum, decision) => sum + (counts[decision] ?? 0), 0)
  const resolved = tp('progress.resolved', total)
  const taken = decisions.filter((decision: Resolution) => (counts[decision] ?? 0) > 0)
  if (taken.length === 0) return resolved
  return t('progress.breakdown', {
    resolved,
    decisions: formatList(
      taken.map((decision) => t(`progress.decision.${decision}`, { count: formatNumber(counts[decision]) })),
    ),
  })
}

/**
 * The document's progress on its comments, for the editor bar: "12 open · 30 resolved (20 accepted, …)",
 * opening onto the counts per top-level section. Fetched when it appears and again after thread events.
 */
export function Progress({ documentId, session }: { documentId: string; session: CollabSession }) {
  const [progress, setProgress] = useState<ProgressData | null>(null)
  const [failed, setFailed] = useState(false)
  // The table of sections is drawn only while open (a long draft has hundreds of sections).
  const [open, setOpen] = useState(false)

  useEffect(() => {
    let controller: AbortController | null = null
    let timer: ReturnType<typeof setTimeout> | undefined
    const load = () => {
      controller?.abort()
      const current = new AbortController()
      controller = current
      getProgress(documentId, current.signal).then(
        (data) => {
          if (current.signal.aborted) return
          setProgress(data)
          setFailed(false)
        },
        () => current.signal.aborted || setFailed(true),
      )
    }
    load()
    const off = session.onThreadEvent(() => {
      clearTimeout(timer)
      timer = setTimeout(load, refreshDelay)
    })
    return () => {
      off()
      clearTimeout(timer)
      controller?.abort()
    }
  }, [documentId, session])

  if (!progress) return failed ? <p class="progress is-failed">{t('progress.error')}</p> : null
  const summary = t('progress.summary', {
    open: tp('progress.open', progress.open),
    resolved: resolvedText(progress),
  })
  return (
    <details class="progress" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary aria-label={`${t('progress.label')}: ${summary}`}>{summary}</summary>
      {open && progress.sections.length > 0 && (
        <table class="progress-sections">
          <caption class="visually-hidden">{t('progress.sections')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('progress.section')}</th>
              <th scope="col">{t('threads.status.open')}</th>
              <th scope="col">{t('threads.status.resolved')}</th>
            </tr>
          </thead>
          <tbody>
            {progress.sections.map((row) => (
              <tr key={row.section}>
                <th scope="row">{row.section || t('progress.noSection')}</th>
                <td>{formatNumber(row.open)}</td>
                <td>{formatNumber(row.resolved)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  )
}
