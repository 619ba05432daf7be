import type { Download } from '../app/useDownload.ts'
import { type MessageKey, t } from '../i18n/i18n.ts'
import { downloadErrorText, percentReceived, progressText } from './downloadText.ts'

/**
 * Where a download stands, under the button that started it: "Preparing the file…" while the server builds
 * it, then a progress bar (exact when the size is known) with a Cancel button, then "Saved as …", "Cancelled"
 * or why it failed. The stable words are announced; the changing figures are not read out at every step.
 */
export function DownloadStatus({
  download,
  errorOverrides,
}: {
  download: Download
  errorOverrides?: Partial<Record<string, MessageKey>>
}) {
  const { state } = download
  switch (state.status) {
    case 'idle':
      return null
    case 'preparing':
    case 'receiving': {
      const percent = state.status === 'receiving' ? percentReceived(state) : null
      return (
        <div class="download-status">
          <p role="status">{t(state.status === 'preparing' ? 'download.preparing' : 'download.receiving')}</p>
          <div class="download-progress">
            {percent === null ? (
              <progress aria-label={t('download.progressLabel')} />
            ) : (
              <progress aria-label={t('download.progressLabel')} value={percent} max={100} />
            )}
            {state.status === 'receiving' && <span class="muted">{progressText(state)}</span>}
            <button type="button" class="button button-small" onClick={download.cancel}>
              {t('download.cancel')}
            </button>
          </div>
        </div>
      )
    }
    case 'saved':
      return (
        <p class="download-status success" role="status">
          {t('download.saved', { filename: state.filename })}
        </p>
      )
    case 'cancelled':
      return (
        <p class="download-status" role="status">
          {t('download.cancelled')}
        </p>
      )
    case 'failed':
      return (
        <p class="download-status form-error" role="alert">
          {downloadErrorText(state.error, errorOverrides)}
        </p>
      )
  }
}
