import { describe, expect, it } from 'vitest'
import { ApiError } from '../api/errors.ts'
import { t } from '../i18n/i18n.ts'
import { downloadErrorText, formatSize, percentReceived, progressText } from './downloadText.ts'

describe('download progress in words', () => {
  it('is a whole percentage when the size is known, and none otherwise', () => {
    expect(percentReceived({ received: 0, total: 200 })).toBe(0)
    expect(percentReceived({ received: 199, total: 200 })).toBe(99)
    expect(percentReceived({ received: 200, total: 200 })).toBe(100)
    expect(percentReceived({ received: 10, total: null })).toBeNull()
  })

  it('gives sizes in bytes, kilobytes and megabytes', () => {
    expect(formatSize(512)).toBe('512 byte')
    expect(formatSize(41_200)).toBe('41.2 kB')
    expect(formatSize(1_450_000)).toBe('1.5 MB')
    expect(progressText({ received: 41_200, total: 1_450_000 })).toBe('41.2 kB of 1.5 MB')
    expect(progressText({ received: 41_200, total: null })).toBe('41.2 kB')
  })
})

describe('why a download failed', () => {
  it('says what a 503, an ended session and a refusal mean, and lets the caller word a code', () => {
    const unavailable = new ApiError(503, 'unavailable', 'PDF export needs Chromium')
    expect(downloadErrorText(unavailable)).toBe(t('download.error.unavailable'))
    expect(downloadErrorText(unavailable, { unavailable: 'export.error.pdfUnavailable' })).toBe(
      t('export.error.pdfUnavailable'),
    )
    expect(downloadErrorText(new ApiError(401, 'unauthenticated', ''))).toBe(t('download.error.signedOut'))
    expect(downloadErrorText(new ApiError(403, 'forbidden', ''))).toBe(t('download.error.forbidden'))
    expect(downloadErrorText(new ApiError(0, 'network_error', ''))).toBe(t('common.error.network'))
  })
})
