import '../../styles/exports.css'
import { useEffect, useId, useRef, useState } from 'preact/hooks'
import { type ExportChoice, exportPath } from '../../api/exports.ts'
import type { DocumentDetail } from '../../api/types.ts'
import { listVersions } from '../../api/versions.ts'
import { useDownload } from '../../app/useDownload.ts'
import { useLoad } from '../../app/useLoad.ts'
import { DownloadStatus } from '../../components/DownloadStatus.tsx'
import { t } from '../../i18n/i18n.ts'
import { ExportDialogFields } from './ExportDialogFields.tsx'

/**
 * The export dialog: choose a format, the comments (for editors and owners) and the source, then download
 * with "Preparing…" and progress, cancellable, with a plain reason when it fails (say PDF on a server without
 * Chromium). A modal <dialog> shown while `open`: Escape cancels a download on its way or else closes, closing
 * cancels any download, and the browser returns focus to what opened it. It keeps the last choice between
 * openings.
 */
export function ExportDialog({
  document,
  open,
  opening,
  onClose,
}: {
  document: DocumentDetail
  open: boolean
  /** Counts the openings: each one lists the versions again. */
  opening: number
  onClose: () => void
}) {
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const withComments = document.capabilities.includes('export_with_comments')
  // Those who may export comments usually want them: the Word file with every comment is the default.
  const [choice, setChoice] = useState<ExportChoice>({
    format: 'docx',
    comments: withComments ? 'all' : 'none',
    version: null,
  })
  const download = useDownload()
  const [versions] = useLoad(
    (signal) => listVersions(document.id, signal).then((page) => page.items),
    `${document.id}:${opening}`,
  )

  useEffect(() => {
    const element = dialog.current
    if (!element) return
    if (open && !element.open) {
      download.reset()
      element.showModal()
      element.querySelector<HTMLElement>('input:checked')?.focus()
    } else if (!open && element.open) element.close()
  }, [open])

  // Closing cancels a download on its way; the browser gives focus back to what opened the dialog.
  const close = () => {
    download.cancel()
    onClose()
  }
  const change = (next: ExportChoice) => {
    setChoice(next)
    download.reset()
  }
  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    if (download.busy) return
    const comments = withComments ? choice.comments : 'none'
    void download.start(
      exportPath(document.id, { ...choice, comments }),
      `${document.title}.${choice.format}`,
    )
  }

  return (
    <dialog
      ref={dialog}
      class="dialog export-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault()
        if (download.busy) download.cancel()
        else close()
      }}
    >
      <form class="dialog-form" onSubmit={submit} noValidate>
        <h2 id={titleId}>{t('export.title')}</h2>
        <ExportDialogFields
          choice={choice}
          onChange={change}
          withComments={withComments}
          versions={versions}
          disabled={download.busy}
        />
        <DownloadStatus
          download={download}
          errorOverrides={choice.format === 'pdf' ? { unavailable: 'export.error.pdfUnavailable' } : {}}
        />
        <div class="actions">
          <button
            type="submit"
            class="button button-primary"
            aria-disabled={download.busy}
            aria-busy={download.busy}
          >
            {t('export.download')}
          </button>
          <button type="button" class="button button-quiet" onClick={close}>
            {t('export.close')}
          </button>
        </div>
      </form>
    </dialog>
  )
}
