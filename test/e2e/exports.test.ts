import { readFile } from 'node:fs/promises'
import type { Browser, Download, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoPassword } from '../../server/demo/accounts.ts'
import { demoDocumentId, seedDemo } from '../../server/demo/seed.ts'
import { chromiumAvailable, launchBrowser } from '../support/browser.ts'
import { signInToDemo } from '../support/demo-browser.ts'
import { zipPart } from '../support/export-readers.ts'
import { HttpAgent } from '../support/http-agent.ts'
import { testLog } from '../support/log.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

/** Threads the demo experts open through the API: two from Nigeria, one from Botswana, one general from Pakistan. */
const comments = [
  { email: 'expert.ng@demo.example', quote: 'Peer review adds an external view', body: 'Name the partners.' },
  {
    email: 'expert.bw@demo.example',
    quote: 'Quantitative indicators make comparisons concrete.',
    body: 'Add a definition of each indicator.',
  },
  {
    email: 'expert.ng@demo.example',
    quote: 'Self-assessment is inexpensive',
    body: 'Not in our experience.',
  },
  { email: 'expert.pk@demo.example', quote: null, body: 'A clear and useful draft overall.' },
]

/** The bytes of a download, read from where Playwright kept it. */
async function bytesOf(download: Download): Promise<Buffer> {
  return readFile(await download.path())
}

