import { useId } from 'preact/hooks'
import {
  type CommentMode,
  commentModes,
  type DraftFormat,
  draftFormats,
  type ExportChoice,
} from '../../api/exports.ts'
import type { Version } from '../../api/versions.ts'
import type { LoadState } from '../../app/useLoad.ts'
import { formatDate, t } from '../../i18n/i18n.ts'

/** The props of the export dialog's choices. */
export interface ExportDialogFieldsProps {
  choice: ExportChoice
  onChange: (choice: ExportChoice) => void
  /** Whether the person may export with comments (`export_with_comments`); others get the clean draft. */
  withComments: boolean
  versions: LoadState<Version[]>
  disabled: boolean
}

/**
 * What to export: the format (Word, Markdown, HTML, PDF), the comments (none, open, all — only for those
 * who may export them) and the source (the current text or a named version).
 */
export function ExportDialogFields({
  choice,
  onChange,
  withComments,
  versions,
  disabled,
}: ExportDialogFieldsProps) {
  const id = useId()
  const set = (change: Partial<ExportChoice>) => onChange({ ...choice, ...change })
  return (
    <>
      <fieldset class="choice-group" disabled={disabled}>
        <legend>{t('export.format')}</legend>
        {draftFormats.map((format: DraftFormat) => (
          <label key={format} class="field-check">
            <input
              type="radio"
              name={`${id}-format`}
              value={format}
              checked={choice.format === format}
              onChange={() => set({ format })}
            />
            {t(`export.format.${format}`)}
          </label>
        ))}
      </fieldset>
      {withComments ? (
        <fieldset class="choice-group" disabled={disabled}>
          <legend>{t('export.comments')}</legend>
          {commentModes.map((comments: CommentMode) => (
            <label key={comments} class="field-check">
              <input
                type="radio"
                name={`${id}-comments`}
                value={comments}
                checked={choice.comments === comments}
                onChange={() => set({ comments })}
              />
              {t(`export.comments.${comments}`)}
            </label>
          ))}
        </fieldset>
      ) : (
        <p class="field-hint">{t('export.cleanOnly')}</p>
      )}
      <div class="field">
        <label for={`${id}-source`}>{t('export.source')}</label>
        <select
          id={`${id}-source`}
          value={choice.version ?? ''}
          disabled={disabled}
          aria-describedby={versions.status === 'ready' ? undefined : `${id}-source-hint`}
          onChange={(event) => set({ version: event.currentTarget.value || null })}
        >
          <option value="">{t('export.source.current')}</option>
          {versions.status === 'ready' &&
            versions.data.map((version) => (
              <option key={version.id} value={version.id}>
                {t('export.source.version', {
                  name: version.name,
                  date: formatDate(version.createdAt, { dateStyle: 'medium', timeStyle: 'short' }),
                })}
              </option>
            ))}
        </select>
        {versions.status === 'loading' && (
          <p id={`${id}-source-hint`} class="field-hint">
            {t('export.source.loading')}
          </p>
        )}
        {versions.status === 'error' && (
          <p id={`${id}-source-hint`} class="field-hint">
            {t('export.source.failed')}
          </p>
        )}
      </div>
    </>
  )
}
