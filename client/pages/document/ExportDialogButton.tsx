import { useState } from 'preact/hooks'
import type { DocumentDetail } from '../../api/types.ts'
import { t } from '../../i18n/i18n.ts'
import { ExportDialog } from './ExportDialog.tsx'

/** "Export…": opens the export dialog for the document (every member may export the clean draft). */
export function ExportDialogButton({ document }: { document: DocumentDetail }) {
  const [open, setOpen] = useState(false)
  // Mounted on first use (no versions request for readers who never export), then kept for the focus return;
  // each opening lists the versions afresh.
  const [openings, setOpenings] = useState(0)
  return (
    <>
      <button
        type="button"
        class="button button-small"
        aria-haspopup="dialog"
        onClick={() => {
          setOpenings((n) => n + 1)
          setOpen(true)
        }}
      >
        {t('export.open')}
      </button>
      {openings > 0 && (
        <ExportDialog document={document} open={open} opening={openings} onClose={() => setOpen(false)} />
      )}
    </>
  )
}
