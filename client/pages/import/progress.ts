import { ApiError } from '../../api/errors.ts'
import type { ImportResult, UploadProgress } from '../../api/imports.ts'
import { describeError } from '../../components/errorText.ts'
import { formatNumber, type MessageKey, t, tp } from '../../i18n/i18n.ts'

/** The largest file the server takes (20 MiB), checked in the browser first to spare a doomed upload. */
export const maxImportBytes = 20 * 1024 * 1024

/** What the file pickers accept: Word, Markdown and HTML, by extension and type. */
export const importAccept =
  '.docx,.md,.markdown,.html,.htm,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/markdown,text/html'

/** The share of an upload sent, as a whole percentage from 0 to 100 (0 while the size is unknown). */
export function uploadPercent(progress: UploadProgress): number {
  if (progress.phase === 'processing') return 100
  if (progress.total <= 0) return 0
  return Math.min(100, Math.max(0, Math.floor((progress.loaded / progress.total) * 100)))
}

/** A size in bytes as people read it, in the interface language: "850 bytes", "12.5 kB", "20 MB". */
export function formatBytes(bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const
  let value = Math.max(0, bytes)
  let unit = 0
  // Steps of 1024, as file managers count: the 20 MiB limit reads "20 MB".
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return formatNumber(value, {
    style: 'unit',
    unit: units[unit],
    // "11 bytes", but "12.5 kB" and "20 MB".
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  })
}

/** The line beside the progress bar: how much of the file is sent, or that the server is working on it. */
export function progressText(progress: UploadProgress): string {
  if (progress.phase === 'processing') return t('import.processing')
  return t('import.uploading', {
    percent: formatNumber(uploadPercent(progress) / 100, { style: 'percent' }),
    loaded: formatBytes(progress.loaded),
    total: formatBytes(progress.total),
  })
}

/** Why a chosen file will not do before it is sent (its kind or its size), or null when it may be sent. */
export function fileProblem(file: { name: string; size: number }): string | null {
  if (!/\.(docx|md|markdown|html?)$/i.test(file.name)) return t('import.error.wrongType')
  if (file.size > maxImportBytes) return t('import.error.tooBig', { max: formatBytes(maxImportBytes) })
  return null
}

/** The sentences that say what an import did: a version of the text before was kept; threads kept or orphaned. */
export function importOutcome(result: ImportResult): string[] {
  const lines = [t('import.versionKept')]
  if (result.threads.anchored > 0) lines.push(tp('import.threads.anchored', result.threads.anchored))
  if (result.threads.orphaned > 0) lines.push(tp('import.threads.orphaned', result.threads.orphaned))
  return lines
}

/** A file name without its extension, as the title a file suggests ("Guidelines v2.docx" → "Guidelines v2"). */
export function titleFromFileName(name: string): string {
  return name.replace(/\.(docx|md|markdown|html?|txt)$/i, '').trim()
}

/**
 * Why an upload failed, in lines to show: our words for 413 / 415 / 400, then the server's own message
 * (which names the limit or the problem); a cancelled upload says so; anything else as other calls do,
 * `overrides` wording codes that mean something particular where the upload was made.
 */
export function uploadErrorLines(
  error: unknown,
  overrides: Partial<Record<string, MessageKey>> = {},
): string[] {
  if (error instanceof DOMException && error.name === 'AbortError') return [t('import.error.cancelled')]
  if (!(error instanceof ApiError)) return [describeError(error, overrides)]
  const lead =
    error.status === 413
      ? t('import.error.tooLarge')
      : error.status === 415
        ? t('import.error.unsupported')
        : error.status === 400
          ? t('import.error.unreadable')
          : null
  if (lead === null) return [describeError(error, overrides)]
  return error.message ? [lead, t('import.error.serverSaid', { message: error.message })] : [lead]
}
