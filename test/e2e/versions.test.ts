import type { BrowserContext, Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { demoDocumentId } from '../../server/demo/seed.ts'
import { chromiumAvailable } from '../support/browser.ts'
import { signInToDemo, useDemoBrowser } from '../support/demo-browser.ts'

const sentence = 'This sentence was typed after the version was saved.'
const versionName = 'Before the typed sentence'

describe.skipIf(!chromiumAvailable)('versions and import in Chromium', () => {
  const demo = useDemoBrowser()
  const problems: string[] = []
  const contexts: BrowserContext[] = []

  // Each test's pages close with it, so a page left open cannot report problems into the next test.
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()))
  })

  async function signIn(email: string): Promise<Page> {
    const context = await demo.browser.newContext({ baseURL: demo.server.url, locale: 'en-GB' })
    contexts.push(context)
    const page = await context.newPage()
    page.on('pageerror', (error) => problems.push(`${email}: ${error.message}`))
    page.on('console', (message) => {
      if (/Content.Security.Policy|Refused to/i.test(message.text()))
        problems.push(`${email}: ${message.text()}`)
    })
    await signInToDemo(page, email)
    return page
  }

  async function openDraft(page: Page): Promise<void> {
    await page.goto(`/documents/${demoDocumentId}`)
    await page.locator('.ProseMirror').getByText('1. Introduction').first().waitFor()
  }

  /** The live text as the server holds it. */
  const serverText = (page: Page) =>
    page.evaluate(
      async (id) => (await fetch(`/api/documents/${id}/content?format=text`)).text(),
      demoDocumentId,
    )

  /** Uploads crawl at 64 KB/s (Chromium's network emulation), so the progress bar has time to show. */
  async function slowUploads(page: Page): Promise<() => Promise<void>> {
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Network.enable')
    const conditions = { offline: false, latency: 0, downloadThroughput: -1 }
    await cdp.send('Network.emulateNetworkConditions', { ...conditions, uploadThroughput: 64 * 1024 })
    return async () => {
      await cdp.send('Network.emulateNetworkConditions', { ...conditions, uploadThroughput: -1 })
    }
  }

  it('an editor saves a version, types, compares (the sentence shows inserted), and restores it', async () => {
    const editor = await signIn('editor@demo.example')
    await openDraft(editor)

    await editor.getByRole('link', { name: 'Versions' }).click()
    await editor.getByRole('heading', { name: /^Versions of / }).waitFor()
    await editor.getByLabel('Name of the version').fill(versionName)
    await editor.getByRole('button', { name: 'Save a version' }).click()
    await editor.getByText(`Version “${versionName}” saved.`).waitFor()
    await editor.locator('.versions-table th', { hasText: versionName }).waitFor()

    await editor.getByRole('link', { name: /^Back to / }).click()
    await editor.locator('.ProseMirror').getByText('1. Introduction').first().waitFor()
    // Typing starts once the draft is in sync and editable, as a person would see it: a selection made while
    // the editor was still read-only is re-read when it turns editable.
    await editor.locator('.ProseMirror[contenteditable="true"]').waitFor()
    await editor.getByText('Up to date').first().waitFor()
    // A paragraph of its own, after the short "1. Introduction" heading.
    await editor.locator('.ProseMirror h2', { hasText: '1. Introduction' }).click()
    await editor.keyboard.press('End')
    await editor.keyboard.press('Enter')
    // A person's pause after Enter (typing within milliseconds of it is test/e2e/typing-after-enter.test.ts's).
    await editor.getByText('Up to date').first().waitFor()
    await editor.waitForTimeout(300)
    await editor.keyboard.type(sentence)
    await expect.poll(() => serverText(editor), { timeout: 15_000 }).toContain(sentence)

    await editor.getByRole('link', { name: 'Versions' }).click()
    await editor.getByRole('button', { name: `Compare ${versionName} with the current text` }).click()
    const inserted = editor.locator('.compare-panel ins', { hasText: sentence })
    await inserted.waitFor()
    expect(await editor.locator('.compare-panel del').count()).toBe(0)
    expect(await editor.locator('.compare-summary').textContent()).toContain('1 paragraph changed')
    expect(
      await editor.getByRole('heading', { name: `From “${versionName}” to “The current text”` }).count(),
    ).toBe(1)

    await editor.getByRole('button', { name: `View ${versionName}` }).click()
    await editor.locator('.version-text h2').first().waitFor()
    expect(await editor.locator('.version-text').textContent()).not.toContain(sentence)

    await editor.getByRole('button', { name: `Restore ${versionName}` }).click()
    const dialog = editor.getByRole('dialog')
    await dialog.getByText('A version of the current text is kept first').waitFor()
    await dialog.getByRole('button', { name: 'Restore this version' }).click()
    await editor.getByText(`Restored “${versionName}”.`).waitFor()
    await editor.locator('.versions-table .badge', { hasText: 'Automatic, before a restore' }).waitFor()

    await editor.getByRole('link', { name: /^Back to / }).click()
    await editor.locator('.ProseMirror').getByText('1. Introduction').first().waitFor()
    await expect.poll(() => editor.locator('.ProseMirror').getByText(sentence).count()).toBe(0)
    expect(await serverText(editor)).not.toContain(sentence)

    // A viewer reads and compares versions but neither saves nor restores them.
    const viewer = await signIn('viewer@demo.example')
    await viewer.goto(`/documents/${demoDocumentId}/versions`)
    await viewer.getByRole('rowheader', { name: versionName, exact: true }).waitFor()
    expect(await viewer.getByRole('button', { name: 'Save a version' }).count()).toBe(0)
    expect(await viewer.getByRole('button', { name: /^Restore / }).count()).toBe(0)
    expect(await viewer.getByRole('button', { name: `View ${versionName}` }).count()).toBe(1)
    expect(problems).toEqual([])
  })

  it('an editor imports a Markdown file with a progress bar (a broken file is refused in words); the new heading shows', async () => {
    const editor = await signIn('editor@demo.example')
    await openDraft(editor)
    // A file the server cannot read: our words and the server's own message.
    await editor.getByLabel('File to import').setInputFiles({
      name: 'broken.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: Buffer.from('not a zip'),
    })
    await editor.getByRole('button', { name: 'Import', exact: true }).click()
    await editor.getByRole('dialog').getByRole('button', { name: 'Replace the text' }).click()
    const refusal = editor.locator('.import-panel .form-error')
    await refusal.getByText('The server could not read the file.').waitFor()
    expect(await refusal.textContent()).toMatch(/The server said: “.+”/)

    const filler = 'Open universities compare their practice to improve it. '.repeat(40)
    const markdown = `# Imported guidelines\n\n${Array.from({ length: 120 }, () => filler).join('\n\n')}\n`
    await editor.getByLabel('File to import').setInputFiles({
      name: 'guidelines.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from(markdown),
    })
    const fast = await slowUploads(editor)
    await editor.getByRole('button', { name: 'Import', exact: true }).click()
    await editor.getByRole('dialog').getByRole('button', { name: 'Replace the text' }).click()
    await editor.locator('.upload-progress progress').waitFor()
    await editor.locator('.upload-progress-text', { hasText: /Uploading… \d+%/ }).waitFor()
    await editor.getByText('“guidelines.md” imported.').waitFor({ timeout: 30_000 })
    await fast()
    await editor.getByText('A version of the previous text was kept.').waitFor()
    await editor.locator('.ProseMirror h1', { hasText: 'Imported guidelines' }).waitFor()
    expect(await editor.locator('.ProseMirror').getByText('1. Introduction').count()).toBe(0)
    expect(problems).toEqual([])
  })

  it('an admin creates a document from a file; the title comes from its name', async () => {
    const admin = await signIn('admin@demo.example')
    await admin.getByRole('button', { name: 'New document' }).click()
    await admin.getByLabel('Start from a file').setInputFiles({
      name: 'Consultation notes.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from('# Notes from the consultation\n\nThe experts met twice.\n'),
    })
    expect(await admin.getByLabel('Title').inputValue()).toBe('Consultation notes')
    await admin.getByRole('button', { name: 'Create the document' }).click()
    await admin.locator('.ProseMirror h1', { hasText: 'Notes from the consultation' }).waitFor()
    expect(await admin.locator('#document-title').textContent()).toContain('Consultation notes')
    expect(problems).toEqual([])
  })
})
