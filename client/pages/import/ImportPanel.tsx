import { useState } from 'preact/hooks'
import { type ImportResult, importIntoDocument } from '../../api/imports.ts'
import type { DocumentDetail } from '../../api/types.ts'
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx'
import { describedBy } from '../../components/Field.tsx'
import { t } from '../../i18n/i18n.ts'
import { fileProblem, importAccept, importOutcome, uploadErrorLines } from './progress.ts'
import { UploadProgress } from './UploadProgress.tsx'
import { useUpload } from './useUpload.ts'

/**
 * Import into a document (for members with `import`): pick a .docx, .md or .html file, confirm that it
 * replaces the text, and upload it with a progress bar; the live editor then shows the new text. Says what happened: a version of the previous text
 * was kept, and how many threads found their text again or were orphaned. Errors quote the server.
 */
export function ImportPanel({ document }: { document: DocumentDetail }) {
  const [file, setFile] = useState<File | null>(null)
  const [tried, setTried] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const upload = useUpload<ImportResult>()
  const { state } = upload
  const busy = state.status === 'busy'
  const problem = file ? fileProblem(file) : tried ? t('import.error.chooseFile') : null
  const inputId = 'import-file'
  const hint = t('import.fileHint')

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    setTried(true)
    if (!file || fileProblem(file) || busy) {
      window.document.getElementById(inputId)?.focus()
      return
    }
    setConfirming(true)
  }
  const confirm = async () => {
    setConfirming(false)
    if (file) await upload.start((options) => importIntoDocument(document.id, file, options))
  }

  return (
    <section class="import-panel panel" aria-labelledby="import-heading">
      <h2 id="import-heading">{t('import.heading')}</h2>
      <p class="hint">{t('import.intro')}</p>
      <form class="form" onSubmit={submit} noValidate>
        <div class="field">
          <label for={inputId}>{t('import.file')}</label>
          <p id={`${inputId}-hint`} class="field-hint">
            {hint}
          </p>
          <input
            id={inputId}
            type="file"
            accept={importAccept}
            disabled={busy}
            onChange={(event) => {
              setFile(event.currentTarget.files?.[0] ?? null)
              upload.reset()
            }}
            aria-invalid={Boolean(problem)}
            aria-describedby={describedBy(inputId, hint, problem)}
          />
          {problem && (
            <p id={`${inputId}-error`} class="field-error" role="alert">
              {problem}
            </p>
          )}
        </div>
        {state.status === 'busy' && <UploadProgress progress={state.progress} onCancel={upload.cancel} />}
        {state.status === 'failed' && (
          <div class="form-error" role="alert">
            {uploadErrorLines(state.error).map((line) => (
              <p key={line}>{line}</p>
            ))}
          </div>
        )}
        {state.status === 'done' && (
          <div class="callout success import-outcome" role="status">
            <p>{t('import.done', { file: file?.name ?? '' })}</p>
            {importOutcome(state.result).map((line) => (
              <p key={line}>{line}</p>
            ))}
            <p>
              <a href={`/documents/${encodeURIComponent(document.id)}/versions`}>
                {t('document.versionsLink')}
              </a>
            </p>
          </div>
        )}
        <div class="actions">
          <button type="submit" class="button" aria-disabled={busy} aria-busy={busy}>
            {t('import.submit')}
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={confirming}
        title={t('import.confirm.title', { file: file?.name ?? '' })}
        confirmLabel={t('import.confirm.submit')}
        onConfirm={confirm}
        onCancel={() => setConfirming(false)}
      >
        <p>{t('import.confirm.body')}</p>
        <p>
          <strong>{t('import.confirm.kept')}</strong>
        </p>
      </ConfirmDialog>
    </section>
  )
}
