import { useEffect, useRef, useState } from 'preact/hooks'
import { createDocument } from '../api/documents.ts'
import { createDocumentFromFile } from '../api/imports.ts'
import type { DocumentDetail } from '../api/types.ts'
import { useAction } from '../app/useAction.ts'
import { describeError, fieldErrors } from '../components/errorText.ts'
import { describedBy, TextField } from '../components/Field.tsx'
import { t } from '../i18n/i18n.ts'
import { navigate } from '../router.ts'
import { fileProblem, importAccept, titleFromFileName, uploadErrorLines } from './import/progress.ts'
import { UploadProgress } from './import/UploadProgress.tsx'
import { useUpload } from './import/useUpload.ts'

/**
 * A new document: a title and, optionally, a Word (.docx), Markdown or HTML file for its first text. With a
 * file, the server creates the document from it in one step (`POST /api/documents/import`), with upload
 * progress; the title defaults to the file's name. On success the new document opens, with me as its owner.
 */
export function NewDocumentForm({ onClose }: { onClose: () => void }) {
  const titleInput = useRef<HTMLInputElement>(null)
  const [title, setTitle] = useState('')
  const [file, setFile] = useState<File | null>(null)
  const [tried, setTried] = useState(false)
  const create = useAction(() => createDocument({ title: title.trim() }))
  const upload = useUpload<DocumentDetail>()
  useEffect(() => titleInput.current?.focus(), [])

  const uploadError = upload.state.status === 'failed' ? upload.state.error : null
  const serverError = create.error ?? uploadError
  const server = fieldErrors(serverError, { title: 'document.title.error' })
  const titleError =
    (tried && (title.trim() === '' || title.trim().length > 300) ? t('document.title.error') : null) ??
    server.title
  const fileError = file ? fileProblem(file) : null
  const busy = create.busy || upload.state.status === 'busy'

  const choose = (chosen: File | null) => {
    setFile(chosen)
    create.clear()
    upload.reset()
    // A file named "Guidelines v2.docx" suggests its own title when none is typed yet.
    if (chosen && title.trim() === '') setTitle(titleFromFileName(chosen.name))
  }
  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    setTried(true)
    if (busy) return
    if (title.trim() === '' || title.trim().length > 300) return titleInput.current?.focus()
    if (fileError) return document.getElementById('new-document-file')?.focus()
    const created = file
      ? await upload.start((options) => createDocumentFromFile(file, title, options))
      : ((await create.run())?.value ?? null)
    if (created) navigate(`/documents/${encodeURIComponent(created.id)}`)
  }

  const fileHint = t('newDocument.fileHint')
  return (
    <form class="form panel" onSubmit={submit} noValidate aria-labelledby="new-document-heading">
      <h2 id="new-document-heading">{t('newDocument.heading')}</h2>
      <TextField
        id="new-document-title"
        label={t('document.title.label')}
        value={title}
        onValue={setTitle}
        required
        maxLength={300}
        inputRef={titleInput}
        error={titleError}
      />
      <div class="field">
        <label for="new-document-file">{t('newDocument.file')}</label>
        <p id="new-document-file-hint" class="field-hint">
          {fileHint}
        </p>
        <input
          id="new-document-file"
          type="file"
          accept={importAccept}
          disabled={busy}
          onChange={(event) => choose(event.currentTarget.files?.[0] ?? null)}
          aria-invalid={Boolean(fileError)}
          aria-describedby={describedBy('new-document-file', fileHint, fileError)}
        />
        {fileError && (
          <p id="new-document-file-error" class="field-error" role="alert">
            {fileError}
          </p>
        )}
      </div>
      {upload.state.status === 'busy' && (
        <UploadProgress progress={upload.state.progress} onCancel={upload.cancel} />
      )}
      {uploadError !== null && !server.title && (
        <div class="form-error" role="alert">
          {uploadErrorLines(uploadError, { forbidden: 'newDocument.error.forbidden' }).map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
      {create.error !== null && !server.title && (
        <p class="form-error" role="alert">
          {describeError(create.error, {
            forbidden: 'newDocument.error.forbidden',
            too_large: 'newDocument.error.serverTooBig',
          })}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="button button-primary" aria-disabled={busy} aria-busy={busy}>
          {busy ? t('newDocument.busy') : t('newDocument.submit')}
        </button>
        <button type="button" class="button button-quiet" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  )
}
