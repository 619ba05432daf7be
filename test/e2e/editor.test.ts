import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoPassword } from '../../server/demo/accounts.ts'
import { demoDocumentId, seedDemo } from '../../server/demo/seed.ts'
import { chromiumAvailable, launchBrowser } from '../support/browser.ts'
import { testLog } from '../support/log.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

describe.skipIf(!chromiumAvailable)('the live draft in Chromium', () => {
  let server: TestServer
  let browser: Browser
  const contexts: BrowserContext[] = []
  const problems: string[] = []

  beforeAll(async () => {
    server = await startTestServer()
    await seedDemo(server.ctx.db.pool, testLog)
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  async function openDraft(email: string): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.url, locale: 'en-GB' })
    contexts.push(context)
    const page = await context.newPage()
    page.on('pageerror', (error) => problems.push(`${email}: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content.Security.Policy|Refused/i.test(message.text()))
        problems.push(`${email}: ${message.text()}`)
    })
    await page.goto('/login')
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill(demoPassword)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'My documents' }).waitFor()
    await page.goto(`/documents/${demoDocumentId}`)
    await page.locator('.ProseMirror').waitFor()
    await page.locator('.ProseMirror').getByText('1. Introduction').first().waitFor()
    return page
  }

  it("two authors see each other's text and cursors; an expert's editor is read-only but selectable", async () => {
    const author = await openDraft('author@demo.example')
    const editor = await openDraft('editor@demo.example')
    const expert = await openDraft('expert.bw@demo.example')

    const paragraph = author.locator('.ProseMirror p').first()
    await paragraph.click()
    await author.keyboard.press('End')
    await author.keyboard.type(' Typed live from Harare.')
    await editor.getByText('Typed live from Harare.').waitFor()
    await expert.getByText('Typed live from Harare.').waitFor()
    await author.getByText('All changes saved').or(author.getByText('Up to date')).first().waitFor()

    // The author's caret, with their name, in the editor's view.
    await editor.locator('.remote-caret-label', { hasText: 'Thandiwe Moyo' }).waitFor()

    expect(await expert.locator('.ProseMirror').getAttribute('contenteditable')).toBe('false')
    const heading = expert.locator('.ProseMirror h2').first()
    await heading.dblclick()
    const selected = await expert.evaluate(() => window.getSelection()?.toString() ?? '')
    expect(selected.length).toBeGreaterThan(0)
    await expert.keyboard.type('forged')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(await author.getByText('forged').count()).toBe(0)

    expect(problems).toEqual([])
  })
})
