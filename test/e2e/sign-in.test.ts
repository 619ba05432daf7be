import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoAccounts, demoPassword } from '../../server/demo/accounts.ts'
import { seedDemo } from '../../server/demo/seed.ts'
import { chromiumAvailable, launchBrowser } from '../support/browser.ts'
import { testLog } from '../support/log.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

const expert = demoAccounts.find((account) => account.email === 'expert.bw@demo.example')!

describe.skipIf(!chromiumAvailable)('signing in with a demo account', () => {
  let server: TestServer
  let browser: Browser
  let context: BrowserContext
  let title: string
  const pageErrors: string[] = []

  beforeAll(async () => {
    server = await startTestServer()
    title = (await seedDemo(server.ctx.db.pool, testLog)).documentTitle
    browser = await launchBrowser()
    context = await browser.newContext({ baseURL: server.url, locale: 'en-GB' })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('sends a signed-out visitor to the sign-in page', async () => {
    const page = await context.newPage()
    page.on('pageerror', (error) => pageErrors.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error' && !/401/.test(message.text())) pageErrors.push(message.text())
    })
    await page.goto('/')
    await page.waitForURL(/\/login/)
    await expect(page.getByRole('heading', { name: 'Sign in' }).isVisible()).resolves.toBe(true)
    await page.close()
  })

  it('shows a clear message for a wrong password', async () => {
    const page = await context.newPage()
    await page.goto('/login')
    await page.getByLabel('Email').fill(expert.email)
    await page.getByLabel('Password').fill('not the password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByText('The email or password is not right').waitFor()
    await page.close()
  })

  it('signs in, shows my documents with my role, opens one, and signs out', async () => {
    const page = await context.newPage()
    page.on('pageerror', (error) => pageErrors.push(error.message))
    await page.goto('/login')
    await page.getByLabel('Email').fill(expert.email)
    await page.getByLabel('Password').fill(demoPassword)
    await page.getByRole('button', { name: 'Sign in' }).click()

    await page.getByRole('heading', { name: 'My documents' }).waitFor()
    const card = page.getByRole('link', { name: title })
    await card.waitFor()
    await expect(page.getByText(expert.name).first().isVisible()).resolves.toBe(true)

    await card.click()
    await page.waitForURL(/\/documents\/[0-9a-f-]{36}$/)
    await page.getByRole('heading', { name: title }).waitFor()

    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.waitForURL(/\/login/)
    const session = await page.request.get('/api/session')
    expect(session.status()).toBe(401)
    expect(pageErrors).toEqual([])
    await page.close()
  })
})
