import type { ComponentChildren } from 'preact'
import { useEffect, useId, useRef } from 'preact/hooks'
import { t } from '../i18n/i18n.ts'

/** The props of a confirmation dialog. */
export interface ConfirmDialogProps {
  open: boolean
  title: string
  confirmLabel: string
  onConfirm: () => void
  onCancel: () => void
  busy?: boolean
  /** What went wrong with the last attempt, announced in the dialog. */
  error?: string | null
  /** Keeps the confirm button inert until the person has done what the dialog asks (typed the title). */
  confirmBlocked?: boolean
  children?: ComponentChildren
}

/**
 * A modal <dialog> asking to confirm something that cannot be undone. It traps focus while open (the browser
 * does), closes on Escape, and the browser returns focus to what opened it. The first control marked
 * `data-autofocus` gets focus, else Cancel, so Enter never confirms by accident.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const {
    open,
    title,
    confirmLabel,
    onConfirm,
    onCancel,
    busy = false,
    error,
    confirmBlocked = false,
  } = props
  const dialog = useRef<HTMLDialogElement>(null)
  const cancel = useRef<HTMLButtonElement>(null)
  const titleId = useId()

  useEffect(() => {
    const element = dialog.current
    if (!element) return
    if (open && !element.open) {
      element.showModal()
      const first = element.querySelector<HTMLElement>('[data-autofocus]') ?? cancel.current
      first?.focus()
    } else if (!open && element.open) element.close()
  }, [open])

  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    if (!busy && !confirmBlocked) onConfirm()
  }

  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault()
        if (!busy) onCancel()
      }}
    >
      <form class="dialog-form" onSubmit={submit} noValidate>
        <h2 id={titleId}>{title}</h2>
        {props.children}
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <div class="actions">
          <button
            type="submit"
            class="button button-danger"
            aria-disabled={busy || confirmBlocked}
            aria-busy={busy}
          >
            {confirmLabel}
          </button>
          <button ref={cancel} type="button" class="button button-quiet" onClick={() => busy || onCancel()}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  )
}
