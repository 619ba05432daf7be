import { chromium } from 'playwright-core'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { UnavailableError } from '../errors.ts'
import { chromiumAvailable, closePdfBrowser, renderPdf } from './pdf.ts'

const hasChromium = await chromiumAvailable()
afterAll(() => closePdfBrowser())

describe('renderPdf', () => {
  it('answers 503 unavailable, saying how to install Chromium, when it is absent', async () => {
    const refused = renderPdf('<!doctype html><title>x</title>', '/nonexistent/chromium')
    await expect(refused).rejects.toBeInstanceOf(UnavailableError)
    await expect(refused).rejects.toMatchObject({ status: 503, code: 'unavailable' })
    await expect(refused).rejects.toThrow(/apt-get install chromium/)
  })

  it.skipIf(!hasChromium && process.env.CI !== 'true')(
    'keeps one browser warm across prints, and launches a new one once it is closed',
    async () => {
      const launch = vi.spyOn(chromium, 'launch')
      try {
        await closePdfBrowser()
        const page = (n: number) => `<!doctype html><title>Page ${n}</title><p>Page ${n}</p>`
        const [first, second] = await Promise.all([renderPdf(page(1)), renderPdf(page(2))])
        const third = await renderPdf(page(3))
        for (const pdf of [first, second, third])
          expect(Buffer.from(pdf).subarray(0, 5).toString()).toBe('%PDF-')
        expect(launch).toHaveBeenCalledTimes(1)
        await closePdfBrowser()
        await renderPdf(page(4))
        expect(launch).toHaveBeenCalledTimes(2)
      } finally {
        launch.mockRestore()
      }
    },
    60_000,
  )
})
