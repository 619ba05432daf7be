import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { demoDocumentId } from '../../server/demo/seed.ts'
import { chromiumAvailable } from '../support/browser.ts'
import { signInToDemo, useDemoBrowser } from '../support/demo-browser.ts'

describe.skipIf(!chromiumAvailable)('the live draft in Chromium', () => {
  const demo = useDemoBrowser()
  const contexts: BrowserContext[] = []
  const problems: string[] = []

  async function openDraft(email: string): Promise<Page> {
    const context = await demo.browser.newContext({ baseURL: demo.server.url, locale: 'en-GB' })
    contexts.push(context)
    const page = await context.newPage()
    page.on('pageerror', (error) => problems.push(`${email}: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content.Security.Policy|Refused/i.test(message.text()))
        problems.push(`${email}: ${message.text()}`)
    })
    await signInToDemo(page, email)
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
