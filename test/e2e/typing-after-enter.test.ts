import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoPassword } from '../../server/demo/accounts.ts'
import { demoDocumentId, seedDemo } from '../../server/demo/seed.ts'
import { chromiumAvailable, launchBrowser } from '../support/browser.ts'
import { testLog } from '../support/log.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

// In a draft just opened, a word typed within milliseconds of Enter came out with its first character last
// ("q0abcZ" for "Zq0abc") in about half the attempts: Chromium reported the caret before the character it had
// just inserted into the new paragraph. client/editor/caret-after-typing.ts keeps the caret after typed text.
describe.skipIf(!chromiumAvailable)('typing right after Enter in a freshly opened draft', () => {
  let server: TestServer
  let browser: Browser

  beforeAll(async () => {
    server = await startTestServer()
    await seedDemo(server.ctx.db.pool, testLog)
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('keeps every character where it was typed', async () => {
    const page: Page = await (await browser.newContext({ baseURL: server.url, locale: 'en-GB' })).newPage()
    await page.goto('/login')
    await page.getByLabel('Email').fill('editor@demo.example')
    await page.getByLabel('Password').fill(demoPassword)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'My documents' }).waitFor()
    const misplaced: string[] = []
    for (let attempt = 0; attempt < 12; attempt++) {
      await page.goto(`/documents/${demoDocumentId}/versions`)
      await page.getByRole('link', { name: /^Back to / }).click()
      await page.locator('.ProseMirror[contenteditable="true"]').waitFor()
      await page.getByText('Up to date').first().waitFor()
      await page.locator('.ProseMirror h2', { hasText: '1. Introduction' }).click()
      await page.keyboard.press('End')
      await page.keyboard.press('Enter')
      const word = `Zq${attempt}abcdefgh`
      await page.keyboard.type(word)
      const text = await page.locator('.ProseMirror').textContent()
      if (!text?.includes(word)) misplaced.push(word)
    }
    expect(misplaced).toEqual([])
  })
})
