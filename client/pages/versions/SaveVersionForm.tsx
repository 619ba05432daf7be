import { useState } from 'preact/hooks'
import { saveVersion, type Version } from '../../api/versions.ts'
import { useAction } from '../../app/useAction.ts'
import { describeError, fieldErrors } from '../../components/errorText.ts'
import { TextField } from '../../components/Field.tsx'
import { t } from '../../i18n/i18n.ts'

/** For editors (`manage_versions`): names and keeps a version of the text and every thread's state now. */
export function SaveVersionForm({
  documentId,
  onSaved,
}: {
  documentId: string
  onSaved: (v: Version) => void
}) {
  const [name, setName] = useState('')
  const [tried, setTried] = useState(false)
  const [saved, setSaved] = useState<string | null>(null)
  const save = useAction(() => saveVersion(documentId, name.trim()))
  const invalid = name.trim() === '' || name.trim().length > 200
  const error =
    (tried && invalid ? t('versions.save.error.name') : null) ??
    fieldErrors(save.error, { name: 'versions.save.error.name' }).name

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    setTried(true)
    setSaved(null)
    if (invalid) return window.document.getElementById('version-name')?.focus()
    const answer = await save.run()
    if (!answer) return
    setSaved(answer.value.name)
    setName('')
    setTried(false)
    onSaved(answer.value)
  }

  return (
    <form class="form panel save-version" onSubmit={submit} noValidate aria-labelledby="save-version-heading">
      <h2 id="save-version-heading">{t('versions.save.heading')}</h2>
      <TextField
        id="version-name"
        label={t('versions.save.label')}
        hint={t('versions.save.hint')}
        value={name}
        onValue={(value) => {
          setName(value)
          save.clear()
        }}
        maxLength={200}
        required
        error={error}
      />
      {save.error !== null && !error && (
        <p class="form-error" role="alert">
          {describeError(save.error)}
        </p>
      )}
      <p class="status-line" role="status">
        {saved ? t('versions.save.done', { name: saved }) : ''}
      </p>
      <div class="actions">
        <button type="submit" class="button button-primary" aria-disabled={save.busy} aria-busy={save.busy}>
          {save.busy ? t('versions.save.busy') : t('versions.save.submit')}
        </button>
      </div>
    </form>
  )
}
