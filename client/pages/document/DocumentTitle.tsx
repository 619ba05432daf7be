import { useEffect, useRef, useState } from 'preact/hooks'
import { updateDocument } from '../../api/documents.ts'
import type { DocumentDetail } from '../../api/types.ts'
import { useAction } from '../../app/useAction.ts'
import { describeError, fieldErrors } from '../../components/errorText.ts'
import { t } from '../../i18n/i18n.ts'

/**
 * The document's title as its heading; with `manage_phases`, a Rename button turns it into a small form in
 * place (Enter saves, Escape cancels), and focus comes back to Rename afterwards.
 */
export function DocumentTitle({
  document,
  onUpdated,
}: {
  document: DocumentDetail
  onUpdated: (document: DocumentDetail) => void
}) {
  const canRename = document.capabilities.includes('manage_phases')
  const [editing, setEditing] = useState(false)
  const [title, setTitle] = useState(document.title)
  const save = useAction((value: string) => updateDocument(document.id, { title: value }))
  const input = useRef<HTMLInputElement>(null)
  const renameButton = useRef<HTMLButtonElement>(null)
  const returnFocus = useRef(false)
  const [tried, setTried] = useState(false)

  useEffect(() => {
    if (editing) input.current?.select()
    else if (returnFocus.current) renameButton.current?.focus()
    returnFocus.current = false
  }, [editing])

  const stop = () => {
    returnFocus.current = true
    save.clear()
    setTried(false)
    setEditing(false)
  }
  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    const value = title.trim()
    if (value === '' || value.length > 300) {
      setTried(true)
      return input.current?.focus()
    }
    if (value === document.title) return stop()
    const answer = await save.run(value)
    if (answer) {
      onUpdated(answer.value)
      stop()
    }
  }

  if (!editing) {
    return (
      <div class="document-heading">
        <h1 id="document-title">{document.title}</h1>
        {canRename && (
          <button
            ref={renameButton}
            type="button"
            class="button button-quiet"
            onClick={() => {
              setTitle(document.title)
              setEditing(true)
            }}
          >
            {t('document.rename')}
          </button>
        )}
      </div>
    )
  }

  const invalid = title.trim() === '' || title.trim().length > 300
  const fieldError = fieldErrors(save.error, { title: 'document.title.error' }).title
  const error =
    tried && invalid
      ? t('document.title.error')
      : save.error
        ? (fieldError ?? describeError(save.error))
        : null
  return (
    <form class="title-form" onSubmit={submit} noValidate>
      <label id="title-form-label" for="document-title-input">
        {t('document.title.label')}
      </label>
      <div class="inline-controls">
        <input
          ref={input}
          id="document-title-input"
          type="text"
          value={title}
          maxLength={300}
          required
          onInput={(event) => setTitle(event.currentTarget.value)}
          onKeyDown={(event) => event.key === 'Escape' && stop()}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? 'title-form-error' : undefined}
        />
        <button type="submit" class="button button-primary" aria-disabled={save.busy} aria-busy={save.busy}>
          {save.busy ? t('common.saving') : t('common.save')}
        </button>
        <button type="button" class="button button-quiet" onClick={stop}>
          {t('common.cancel')}
        </button>
      </div>
      {error && (
        <p id="title-form-error" class="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}
