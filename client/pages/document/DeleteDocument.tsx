import { useState } from 'preact/hooks'
import { deleteDocument } from '../../api/documents.ts'
import type { DocumentDetail } from '../../api/types.ts'
import { useAction } from '../../app/useAction.ts'
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx'
import { describeError } from '../../components/errorText.ts'
import { t } from '../../i18n/i18n.ts'
import { navigate } from '../../router.ts'

/** For owners (`delete`): a Delete button and a dialog that asks for the title to be typed before it deletes. */
export function DeleteDocument({ document }: { document: DocumentDetail }) {
  const [open, setOpen] = useState(false)
  const [typed, setTyped] = useState('')
  const remove = useAction(() => deleteDocument(document.id))
  const matches = typed.trim() === document.title.trim()

  const confirm = async () => {
    if (await remove.run()) navigate('/')
  }
  const cancel = () => {
    setOpen(false)
    setTyped('')
    remove.clear()
  }
  return (
    <section class="danger-zone" aria-labelledby="danger-heading">
      <h2 id="danger-heading">{t('document.delete.heading')}</h2>
      <p>{t('document.delete.intro')}</p>
      <button type="button" class="button button-danger" onClick={() => setOpen(true)}>
        {t('document.delete.button')}
      </button>
      <ConfirmDialog
        open={open}
        title={t('document.delete.confirmTitle')}
        confirmLabel={remove.busy ? t('document.delete.busy') : t('document.delete.confirm')}
        onConfirm={confirm}
        onCancel={cancel}
        busy={remove.busy}
        confirmBlocked={!matches}
        error={remove.error ? describeError(remove.error) : null}
      >
        <p>{t('document.delete.warning', { title: document.title })}</p>
        <div class="field">
          <label for="delete-confirm-title">{t('document.delete.typeTitle')}</label>
          <input
            id="delete-confirm-title"
            type="text"
            autocomplete="off"
            value={typed}
            data-autofocus
            onInput={(event) => setTyped(event.currentTarget.value)}
            aria-describedby="delete-confirm-hint"
          />
          <p id="delete-confirm-hint" class="field-hint" aria-live="polite">
            {typed !== '' && !matches ? t('document.delete.mismatch') : ''}
          </p>
        </div>
      </ConfirmDialog>
    </section>
  )
}
