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

type Chromium = typeof import('playwright-core').chromium
type Browser = Awaited<ReturnType<Chromium['launch']>>

/** A browser is kept this long after its last print, so a run of exports pays the launch (0.3–0.7 s) once. */
const browserIdleMs = 60_000

/** The warm browser, launched on the first print. */
let shared: { executablePath: string; browser: Promise<Browser> } | undefined
let idleTimer: NodeJS.Timeout | undefined

/** The warm browser for `executablePath`, launched (again) when there is none or it went away. */
function warmBrowser(chromium: Chromium, executablePath: string): Promise<Browser> {
  clearTimeout(idleTimer)
  if (shared?.executablePath === executablePath) return shared.browser
  const previous = shared
  const browser = chromium.launch({ executablePath, args: chromiumArgs, timeout: printTimeoutMs })
  const entry = { executablePath, browser }
  shared = entry
  if (previous) void previous.browser.then((old) => old.close()).catch(() => {})
  browser.then(
    (launched) =>
      launched.on('disconnected', () => {
        if (shared === entry) shared = undefined
      }),
    () => {
      if (shared === entry) shared = undefined
    },
  )
  return browser
}

/** Closes the warm browser (server shutdown, a print that timed out, or a minute without prints). */
export async function closePdfBrowser(): Promise<void> {
  clearTimeout(idleTimer)
  const entry = shared
  shared = undefined
  if (entry) await entry.browser.then((browser) => browser.close()).catch(() => {})
}

/**
 * Prints a page of the HTML export to PDF with Chromium through playwright-core: A4, tagged, with an outline
 * from the headings and page numbers in the footer. One browser is kept warm between exports (closed after a
 * minute without any, and on shutdown); each print has a fresh context of its own, closed after. Scripts are
 * off and every network request is refused, so printing can never fetch a URL named in a document. 503
 * `unavailable` when Chromium or playwright-core is missing.
 */
export async function renderPdf(html: string, executablePath = chromiumPath): Promise<Uint8Array> {
  if (!(await chromiumAvailable(executablePath))) {
    throw new UnavailableError(
      `PDF export needs Chromium, which is not installed on this server (looked for ${executablePath}). An administrator can install it with: apt-get install chromium`,
    )
  }
  let chromium: Chromium
  try {
    ;({ chromium } = await import('playwright-core'))
  } catch {
    throw new UnavailableError(
      'PDF export needs the playwright-core package, which is not installed with this server. Install it with: npm install playwright-core',
    )
  }
  const done = await takeTurn()
  let context: Awaited<ReturnType<Browser['newContext']>> | undefined
  let finished = false
  let timedOut = false
  let timer: NodeJS.Timeout | undefined
  const print = async (): Promise<Uint8Array> => {
    const browser = await warmBrowser(chromium, executablePath)
    const opened = await browser.newContext({ javaScriptEnabled: false, offline: true })
    context = opened
    if (finished) {
      await opened.close()
      throw new Error('timed out')
    }
    const page = await opened.newPage()
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
    timer = setTimeout(() => {
      timedOut = true
      reject(new UnavailableError('Printing the PDF took longer than a minute. Try again later.'))
    }, printTimeoutMs)
  })
  try {
    return await Promise.race([job, timeout])
  } finally {
    finished = true
    clearTimeout(timer)
    // A print that hung may have hung the browser: start afresh next time.
    if (timedOut) await closePdfBrowser()
    else await context?.close().catch(() => {})
    done()
    if (printing === 0 && shared) {
      clearTimeout(idleTimer)
      idleTimer = setTimeout(() => void closePdfBrowser(), browserIdleMs)
      idleTimer.unref()
    }
  }
}
