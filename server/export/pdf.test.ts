import { describe, expect, it } from 'vitest'
import { UnavailableError } from '../errors.ts'
import { renderPdf } from './pdf.ts'

describe('renderPdf', () => {
  it('answers 503 unavailable, saying how to install Chromium, when it is absent', async () => {
    const refused = renderPdf('<!doctype html><title>x</title>', '/nonexistent/chromium')
    await expect(refused).rejects.toBeInstanceOf(UnavailableError)
    await expect(refused).rejects.toMatchObject({ status: 503, code: 'unavailable' })
    await expect(refused).rejects.toThrow(/apt-get install chromium/)
  })
})
