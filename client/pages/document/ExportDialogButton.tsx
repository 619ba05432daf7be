import { useState } from 'preact/hooks'
import type { DocumentDetail } from '../../api/types.ts'
import { t } from '../../i18n/i18n.ts'
import { ExportDialog } from './ExportDialog.tsx'

/** "Export…": opens the export dialog for the document (every member may export the clean draft). */
export function ExportDialogButton({ document }: { document: DocumentDetail }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" class="button button-small" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {t('export.open')}
      </button>
      {open && <ExportDialog document={document} onClose={() => setOpen(false)} />}
    </>
  )
}
