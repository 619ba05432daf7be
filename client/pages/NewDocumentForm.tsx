import { useEffect, useRef, useState } from 'preact/hooks'
import { createDocument } from '../api/documents.ts'
import { useAction } from '../app/useAction.ts'
import { describeError, fieldErrors } from '../components/errorText.ts'
import { describedBy, TextField } from '../components/Field.tsx'
import { formatNumber, t } from '../i18n/i18n.ts'
import { navigate } from '../router.ts'

/** The largest Markdown file accepted, in bytes: the server takes at most 2,000,000 characters. */
export const maxMarkdownBytes = 2_000_000

/**
 * A new document: a title and, optionally, a Markdown file for its first text (read in the browser, at most
 * 2 MB). On success the new document opens, with me as its owner.
 */
export function NewDocumentForm({ onClose }: { onClose: () => void }) {
  const titleInput = useRef<HTMLInputElement>(null)
  const [title, setTitle] = useState('')
  const [file, setFile] = useState<File | null>(null)
  const [tried, setTried] = useState(false)
  const create = useAction(async () => {
    const markdown = file ? await file.text() : undefined
    return createDocument({ title: title.trim(), ...(markdown === undefined ? {} : { markdown }) })
  })
  useEffect(() => titleInput.current?.focus(), [])

  const tooBig = file !== null && file.size > maxMarkdownBytes
  const server = fieldErrors(create.error, {
    title: 'document.title.error',
    markdown: 'newDocument.error.file',
  })
  const titleError =
    (tried && (title.trim() === '' || title.trim().length > 300) ? t('document.title.error') : null) ??
    server.title
  const fileError = tooBig
    ? t('newDocument.error.tooBig', { max: formatNumber(2) })
    : (server.markdown ?? null)

  const choose = (chosen: File | null) => {
    setFile(chosen)
    create.clear()
    // A file named "Guidelines v2.md" suggests its own title when none is typed yet.
    if (chosen && title.trim() === '') setTitle(chosen.name.replace(/\.(md|markdown|txt)$/i, ''))
  }
  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    setTried(true)
    if (title.trim() === '' || title.trim().length > 300) return titleInput.current?.focus()
    if (tooBig) return document.getElementById('new-document-file')?.focus()
    const answer = await create.run()
    if (answer) navigate(`/documents/${encodeURIComponent(answer.value.id)}`)
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
          accept=".md,.markdown,.txt,text/markdown,text/plain"
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
      {create.error !== null && !server.title && !server.markdown && (
        <p class="form-error" role="alert">
          {describeError(create.error, {
            forbidden: 'newDocument.error.forbidden',
            too_large: 'newDocument.error.serverTooBig',
          })}
        </p>
      )}
      <div class="actions">
        <button
          type="submit"
          class="button button-primary"
          aria-disabled={create.busy}
          aria-busy={create.busy}
        >
          {create.busy ? t('newDocument.busy') : t('newDocument.submit')}
        </button>
        <button type="button" class="button button-quiet" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  )
}
