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
 * Chromium). Mounted while open: it opens as a modal <dialog>, Escape cancels a download on its way or else
 * closes, and closing returns focus to what opened it.
 */
export function ExportDialog({ document, onClose }: { document: DocumentDetail; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const withComments = document.capabilities.includes('export_with_comments')
  const [choice, setChoice] = useState<ExportChoice>({ format: 'docx', comments: 'none', version: null })
  const download = useDownload()
  const [versions] = useLoad(
    (signal) => listVersions(document.id, signal).then((page) => page.items),
    document.id,
  )

  useEffect(() => {
    const element = dialog.current
    const opener = globalThis.document.activeElement as HTMLElement | null
    element?.showModal()
    element?.querySelector<HTMLElement>('input:checked')?.focus()
    return () => {
      if (element?.open) element.close()
      opener?.focus()
    }
  }, [])

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
        else onClose()
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
          <button type="button" class="button button-quiet" onClick={onClose}>
            {t('export.close')}
          </button>
        </div>
      </form>
    </dialog>
  )
}