describe.skipIf(!chromiumAvailable)('exports and the disposition of comments in Chromium', () => {
  let server: TestServer
  let browser: Browser
  const problems: string[] = []

  beforeAll(async () => {
    server = await startTestServer()
    await seedDemo(server.ctx.db.pool, testLog)
    for (const comment of comments) {
      const agent = new HttpAgent(server.url)
      await agent.signIn(comment.email, demoPassword)
      const anchor = comment.quote ? { quote: comment.quote } : { document: true }
      const created = await agent.post(`/api/documents/${demoDocumentId}/threads`, {
        anchor,
        body: comment.body,
        type: 'technical',
      })
      if (created.status !== 201) throw new Error(`thread: ${created.status} ${created.text}`)
    }
    const editor = new HttpAgent(server.url)
    await editor.signIn('editor@demo.example', demoPassword)
    const version = await editor.post(`/api/documents/${demoDocumentId}/versions`, {
      name: 'Before the review',
    })
    if (version.status !== 201) throw new Error(`version: ${version.status} ${version.text}`)
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  async function signIn(email: string): Promise<Page> {
    const context = await browser.newContext({
      baseURL: server.url,
      locale: 'en-GB',
      viewport: { width: 1400, height: 900 },
      acceptDownloads: true,
    })
    const page = await context.newPage()
    page.on('pageerror', (error) => problems.push(`${email}: ${error.message}`))
    page.on('console', (message) => {
      if (/Content.Security.Policy|Refused to/i.test(message.text()))
        problems.push(`${email}: ${message.text()}`)
    })
    await signInToDemo(page, email)
    return page
  }

  it('an editor downloads the draft as Word with every comment, then filters and downloads the disposition', async () => {
    const page = await signIn('editor@demo.example')
    await page.goto(`/documents/${demoDocumentId}`)

    await page.getByRole('button', { name: 'Export…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Export the draft' })
    await dialog.waitFor()
    await dialog.getByLabel('Word (.docx)').check()
    await dialog.getByLabel('All comments, with their decisions').check()
    await expect.poll(() => dialog.getByLabel('Text').locator('option').count()).toBeGreaterThan(0)
    const [word] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Download', exact: true }).click(),
    ])
    expect(word.suggestedFilename()).toMatch(/^Benchmarking for Open Universities.* \(comments\)\.docx$/)
    const docx = await bytesOf(word)
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK')
    // Every thread is in the file as a Word comment.
    expect((await zipPart(docx, 'word/comments.xml'))?.match(/<w:comment /g)).toHaveLength(comments.length)
    await dialog.getByText(`Downloaded “${word.suggestedFilename()}”.`).waitFor()
    await dialog.getByRole('button', { name: 'Close' }).click()
    await dialog.waitFor({ state: 'hidden' })

    await page.getByRole('link', { name: 'Disposition of comments' }).click()
    await page.getByRole('heading', { name: /^Disposition of comments:/ }).waitFor()
    const rows = page.locator('table.disposition-table tbody tr')
    await expect.poll(() => rows.count()).toBe(comments.length)
    await page.getByText('4 comments', { exact: true }).waitFor()

    await page.getByLabel('Country').selectOption('NG')
    await expect.poll(() => rows.count()).toBe(2)
    await page.getByText('2 of 4 comments', { exact: true }).waitFor()
    expect(new URL(page.url()).search).toBe('?country=NG')
    const countries = await rows.locator('td.col-country').allTextContents()
    expect(countries.map((text) => text.trim())).toEqual(['🇳🇬 Nigeria', '🇳🇬 Nigeria'])
    expect(await rows.locator('td.col-number').allTextContents()).toEqual(['1', '2'])
    expect(await rows.locator('td.col-comments').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Name the partners.')]),
    )

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download .csv' }).click(),
    ])
    expect(csv.suggestedFilename()).toMatch(/ \(disposition of comments\)\.csv$/)
    const text = (await bytesOf(csv)).toString('utf8')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    const records = text.slice(1).trimEnd().split('\r\n')
    expect(records[0]).toMatch(/^No\.,Country,Expert,/)
    expect(records.slice(1).map((record) => record.split(',')[1])).toEqual(['NG', 'NG'])
    expect(problems).toEqual([])
  })

  it('exports a named version, cancels a download the server is still preparing, and says why a PDF failed', async () => {
    const page = await signIn('editor@demo.example')
    await page.goto(`/documents/${demoDocumentId}`)
    await page.getByRole('button', { name: 'Export…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Export the draft' })
    await dialog.getByLabel('Markdown (.md)').check()
    await dialog.getByLabel('None: the clean draft').check()
    const source = dialog.getByLabel('Text')
    const named = source.locator('option', { hasText: 'Before the review' })
    await named.waitFor({ state: 'attached' })
    await source.selectOption((await named.getAttribute('value'))!)
    const [markdown] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Download', exact: true }).click(),
    ])
    expect(markdown.suggestedFilename()).toMatch(/\(Before the review\)\.md$/)
    expect((await bytesOf(markdown)).toString('utf8')).toContain('# Benchmarking for Open Universities')

    // The server never answers this one: the dialog says it is preparing the file until it is cancelled.
    await page.route('**/api/documents/*/export?*', () => {})
    await dialog.getByRole('button', { name: 'Download', exact: true }).click()
    await dialog.getByText('Preparing the file…').waitFor()
    expect(await dialog.getByLabel('Markdown (.md)').isDisabled()).toBe(true)
    await dialog.getByRole('button', { name: 'Cancel the download' }).click()
    await dialog.getByText('The download was cancelled.').waitFor()
    expect(await dialog.getByLabel('Markdown (.md)').isDisabled()).toBe(false)

    // A server without Chromium answers PDF with a 503: the dialog says what that means.
    await page.unroute('**/api/documents/*/export?*')
    await page.route('**/api/documents/*/export?*', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'unavailable', message: 'PDF export needs Chromium' } }),
      }),
    )
    await dialog.getByLabel('PDF (.pdf)').check()
    await dialog.getByRole('button', { name: 'Download', exact: true }).click()
    expect(await dialog.getByRole('alert').textContent()).toContain('This server cannot make PDF files')
    expect(problems).toEqual([])
  })

  it('offers a viewer the clean draft only, and no disposition', async () => {
    const page = await signIn('viewer@demo.example')
    await page.goto(`/documents/${demoDocumentId}`)
    await page.getByRole('button', { name: 'Export…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Export the draft' })
    await dialog.getByText('You can export the clean draft, without comments.').waitFor()
    expect(await dialog.getByRole('group', { name: 'Comments' }).count()).toBe(0)
    expect(await page.getByRole('link', { name: 'Disposition of comments' }).count()).toBe(0)
    const [clean] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Download', exact: true }).click(),
    ])
    expect(clean.suggestedFilename()).toMatch(/^Benchmarking for Open Universities.*[^)]\.docx$/)
    expect(await zipPart(await bytesOf(clean), 'word/comments.xml')).toBeNull()
    // Escape closes the dialog and gives focus back to the button that opened it.
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Export…')

    await page.goto(`/documents/${demoDocumentId}/disposition`)
    await page.getByRole('heading', { name: 'Page not found' }).waitFor()
    expect(problems).toEqual([])
  })
})
