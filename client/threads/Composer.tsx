import { useId, useState } from 'preact/hooks'
import type { DocumentPerson, ThreadType } from '../api/types.ts'
import { shortcutLabel } from '../editor/shortcuts.ts'
import { formatNumber, t, tp } from '../i18n/i18n.ts'
import { DiffView } from './DiffView.tsx'
import { MentionTextarea } from './MentionTextarea.tsx'

/** The longest comment the server takes. */
export const maxBody = 10_000

/** From this length on, the counter shows how much room is left. */
const counterFrom = 9_000

/** What the composer hands back. */
export interface ComposedThread {
  body: string
  type: ThreadType
  proposedText: string | null
}

/** The props of the composer. */
export interface ComposerProps {
  /** The selected text, or null for a comment on the whole document. */
  quote: string | null
  people: readonly DocumentPerson[]
  onSubmit: (composed: ComposedThread) => void
  onCancel: () => void
}

const types: readonly ThreadType[] = ['general', 'technical', 'editorial']

/**
 * Writing a new thread: the comment (with @mentions), its type, and for selected text an optional proposed
 * change shown as a diff against the selection. Ctrl+Enter sends, Escape cancels.
 */
export function Composer({ quote, people, onSubmit, onCancel }: ComposerProps) {
  const id = useId()
  const [body, setBody] = useState('')
  const [type, setType] = useState<ThreadType>('general')
  const [proposing, setProposing] = useState(false)
  const [proposal, setProposal] = useState(quote ?? '')
  const [error, setError] = useState<string | null>(null)

  const submit = (event?: Event) => {
    event?.preventDefault()
    if (body.trim() === '') {
      setError(t('threads.composer.empty'))
      document.getElementById(`${id}-body`)?.focus()
      return
    }
    onSubmit({ body, type, proposedText: proposing && quote !== null ? proposal : null })
  }

  const left = maxBody - body.length
  const describedBy = [body.length >= counterFrom ? `${id}-counter` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ')

  return (
    <form
      class="composer"
      aria-label={quote === null ? t('threads.composer.titleDocument') : t('threads.composer.title')}
      onSubmit={submit}
      noValidate
    >
      {quote === null ? (
        <p class="thread-quote-document">{t('threads.wholeDocument')}</p>
      ) : (
        <blockquote class="thread-quote">{quote}</blockquote>
      )}
      <label for={`${id}-body`} class="composer-label">
        {t('threads.composer.body')}
      </label>
      <MentionTextarea
        id={`${id}-body`}
        value={body}
        onValue={(value) => {
          setBody(value)
          setError(null)
        }}
        people={people}
        maxLength={maxBody}
        rows={4}
        autoFocus
        describedBy={describedBy || undefined}
        invalid={Boolean(error)}
        onSubmit={submit}
        onEscape={onCancel}
      />
      {body.length >= counterFrom && (
        <p id={`${id}-counter`} class={left < 200 ? 'composer-counter is-low' : 'composer-counter'}>
          {tp('threads.composer.left', left)}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} class="field-error" role="alert">
          {error}
        </p>
      )}
      <div class="composer-row">
        <label for={`${id}-type`} class="composer-label">
          {t('threads.composer.type')}
        </label>
        <select
          id={`${id}-type`}
          value={type}
          onChange={(event) => setType(event.currentTarget.value as ThreadType)}
        >
          {types.map((value) => (
            <option key={value} value={value}>
              {t(`threads.type.${value}`)}
            </option>
          ))}
        </select>
      </div>
      {quote !== null && (
        <div class="composer-proposal">
          <div class="field-check">
            <input
              id={`${id}-propose`}
              type="checkbox"
              checked={proposing}
              onChange={(event) => setProposing(event.currentTarget.checked)}
            />
            <label for={`${id}-propose`}>{t('threads.composer.propose')}</label>
          </div>
          {proposing && (
            <>
              <label for={`${id}-proposal`} class="composer-label">
                {t('threads.composer.proposal')}
              </label>
              <textarea
                id={`${id}-proposal`}
                rows={3}
                maxLength={maxBody}
                value={proposal}
                onInput={(event) => setProposal(event.currentTarget.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Escape') {
                    event.preventDefault()
                    onCancel()
                  }
                }}
              />
              <p class="composer-label" id={`${id}-preview`}>
                {t('threads.composer.preview')}
              </p>
              <DiffView before={quote} after={proposal} />
            </>
          )}
        </div>
      )}
      <div class="actions">
        <button type="submit" class="button">
          {t('threads.composer.submit')}
        </button>
        <button type="button" class="button button-quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
      <p class="composer-hint">
        {t('threads.composer.hint', { max: formatNumber(maxBody), keys: shortcutLabel('Mod-Enter') })}
      </p>
    </form>
  )
}
