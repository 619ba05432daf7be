import { constants } from 'node:fs'
import { access } from 'node:fs/promises'
import { UnavailableError } from '../errors.ts'

/** Where Debian's Chromium lives (`apt-get install chromium`). */
export const chromiumPath = '/usr/bin/chromium'

/** Flags for a headless Chromium in a container, as measured in STACK-NOTES §6. */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-dev-shm-usage',
]

/** At most this many browsers print at once: each takes about 200 MB. Further exports wait their turn. */
const maxConcurrentPrints = 2
const printTimeoutMs = 60_000

let printing = 0
const waiting: Array<() => void> = []

async function takeTurn(): Promise<() => void> {
  if (printing >= maxConcurrentPrints) await new Promise<void>((resolve) => waiting.push(resolve))
  printing++
  return () => {
    printing--
    waiting.shift()?.()
  }
}

const footerTemplate =
  '<div style="font: 8px sans-serif; color: #666; width: 100%; padding: 0 18mm; display: flex; justify-content: space-between;">' +
  '<span class="title"></span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>'

/** True when Chromium is installed where the PDF export looks for it. */
export async function chromiumAvailable(executablePath = chromiumPath): Promise<boolean> {
  try {
    await access(executablePath, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * Prints a page of the HTML export to PDF with Chromium through playwright-core: A4, tagged, with an outline
 * from the headings and page numbers in the footer. The browser is launched for this export and closed after
 * (a launch costs about 0.2 s); scripts are off and every network request is refused, so printing can never
 * fetch a URL named in a document. 503 `unavailable` when Chromium or playwright-core is missing.
 */
export async function renderPdf(html: string, executablePath = chromiumPath): Promise<Uint8Array> {
  if (!(await chromiumAvailable(executablePath))) {
    throw new UnavailableError(
      `PDF export needs Chromium, which is not installed on this server (looked for ${executablePath}). An administrator can install it with: apt-get install chromium`,
    )
  }
  let chromium: typeof import('playwright-core').chromium
  try {
    ;({ chromium } = await import('playwright-core'))
  } catch {
    throw new UnavailableError(
      'PDF export needs the playwright-core package, which is not installed with this server. Install it with: npm install playwright-core',
    )
  }
  const done = await takeTurn()
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined
  let finished = false
  let timer: NodeJS.Timeout | undefined
  const print = async (): Promise<Uint8Array> => {
    const launched = await chromium.launch({ executablePath, args: chromiumArgs, timeout: printTimeoutMs })
    browser = launched
    if (finished) {
      await launched.close()
      throw new Error('timed out')
    }
    const context = await launched.newContext({ javaScriptEnabled: false, offline: true })
    const page = await context.newPage()
    await page.route('**/*', (route) => route.abort())
    await page.setContent(html, { waitUntil: 'load', timeout: printTimeoutMs })
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      tagged: true,
      outline: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate,
    })
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength)
  }
  const job = print()
  // After a timeout the browser is closed under it; its failure then is expected and ignored.
  job.catch(() => {})
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new UnavailableError('Printing the PDF took longer than a minute. Try again later.')),
      printTimeoutMs,
    )
  })
  try {
    return await Promise.race([job, timeout])
  } finally {
    finished = true
    clearTimeout(timer)
    await browser?.close().catch(() => {})
    done()
  }
}
