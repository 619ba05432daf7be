import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { demoDocumentId } from '../../server/demo/seed.ts'
import { chromiumAvailable } from '../support/browser.ts'
import { signInToDemo, useDemoBrowser } from '../support/demo-browser.ts'

const sentence =
  'As these institutions grow, they need reliable ways to see how well they perform and where they can improve.'

/** Selects `text` in the editor the way a mouse drag does (a DOM range), read-only editors included. */
async function selectText(page: Page, text: string): Promise<void> {
  const found = await page.evaluate((wanted) => {
    const root = document.querySelector('.ProseMirror') as HTMLElement
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const at = node.data.indexOf(wanted)
      if (at < 0) continue
      const range = document.createRange()
      range.setStart(node, at)
      range.setEnd(node, at + wanted.length)
      root.focus()
      window.getSelection()?.removeAllRanges()
      window.getSelection()?.addRange(range)
      return true
    }
    return false
  }, text)
  expect(found).toBe(true)
}

describe.skipIf(!chromiumAvailable)('comment threads in Chromium', () => {
  const demo = useDemoBrowser()
  const problems: string[] = []

  async function open(email: string): Promise<Page> {
    const context = await demo.browser.newContext({
      baseURL: demo.server.url,
      locale: 'en-GB',
      viewport: { width: 1400, height: 900 },
    })
    const page = await context.newPage()
    page.on('pageerror', (error) => problems.push(`${email}: ${error.message}`))
    page.on('console', (message) => {
      if (/Content.Security.Policy|Refused to/i.test(message.text()))
        problems.push(`${email}: ${message.text()}`)
    })
    await signInToDemo(page, email)
    await page.goto(`/documents/${demoDocumentId}`)
    await page.locator('.ProseMirror').waitFor()
    await page.locator('.ProseMirror').getByText('1. Introduction').first().waitFor()
    await page.locator('aside.threads').waitFor()
    return page
  }

  it('an expert comments on a sentence with a proposal; the author sees it live and replies; bodies stay text', async () => {
    const expert = await open('expert.bw@demo.example')
    const author = await open('author@demo.example')

    await selectText(expert, sentence)
    await expert.locator('.comment-button').click()
    const composer = expert.locator('form.composer')
    await composer.waitFor()
    await expert.keyboard.type('Please name the indicators.')
    await composer.getByLabel('Type').selectOption('technical')
    await composer.getByLabel('Propose a change to this text').check()
    await composer
      .getByLabel('Your version of the text')
      .fill('As these institutions grow, they need reliable and comparable ways to see how they perform.')
    await composer.getByRole('button', { name: 'Comment', exact: true }).click()

    const card = author.locator('.thread-card', { hasText: 'Please name the indicators.' })
    await card.waitFor()
    await author.locator('.thread-highlight').first().waitFor()
    expect(await author.locator('.thread-highlight').first().textContent()).toContain(
      'As these institutions grow',
    )
    expect(await card.locator('.diff ins').count()).toBeGreaterThan(0)
    expect(await card.textContent()).toContain('Botswana Open University')

    await card.click()
    await card.getByLabel('Your reply').fill('Thanks, we will list them.')
    await card.getByRole('button', { name: 'Reply', exact: true }).click()
    const expertCard = expert.locator('.thread-card', { hasText: 'Please name the indicators.' })
    await expertCard.getByText('Thanks, we will list them.').waitFor()

    const corpus = [
      '<img src=x onerror="window.__xss=1">',
      '<script>window.__xss=1</script>',
      'javascript:window.__xss=1',
      '"><svg onload=window.__xss=1>',
    ].join('\n')
    await expertCard.click()
    await expertCard.getByLabel('Your reply').fill(corpus)
    await expertCard.getByRole('button', { name: 'Reply', exact: true }).click()
    await card.locator('.comment-body', { hasText: '<script>' }).waitFor()
    for (const page of [author, expert]) {
      expect(await page.locator('.thread-card .comment-body').last().textContent()).toBe(corpus)
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined()
      expect(await page.locator('.threads img, .threads script').count()).toBe(0)
      expect(await page.locator('.threads a[href^="javascript"]').count()).toBe(0)
    }
    expect(problems).toEqual([])
  })

  it('an author applies a proposal from its card and another author sees the text change; twenty threads resolved at once', async () => {
    const expert = await open('expert.id@demo.example')
    const author = await open('author@demo.example')
    const editor = await open('editor@demo.example')
    const quote = 'Self-assessment is inexpensive and builds internal ownership'

    await selectText(expert, quote)
    await expert.locator('.comment-button').click()
    const composer = expert.locator('form.composer')
    await composer.waitFor()
    await expert.keyboard.type('Be more precise.')
    await composer.getByLabel('Propose a change to this text').check()
    await composer
      .getByLabel('Your version of the text')
      .fill('Self-assessment costs little and builds ownership across the institution')
    await composer.getByRole('button', { name: 'Comment', exact: true }).click()

    const card = author.locator('.thread-card', { hasText: 'Be more precise.' })
    await card.waitFor()
    await card.click()
    await card.getByRole('button', { name: 'Apply proposed change' }).click()
    await card.locator('.apply-preview .diff').waitFor()
    await card.getByRole('button', { name: 'Confirm and apply' }).click()
    await editor
      .getByText('Self-assessment costs little and builds ownership across the institution')
      .waitFor()
    // The card follows once the text has arrived (its thread event may come first): wait for it.
    await expect.poll(() => editor.getByText(quote).count()).toBe(0)

    // Twenty general comments through the API, then one bulk decision in the page.
    const ids: string[] = []
    for (let i = 0; i < 20; i++) {
      const created = await expert.evaluate(
        async ([documentId, n]) => {
          const token = (await (await fetch('/api/session')).json()).csrfToken
          const response = await fetch(`/api/documents/${documentId}/threads`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-token': token },
            body: JSON.stringify({ anchor: { document: true }, body: `Bulk item ${n}.` }),
          })
          return (await response.json()).id as string
        },
        [demoDocumentId, i] as const,
      )
      ids.push(created)
    }
    await author.locator('.thread-card', { hasText: 'Bulk item 19.' }).waitFor()
    await author.getByRole('button', { name: 'Select', exact: true }).click()
    await author.getByRole('button', { name: 'Select all shown' }).click()
    await author.locator('.bulk-resolve').getByLabel('Decision').selectOption('noted')
    await author.locator('.bulk-resolve button[type=submit]').click()
    await author.locator('.bulk-resolve-report').waitFor()
    const statuses = await author.evaluate(async (threadIds) => {
      const results = await Promise.all(
        threadIds.map((id) => fetch(`/api/threads/${id}`).then((r) => r.json())),
      )
      return results.map((t) => `${t.status}:${t.resolution}`)
    }, ids)
    expect(new Set(statuses)).toEqual(new Set(['resolved:noted']))
    expect(problems).toEqual([])
  })
})
