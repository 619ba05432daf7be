import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { demoPassword } from '../../server/demo/accounts.ts'
import { seedDemo } from '../../server/demo/seed.ts'
import { launchBrowser } from './browser.ts'
import { testLog } from './log.ts'
import { startTestServer, type TestServer } from './test-server.ts'

/** The demo's server and a Chromium, shared by the tests of one `describe` block. */
export interface DemoBrowser {
  readonly server: TestServer
  readonly browser: Browser
}

/**
 * Call inside a `describe`: before its tests, a test server with the demo seeded and a Chromium; after them,
 * both stopped. Read `server` and `browser` inside the tests, once the hooks have run.
 */
export function useDemoBrowser(): DemoBrowser {
  let server: TestServer | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    server = await startTestServer()
    await seedDemo(server.ctx.db.pool, testLog)
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useDemoBrowser: read inside a test, after beforeAll')
    return value
  }
  return {
    get server() {
      return started(server)
    },
    get browser() {
      return started(browser)
    },
  }
}

/** Signs `page` in with a demo account (the demo password) and waits for the documents page. */
export async function signInToDemo(page: Page, email: string): Promise<void> {
  await page.goto('/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(demoPassword)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { name: 'My documents' }).waitFor()
}
