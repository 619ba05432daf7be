import type { ComponentChildren } from 'preact'

/** The ids an input's aria-describedby lists: its hint and its error, when shown. */
export function describedBy(id: string, hint?: string | null, error?: string | null): string | undefined {
  return [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined
}

/** A field's frame: label above, then a hint, the control, and the error in words beneath it. */
export function FieldFrame({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string
  label: string
  hint?: string | null | undefined
  error?: string | null | undefined
  children: ComponentChildren
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} class="field-hint">
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      )}
    </div>
  )
}

/** The props of a labelled text input. */
export interface TextFieldProps {
  id: string
  label: string
  value: string
  onValue: (value: string) => void
  type?: 'text' | 'email' | 'password' | 'number' | 'url'
  hint?: string | null | undefined
  error?: string | null | undefined
  autocomplete?: string
  required?: boolean
  readOnly?: boolean
  minLength?: number
  maxLength?: number
  min?: number
  max?: number
  inputRef?: { current: HTMLInputElement | null }
}

/** A labelled text input with its hint and error tied to it for screen readers. */
export function TextField({
  id,
  label,
  value,
  onValue,
  type = 'text',
  hint,
  error,
  inputRef,
  ...rest
}: TextFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <input
        ref={inputRef}
        id={id}
        name={id}
        // Preact's input types pair each `type` with its allowed roles; a union of types needs one member named.
        type={type as 'text'}
        value={value}
        onInput={(event) => onValue(event.currentTarget.value)}
        aria-invalid={Boolean(error)}
        aria-describedby={describedBy(id, hint, error)}
        {...rest}
      />
    </FieldFrame>
  )
}

/** A labelled checkbox, the label beside the box. */
export function CheckboxField({
  id,
  label,
  checked,
  onChecked,
  hint,
}: {
  id: string
  label: string
  checked: boolean
  onChecked: (checked: boolean) => void
  hint?: string
}) {
  return (
    <div class="field field-check">
      <input
        id={id}
        name={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChecked(event.currentTarget.checked)}
        aria-describedby={describedBy(id, hint)}
      />
      <label for={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} class="field-hint">
          {hint}
        </p>
      )}
    </div>
  )
}
