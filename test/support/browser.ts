import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'

/** Debian's Chromium, which the browser tests drive (`npx playwright install` cannot download here). */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

/** True when the browser tests can run. */
export const chromiumAvailable = existsSync(chromiumPath)

/** Why the browser tests are skipped, for the test output. */
export const chromiumMissingMessage = `Browser tests skipped: no Chromium at ${chromiumPath}. Install it with \`apt-get install -y chromium\` (Debian), or set CHROMIUM_PATH.`

/** Flags that keep headless Chromium quiet and quick on a machine with no network beyond loopback. */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Launches headless Chromium. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs })
}
