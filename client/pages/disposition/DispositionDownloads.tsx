import { type DispositionFilters, dispositionFormats, dispositionPath } from '../../api/exports.ts'
import { useDownload } from '../../app/useDownload.ts'
import { DownloadStatus } from '../../components/DownloadStatus.tsx'
import { t } from '../../i18n/i18n.ts'

/**
 * Buttons that download the disposition as .xlsx, .csv or .docx with the filters in use, one at a time,
 * with progress and a way to cancel.
 */
export function DispositionDownloads({
  documentId,
  title,
  filters,
}: {
  documentId: string
  title: string
  filters: DispositionFilters
}) {
  const download = useDownload()
  return (
    <section class="disposition-downloads" aria-labelledby="disposition-downloads-heading">
      <h2 id="disposition-downloads-heading" class="visually-hidden">
        {t('disposition.download.heading')}
      </h2>
      <div class="actions">
        {dispositionFormats.map((format) => (
          <button
            key={format}
            type="button"
            class="button"
            aria-disabled={download.busy}
            onClick={() => {
              if (download.busy) return
              void download.start(
                dispositionPath(documentId, format, filters),
                `${title} (disposition of comments).${format}`,
              )
            }}
          >
            {t(`disposition.download.${format}`)}
          </button>
        ))}
      </div>
      <DownloadStatus download={download} />
    </section>
  )
}
