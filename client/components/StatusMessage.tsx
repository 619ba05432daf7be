import { isApiError } from '../api/errors.ts'
import { t } from '../i18n/i18n.ts'

/** A polite, announced "loading" line, shown while data is on its way. */
export function Loading({ label }: { label: string }) {
  return (
    <p class="status status-loading" role="status">
      {label}
    </p>
  )
}

/** A failed load: what failed, why in plain words (offline or our fault), and a button to try again. */
export function LoadError({ title, error, onRetry }: { title: string; error: unknown; onRetry: () => void }) {
  const reason = isApiError(error, 'network_error') ? t('common.error.network') : t('common.error.unexpected')
  return (
    <div class="status status-error" role="alert">
      <p class="status-title">{title}</p>
      <p>{reason}</p>
      <button type="button" class="button" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </div>
  )
}
