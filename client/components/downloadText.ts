import type { DownloadProgress } from '../api/download.ts'
import { formatNumber, type MessageKey, t } from '../i18n/i18n.ts'
import { describeError } from './errorText.ts'

/** The share of a file that has arrived, as a whole percentage from 0 to 100; null when the size is unknown. */
export function percentReceived({ received, total }: DownloadProgress): number | null {
  if (total === null || total <= 0) return null
  return Math.min(100, Math.floor((received / total) * 100))
}

/** A size in the current locale: bytes below 1 kB, then kB, then MB with one decimal ("1.4 MB"). */
export function formatSize(bytes: number): string {
  const [value, unit] =
    bytes < 1000
      ? [bytes, 'byte']
      : bytes < 1_000_000
        ? [bytes / 1000, 'kilobyte']
        : [bytes / 1e6, 'megabyte']
  return formatNumber(value, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 })
}

/** How far a download is, in words: "412 kB of 1.4 MB" or, with no size given, "412 kB". */
export function progressText(progress: DownloadProgress): string {
  return progress.total === null
    ? formatSize(progress.received)
    : t('download.progress', { received: formatSize(progress.received), total: formatSize(progress.total) })
}

/**
 * Why a download failed, in plain words: the general wording of describeError, with downloads' own words for
 * a server that cannot make the file (503), a session that ended, and a refusal; `overrides` word codes
 * that mean something particular where the download was started.
 */
export function downloadErrorText(
  error: unknown,
  overrides: Partial<Record<string, MessageKey>> = {},
): string {
  return describeError(error, {
    unavailable: 'download.error.unavailable',
    unauthenticated: 'download.error.signedOut',
    forbidden: 'download.error.forbidden',
    invalid_request: 'download.error.invalid',
    ...overrides,
  })
}
