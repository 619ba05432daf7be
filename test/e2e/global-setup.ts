import { buildClientIfNeeded } from '../../server/cli/build-client.ts'
import { chromiumAvailable, chromiumMissingMessage } from '../support/browser.ts'

/**
 * Before the browser tests: make sure Chromium is there (under CI=true its absence is a failure, not a
 * skip) and that the client build is fresh.
 */
export default async function setup(): Promise<void> {
  if (!chromiumAvailable) {
    if (process.env.CI === 'true')
      throw new Error(`${chromiumMissingMessage} CI must install it (see .ci/run).`)
    console.warn(`\n${chromiumMissingMessage}\n`)
    return
  }
  await buildClientIfNeeded()
}
