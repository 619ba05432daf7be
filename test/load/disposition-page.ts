/**
 * `npx tsx test/load/disposition-page.ts [rows]`: how the disposition page copes with a large consultation in
 * Chromium. The page is fed `rows` synthetic disposition rows (default 2,000, ten countries, three replies
 * each) through request interception, so the figures are the client's alone: opening the page, narrowing it
 * to one country (a tenth of the rows) and clearing the filter. For each step it prints the wall time and
 * the main thread's script, layout and style time from Chrome's Performance domain (less sensitive to a busy
 * machine than the wall time). Figures only: nothing here fails on a timing.
 */
import type { Page } from 'playwright-core'
import { buildClientIfNeeded } from '../../server/cli/build-client.ts'
import { demoPassword } from '../../server/demo/accounts.ts'
import type { DispositionRowDto } from '../../shared/api/disposition.ts'
import { launchBrowser } from '../support/browser.ts'
import { testLog } from '../support/log.ts'

const countries = ['NG', 'BW', 'ID', 'PK', 'GB', 'ZA', 'IN', 'CN', 'BR', 'KE']

/** `count` rows shaped like a real consultation's: sections, quotes, a comment with replies, a quarter resolved. */
function syntheticRows(count: number): DispositionRowDto[] {
  return Array.from({ length: count }, (_, i) => {
    const resolved = i % 4 === 0
    return {
      number: String(i + 1),
      country: countries[i % countries.length]!,
      expert: `Expert ${i % countries.length}`,
      organization: `University ${i % countries.length}`,
      section: `${1 + (i % 7)}. Section › ${1 + (i % 7)}.${1 + (i % 4)} Subsection`,
      type: ['general', 'technical', 'editorial'][i % 3]!,
      quote: `quoted text number ${i} with a few more words`,
      comments: `Expert ${i % 10}: Comment ${i}: the wording here should say what is measured and how often.\n\nOwner: A reply: agreed in part, see the revised paragraph.\n\nExpert ${i % 10}: Thank you.`,
      proposedText: i % 5 === 0 ? `Proposed wording ${i}` : '',
      status: resolved ? 'resolved' : 'open',
      decision: resolved ? 'accepted' : '',
      note: resolved ? 'Done in the revision.' : '',
      resolvedBy: resolved ? 'Owner' : '',
      date: resolved ? '2026-11-28' : '',
    }
  })
}

/** Runs `step` and answers its wall time and the main thread's script, layout and style time, in ms. */
async function measured(page: Page, step: () => Promise<void>): Promise<number[]> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  const read = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics')
    const byName = new Map(metrics.map((metric) => [metric.name, metric.value]))
    return ['ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration'].map((name) => byName.get(name) ?? 0)
  }
  const before = await read()
  const started = performance.now()
  await step()
  // One more frame, so the layout of what the step rendered is counted.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))))
  const wall = performance.now() - started
  const after = await read()
  await cdp.detach()
  return [wall, ...after.map((value, i) => (value - before[i]!) * 1000)]
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 2000)
  process.env.TEST_DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/postgres'
  // test/support/database.ts reads TEST_DATABASE_URL when first imported: import it only once it is set.
  const { startTestServer } = await import('../support/test-server.ts')
  const { demoDocumentId, seedDemo } = await import('../../server/demo/seed.ts')
  await buildClientIfNeeded()
  const server = await startTestServer()
  const browser = await launchBrowser()
  try {
    await seedDemo(server.ctx.db.pool, testLog)
    const rows = syntheticRows(count)
    const page = await browser.newPage({ baseURL: server.url, viewport: { width: 1400, height: 900 } })
    await page.route('**/disposition?format=json*', (route) => {
      const country = new URL(route.request().url()).searchParams.get('country')
      const items = (country ? rows.filter((row) => row.country === country) : rows).map((row, i) => ({
        ...row,
        number: String(i + 1),
      }))
      return route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ items, nextCursor: null }),
      })
    })
    await page.goto('/login')
    await page.getByLabel('Email').fill('editor@demo.example')
    await page.getByLabel('Password').fill(demoPassword)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'My documents' }).waitFor()
    const total = new Intl.NumberFormat('en').format(count)
    const narrowed = new Intl.NumberFormat('en').format(rows.filter((row) => row.country === 'NG').length)
    const steps: Record<string, number[][]> = { open: [], 'filter by country': [], 'clear the filter': [] }
    for (let run = 0; run < 3; run++) {
      await page.goto(`/documents/${demoDocumentId}`)
      await page.getByRole('link', { name: 'Disposition of comments' }).waitFor()
      steps.open!.push(
        await measured(page, async () => {
          await page.getByRole('link', { name: 'Disposition of comments' }).click()
          await page.getByText(`${total} comments`, { exact: true }).waitFor()
        }),
      )
      steps['filter by country']!.push(
        await measured(page, async () => {
          await page.getByLabel('Country').selectOption('NG')
          await page.getByText(`${narrowed} of ${total} comments`, { exact: true }).waitFor()
        }),
      )
      steps['clear the filter']!.push(
        await measured(page, async () => {
          await page.getByRole('button', { name: 'Clear the filters' }).click()
          await page.getByText(`${total} comments`, { exact: true }).waitFor()
        }),
      )
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
    console.log(`Disposition page, ${total} rows, median of 3 (ms): step | wall | script | layout | style`)
    for (const [step, runs] of Object.entries(steps)) {
      const figures = [0, 1, 2, 3].map((i) => Math.round(median(runs.map((run) => run[i]!))))
      console.log(`| ${step} | ${figures.join(' | ')} |`)
    }
  } finally {
    await browser.close()
    await server.stop()
  }
}

await main()
