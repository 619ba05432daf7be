import './import.css'
import type { UploadProgress as Progress } from '../../api/imports.ts'
import { t } from '../../i18n/i18n.ts'
import { progressText, uploadPercent } from './progress.ts'

/**
 * A progress bar for an upload: how much of the file is sent, then an indeterminate bar while the server
 * processes it. The line beneath is announced politely; a Cancel button stops the upload while it runs.
 */
export function UploadProgress({ progress, onCancel }: { progress: Progress; onCancel?: () => void }) {
  const processing = progress.phase === 'processing'
  return (
    <div class="upload-progress" data-phase={progress.phase}>
      <progress
        class="upload-progress-bar"
        max={100}
        aria-label={t('import.progressLabel')}
        {...(processing ? {} : { value: uploadPercent(progress) })}
      />
      <p class="upload-progress-text" role="status">
        {progressText(progress)}
      </p>
      {onCancel && !processing && (
        <button type="button" class="button button-quiet button-small" onClick={onCancel}>
          {t('import.cancel')}
        </button>
      )}
    </div>
  )
}
