import { describeError } from '../components/errorText.ts'
import { t } from '../i18n/i18n.ts'
import type { Pending } from './store.ts'

/** How a comment written here is doing: sending, waiting for the connection, or failed with Retry and Discard. */
export function PendingNote({
  pending,
  onRetry,
  onDiscard,
}: {
  pending: Pending
  onRetry: (localId: string) => void
  onDiscard: (localId: string) => void
}) {
  if (pending.state === 'sending') return <p class="pending-note">{t('threads.pending.sending')}</p>
  const failed = pending.state === 'failed'
  return (
    <div class={failed ? 'pending-note is-failed' : 'pending-note'} role={failed ? 'alert' : undefined}>
      <p>
        {failed
          ? describeError(pending.error, {
              phase_closed: 'threads.error.phaseClosed',
              anchor_not_found: 'threads.error.anchorNotFound',
              not_found: 'threads.error.threadGone',
            })
          : t('threads.pending.queued')}
      </p>
      <p class="actions">
        <button type="button" class="button button-small" onClick={() => onRetry(pending.localId)}>
          {failed ? t('common.retry') : t('threads.pending.sendNow')}
        </button>
        <button
          type="button"
          class="button button-quiet button-small"
          onClick={() => onDiscard(pending.localId)}
        >
          {t('threads.pending.discard')}
        </button>
      </p>
    </div>
  )
}
