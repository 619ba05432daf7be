import type { ComponentChildren } from 'preact'
import { useEffect, useId, useRef, useState } from 'preact/hooks'
import { t } from '../i18n/i18n.ts'
import { normaliseImageInput, normaliseLinkInput } from './commands.ts'

/**
 * A small modal form (a <dialog>: the browser traps focus and closes it on Escape). Its first field gets
 * focus; `onClose` runs however it closes, so the host can put focus back in the text.
 */
function FormDialog(props: {
  title: string
  submitLabel: string
  onSubmit: () => boolean
  onClose: () => void
  extra?: ComponentChildren
  children: ComponentChildren
}) {
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  useEffect(() => {
    const element = dialog.current
    if (!element) return
    element.showModal()
    element.querySelector<HTMLElement>('input')?.focus()
    return () => {
      if (element.open) element.close()
    }
  }, [])
  return (
    <dialog
      ref={dialog}
      class="dialog editor-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault()
        props.onClose()
      }}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          if (props.onSubmit()) props.onClose()
        }}
      >
        <h2 id={titleId}>{props.title}</h2>
        {props.children}
        <div class="actions">
          <button type="submit" class="button button-primary">
            {props.submitLabel}
          </button>
          {props.extra}
          <button type="button" class="button button-quiet" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  )
}

/** A text field with its label, hint and error, wired with aria-describedby and aria-invalid. */
function DialogField(props: {
  label: string
  hint: string
  error: string | null
  value: string
  /** An address: the keyboard offers '/' and '.com' (the field stays type=text so our own check speaks). */
  url?: boolean
  onInput: (value: string) => void
}) {
  const id = useId()
  const describedBy = [`${id}-hint`, props.error ? `${id}-error` : ''].filter(Boolean).join(' ')
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <p id={`${id}-hint`} class="field-hint">
        {props.hint}
      </p>
      <input
        id={id}
        type="text"
        inputMode={props.url ? 'url' : undefined}
        value={props.value}
        autocomplete="off"
        spellcheck={false}
        aria-invalid={Boolean(props.error)}
        aria-describedby={describedBy}
        onInput={(event) => props.onInput(event.currentTarget.value)}
      />
      {props.error && (
        <p id={`${id}-error`} class="field-error" role="alert">
          {props.error}
        </p>
      )}
    </div>
  )
}

/** Asks for a link's address (http, https or mailto); offers to remove the link when there is one. */
export function LinkDialog(props: {
  initial: string
  onApply: (href: string) => void
  onRemove: (() => void) | null
  onClose: () => void
}) {
  const [value, setValue] = useState(props.initial)
  const [error, setError] = useState<string | null>(null)
  const submit = () => {
    const href = normaliseLinkInput(value)
    if (!href) {
      setError(t('editor.link.invalid'))
      return false
    }
    props.onApply(href)
    return true
  }
  const remove = props.onRemove
  return (
    <FormDialog
      title={t('editor.link.title')}
      submitLabel={t('editor.link.apply')}
      onSubmit={submit}
      onClose={props.onClose}
      extra={
        remove && (
          <button
            type="button"
            class="button button-quiet"
            onClick={() => {
              remove()
              props.onClose()
            }}
          >
            {t('editor.link.remove')}
          </button>
        )
      }
    >
      <DialogField
        label={t('editor.link.url')}
        hint={t('editor.link.hint')}
        error={error}
        value={value}
        url
        onInput={(next) => {
          setValue(next)
          setError(null)
        }}
      />
    </FormDialog>
  )
}

/** Asks for an image's address and its text alternative. */
export function ImageDialog(props: { onInsert: (src: string, alt: string) => void; onClose: () => void }) {
  const [src, setSrc] = useState('')
  const [alt, setAlt] = useState('')
  const [error, setError] = useState<string | null>(null)
  const submit = () => {
    const safe = normaliseImageInput(src)
    if (!safe) {
      setError(t('editor.image.invalid'))
      return false
    }
    props.onInsert(safe, alt)
    return true
  }
  return (
    <FormDialog
      title={t('editor.image.title')}
      submitLabel={t('editor.image.insert')}
      onSubmit={submit}
      onClose={props.onClose}
    >
      <DialogField
        label={t('editor.image.url')}
        hint={t('editor.image.hint')}
        error={error}
        value={src}
        url
        onInput={(next) => {
          setSrc(next)
          setError(null)
        }}
      />
      <DialogField
        label={t('editor.image.alt')}
        hint={t('editor.image.altHint')}
        error={null}
        value={alt}
        onInput={setAlt}
      />
    </FormDialog>
  )
}
