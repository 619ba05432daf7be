import { useId, useState } from 'preact/hooks'
import { resolveThreads } from '../api/threads.ts'
import type { Resolution } from '../api/types.ts'
import { describeError } from '../components/errorText.ts'
import { t, tp } from '../i18n/i18n.ts'
import { DecisionFields } from './Resolution.tsx'

/** The props of the select-mode bar. */
export interface BulkResolveProps {
  documentId: string
  /** The ticked threads. */
  selected: ReadonlySet<string>
  /** The open threads the filters show, for "Select all shown". */
  shownOpen: readonly string[]
  onSelect: (ids: ReadonlySet<string>) => void
  announce: (message: string) => void
}

/**
 * Select mode's bar: how many threads are ticked, "Select all shown" (the open threads the filters let
 * through), one decision and note, and "Resolve N threads" (one bulk call); then what was resolved and what
 * skipped. The threads themselves change through the socket's events.
 */
export function BulkResolve({ documentId, selected, shownOpen, onSelect, announce }: BulkResolveProps) {
  const id = useId()
  const [decision, setDecision] = useState<Resolution>('accepted')
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [report, setReport] = useState<string | null>(null)
  const count = selected.size

  const submit = async () => {
    if (busy) return
    if (count === 0) {
      setError(t('threads.select.empty'))
      return
    }
    setBusy(true)
    setError(null)
    setReport(null)
    try {
      const result = await resolveThreads(documentId, [...selected], decision, note)
      const message = t('threads.select.result', {
        resolved: tp('threads.select.resolved', result.resolved.length),
        skipped: tp('threads.select.skipped', result.skipped.length),
      })
      setReport(message)
      announce(message)
      setNote('')
      onSelect(new Set())
    } catch (failure) {
      setError(describeError(failure))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      class="bulk-resolve"
      aria-label={t('threads.select.start')}
      onSubmit={(event) => {
        event.preventDefault()
        void submit()
      }}
      noValidate
    >
      <p class="bulk-resolve-count">
        {tp('threads.select.count', count)}{' '}
        <button
          type="button"
          class="link-button"
          onClick={() => onSelect(new Set([...selected, ...shownOpen]))}
          disabled={shownOpen.length === 0}
        >
          {t('threads.select.allShown')}
        </button>{' '}
        {count > 0 && (
          <button type="button" class="link-button" onClick={() => onSelect(new Set())}>
            {t('threads.select.none')}
          </button>
        )}
      </p>
      <DecisionFields
        idPrefix={id}
        decision={decision}
        onDecision={setDecision}
        note={note}
        onNote={setNote}
      />
      <div class="actions">
        <button type="submit" class="button button-small" aria-busy={busy} disabled={count === 0}>
          {busy ? t('threads.resolve.busy') : tp('threads.select.submit', count)}
        </button>
      </div>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
      {report && <p class="bulk-resolve-report">{report}</p>}
    </form>
  )
}
