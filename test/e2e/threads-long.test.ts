import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumAvailable, launchBrowser } from '../support/browser.ts'
import { givenUser, testPassword } from '../support/given.ts'
import { HttpAgent } from '../support/http-agent.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

// A draft with more threads than the sidebar draws at once (client/threads/Sidebar.tsx, windowedAbove): the
// wide column draws the cards near the visible text, long lists their first cards, and nothing is out of reach.
const onText = 80
const general = 70

describe.skipIf(!chromiumAvailable)('a long draft with many threads in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let agent: HttpAgent
  let documentId: string
  const problems: string[] = []

  beforeAll(async () => {
    server = await startTestServer()
    browser = await launchBrowser()
    const owner = await givenUser(server.ctx.db.pool, { name: 'Li Wei', country: 'CN', isAdmin: true })
    agent = new HttpAgent(server.url)
    await agent.signIn(owner.email, testPassword)
    const paragraphs = Array.from(
      { length: onText },
      (_, i) => `Paragraph ${i} says something long enough to be read and commented on [m${i}].`,
    )
    const created = await agent.post('/api/documents', {
      title: 'Long draft',
      markdown: `# Long draft\n\n${paragraphs.join('\n\n')}\n`,
    })
    documentId = created.body.id
    for (let i = 0; i < onText; i++) {
      const response = await agent.post(`/api/documents/${documentId}/threads`, {
        anchor: { quote: `[m${i}]` },
        body: `On text ${i}`,
      })
      expect(response.status).toBe(201)
    }
    for (let i = 0; i < general; i++)
      await agent.post(`/api/documents/${documentId}/threads`, {
        anchor: { document: true },
        body: `General ${i}`,
      })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  async function open(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' })
    await context.addCookies([...agent.cookies].map(([name, value]) => ({ name, value, url: server.url })))
    const page = await context.newPage()
    page.on('pageerror', (error) => problems.push(error.message))
    await page.goto(`${server.url}/documents/${documentId}`)
    await page.locator('aside.threads[data-highlights="drawn"]').waitFor()
    return page
  }

  it('highlights every thread, draws the cards near the visible text, and the rest on scrolling', async () => {
    const page = await open()
    const highlighted = await page.evaluate(
      () =>
        new Set(
          [...document.querySelectorAll<HTMLElement>('.thread-highlight')].flatMap((element) =>
            (element.dataset.threads ?? '').split(' '),
          ),
        ).size,
    )
    expect(highlighted).toBe(onText)
    const column = page.locator('.threads-column article.thread-card')
    await column.filter({ hasText: 'On text 0' }).waitFor()
    expect(await column.count()).toBeLessThan(onText)
    expect(await column.filter({ hasText: `On text ${onText - 1}` }).count()).toBe(0)

    // The last paragraph's highlight, scrolled into view and clicked: its card is drawn and active.
    const last = page.locator('.thread-highlight', { hasText: `[m${onText - 1}]` })
    await last.scrollIntoViewIfNeeded()
    const lastCard = column.filter({ hasText: `On text ${onText - 1}` })
    await lastCard.waitFor()
    await last.click()
    await page
      .locator('.threads-column article.thread-card.is-active', { hasText: `On text ${onText - 1}` })
      .waitFor()
    expect(await column.filter({ hasText: 'On text 0' }).count()).toBe(0)
    expect(problems).toEqual([])
  })

  it('lists the first general comments and all of them on asking', async () => {
    const page = await open()
    const section = page.locator('details.threads-section').filter({ hasText: 'General comments' })
    expect(await section.locator('article.thread-card').count()).toBe(10)
    await section.getByRole('button', { name: `Show all ${general}` }).click()
    await expect.poll(() => section.locator('article.thread-card').count()).toBe(general)
  })

  it('opens a deep link to a thread whose card was not drawn', async () => {
    const page = await open()
    const { body } = await agent.get(`/api/documents/${documentId}/threads?limit=500`)
    const target = body.items.find((thread: { comments: { body: string }[] }) =>
      thread.comments[0]!.body.startsWith(`On text ${onText - 2}`),
    )
    await page.goto(`${server.url}/documents/${documentId}#thread=${target.id}`)
    await page
      .locator('.threads-column article.thread-card.is-active', { hasText: `On text ${onText - 2}` })
      .waitFor()
  })
})
