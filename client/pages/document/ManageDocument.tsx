import { useState } from 'preact/hooks'
import { phaseTransitions } from '../../../shared/phases.ts'
import { type DocumentChanges, updateDocument } from '../../api/documents.ts'
import { isApiError } from '../../api/errors.ts'
import type { DocumentDetail } from '../../api/types.ts'
import { useAction } from '../../app/useAction.ts'
import { describeError, fieldErrors } from '../../components/errorText.ts'
import { describedBy } from '../../components/Field.tsx'
import { t } from '../../i18n/i18n.ts'
import { fromLocalInput, localTimeZone, toLocalInput } from './deadline.ts'

/**
 * For members with `manage_phases`: move the document to a phase the rules allow from where it stands, and
 * set or remove the comment deadline. A change someone else made meanwhile (409) offers a reload.
 */
export function ManageDocument({
  document,
  onUpdated,
  onReload,
}: {
  document: DocumentDetail
  onUpdated: (document: DocumentDetail) => void
  onReload: () => void
}) {
  const [deadline, setDeadline] = useState(toLocalInput(document.commentDeadline))
  const [localError, setLocalError] = useState<string | null>(null)
  const [done, setDone] = useState('')
  const change = useAction((changes: DocumentChanges) => updateDocument(document.id, changes))

  const apply = async (changes: DocumentChanges, message: string) => {
    setDone('')
    setLocalError(null)
    const answer = await change.run(changes)
    if (!answer) return
    onUpdated(answer.value)
    setDeadline(toLocalInput(answer.value.commentDeadline))
    setDone(message)
  }
  const saveDeadline = (event: SubmitEvent) => {
    event.preventDefault()
    const iso = fromLocalInput(deadline)
    if (!iso) return setLocalError(t('document.deadline.errorMissing'))
    if (Date.parse(iso) <= Date.now()) return setLocalError(t('document.deadline.errorPast'))
    void apply({ commentDeadline: iso }, t('document.deadline.saved'))
  }

  const conflict = isApiError(change.error, 'conflict')
  const deadlineError =
    localError ??
    fieldErrors(change.error, { commentDeadline: 'document.deadline.errorPast' }).commentDeadline
  const hint = t('document.deadline.timeZone', { zone: localTimeZone() })
  return (
    <section class="manage" aria-labelledby="manage-heading">
      <h2 id="manage-heading">{t('document.manage.heading')}</h2>
      <fieldset class="manage-group">
        <legend class="manage-label">{t('document.phase.change')}</legend>
        <div class="actions">
          {phaseTransitions[document.phase].map((phase) => (
            <button
              key={phase}
              type="button"
              class="button"
              aria-disabled={change.busy}
              onClick={() => apply({ phase }, t('document.phase.changed', { phase: t(`phase.${phase}`) }))}
            >
              {t('document.phase.moveTo', { phase: t(`phase.${phase}`) })}
            </button>
          ))}
        </div>
      </fieldset>
      <form class="manage-group" onSubmit={saveDeadline} noValidate>
        <label for="deadline-input" class="manage-label">
          {t('document.deadline.label')}
        </label>
        <p id="deadline-input-hint" class="field-hint">
          {hint}
        </p>
        <div class="inline-controls">
          <input
            id="deadline-input"
            type="datetime-local"
            value={deadline}
            min={toLocalInput(Date.now())}
            onInput={(event) => setDeadline(event.currentTarget.value)}
            aria-invalid={Boolean(deadlineError)}
            aria-describedby={describedBy('deadline-input', hint, deadlineError)}
          />
          <button type="submit" class="button" aria-disabled={change.busy}>
            {t('document.deadline.save')}
          </button>
          {document.commentDeadline && (
            <button
              type="button"
              class="button button-quiet"
              aria-disabled={change.busy}
              onClick={() => apply({ commentDeadline: null }, t('document.deadline.removed'))}
            >
              {t('document.deadline.remove')}
            </button>
          )}
        </div>
        {deadlineError && (
          <p id="deadline-input-error" class="field-error" role="alert">
            {deadlineError}
          </p>
        )}
      </form>
      {change.error !== null && !deadlineError && (
        <div class="form-error" role="alert">
          <p>{conflict ? t('document.manage.conflict') : describeError(change.error)}</p>
          {conflict && (
            <button type="button" class="button" onClick={onReload}>
              {t('document.manage.reload')}
            </button>
          )}
        </div>
      )}
      <p class="status-line" role="status">
        {change.busy ? t('common.saving') : done}
      </p>
    </section>
  )
}
