import { useRef, useState } from 'preact/hooks'
import { t } from '../i18n/i18n.ts'
import { describedBy } from './Field.tsx'

/**
 * A link to hand on (an invitation, a password link): read-only, with a Copy button. Where the clipboard is
 * unavailable (no permission, plain http), the text is selected instead so the person can copy it themselves.
 */
export function CopyField({
  id,
  label,
  value,
  hint,
}: {
  id: string
  label: string
  value: string
  hint?: string
}) {
  const input = useRef<HTMLInputElement>(null)
  const [status, setStatus] = useState<'idle' | 'copied' | 'selected'>('idle')
  const selectText = () => {
    input.current?.focus()
    input.current?.select()
  }
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value)
      setStatus('copied')
    } catch {
      selectText()
      setStatus('selected')
    }
  }
  return (
    <div class="field copy-field">
      <label for={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} class="field-hint">
          {hint}
        </p>
      )}
      <div class="copy-row">
        <input
          ref={input}
          id={id}
          type="text"
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
          aria-describedby={describedBy(id, hint)}
          dir="ltr"
        />
        <button type="button" class="button" onClick={copy}>
          {t('copy.button')}
        </button>
      </div>
      <p class="field-hint" role="status">
        {status === 'copied' ? t('copy.copied') : status === 'selected' ? t('copy.selected') : ''}
      </p>
    </div>
  )
}
