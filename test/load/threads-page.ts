import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { buildClientIfNeeded } from '../../server/cli/build-client.ts'
import { launchBrowser } from '../support/browser.ts'
import type { ThreadsWorld } from './threads-world.ts'

/** The editor page of the big draft in Chromium. */
export interface PageFigures {
  runs: number
  /** Median time from navigation start to the `marginalia:threads-drawn` mark (every highlight drawn). */
  drawnMs: number
  /** The same on the very first visit (nothing cached in the browser). */
  coldDrawnMs: number
  /** Median time from a click on a thread card until it is active and the next frame painted. */
  clickMs: number
  highlights: number
  cards: number
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/** Signs in a context with the world's owner cookie (the sign-in page is not what is measured). */
async function signedInPage(browser: Browser, world: ThreadsWorld): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    locale: 'en-GB',
  })
  await context.addCookies([...world.agent.cookies].map(([name, value]) => ({ name, value, url: world.url })))
  return context.newPage()
}

/** One visit: navigation to drawn, then a click on a card on text until it is active. */
async function visit(
  page: Page,
  world: ThreadsWorld,
): Promise<{ drawnMs: number; clickMs: number; highlights: number; cards: number }> {
  await page.goto(`${world.url}/documents/${world.documentId}`)
  await page.locator('aside.threads[data-highlights="drawn"]').waitFor({ timeout: 60_000 })
  // Scripts as text: tsx would wrap functions in helpers that do not exist in the page.
  const drawnMs = (await page.evaluate(
    `performance.getEntriesByName('marginalia:threads-drawn', 'mark')[0]?.startTime ?? NaN`,
  )) as number
  const counted = (await page.evaluate(`({
    highlights: new Set([...document.querySelectorAll('.thread-highlight')]
      .flatMap((element) => (element.dataset.threads ?? '').split(' '))).size,
    cards: document.querySelectorAll('aside.threads article.thread-card').length,
  })`)) as { highlights: number; cards: number }
  const clickMs = (await page.evaluate(`new Promise((resolve, reject) => {
    const cards = document.querySelectorAll('.threads-column article.thread-card')
    const card = cards[Math.floor(cards.length / 2)]
    if (!card) return reject(new Error('no card on text'))
    const started = performance.now()
    const watch = new MutationObserver(() => {
      if (!card.classList.contains('is-active')) return
      watch.disconnect()
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started)))
    })
    watch.observe(card, { attributes: true, attributeFilter: ['class'] })
    card.click()
  })`)) as number
  return { drawnMs, clickMs, ...counted }
}

/**
 * Opens the big draft's editor page signed in as its owner (a wide window: cards beside their highlights),
 * `runs` times after a first visit, and times navigation → every highlight drawn and the sidebar ready (the
 * client's `marginalia:threads-drawn` mark, also `data-highlights="drawn"` on the sidebar), then a click on a
 * card. With BENCH_PAGE_PROF=DIR, writes a CPU profile of one visit there (open it in Chrome's DevTools).
 */
export async function measureEditorPage(world: ThreadsWorld, runs = 5): Promise<PageFigures> {
  await buildClientIfNeeded()
  const browser = await launchBrowser()
  try {
    const page = await signedInPage(browser, world)
    const cold = await visit(page, world)
    const visits = []
    for (let i = 0; i < runs; i++) visits.push(await visit(page, world))
    const profileDir = process.env.BENCH_PAGE_PROF
    if (profileDir) {
      await browser.startTracing(page, {
        path: path.join(profileDir, 'editor-page-trace.json'),
        categories: ['devtools.timeline', 'blink'],
      })
      await visit(page, world)
      await browser.stopTracing()
      const cdp = await page.context().newCDPSession(page)
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.start')
      await visit(page, world)
      const { profile } = await cdp.send('Profiler.stop')
      await writeFile(path.join(profileDir, 'editor-page.cpuprofile'), JSON.stringify(profile))
      const timeline = await page.evaluate(`[
        ...performance.getEntriesByType('resource').map((e) => ({ name: e.name.replace(location.origin, ''), start: Math.round(e.startTime), end: Math.round(e.responseEnd), bytes: e.transferSize })),
        ...performance.getEntriesByType('mark').map((e) => ({ name: e.name, start: Math.round(e.startTime) })),
        ...performance.getEntriesByType('longtask').map((e) => ({ name: 'longtask', start: Math.round(e.startTime), end: Math.round(e.startTime + e.duration) })),
      ].sort((a, b) => a.start - b.start)`)
      const census = await page.evaluate(`(() => {
        const counts = {}
        for (const element of document.querySelectorAll('body *')) {
          const region = element.closest('.ProseMirror') ? 'text' : element.closest('aside.threads') ? 'sidebar'
            : element.closest('.editor-with-threads') ? 'editor-other' : 'page'
          counts[region] = (counts[region] ?? 0) + 1
        }
        return counts
      })()`)
      await writeFile(
        path.join(profileDir, 'editor-page-timeline.json'),
        JSON.stringify({ census, timeline }, null, 1),
      )
    }
    return {
      runs,
      drawnMs: median(visits.map((v) => v.drawnMs)),
      coldDrawnMs: cold.drawnMs,
      clickMs: median(visits.map((v) => v.clickMs)),
      highlights: cold.highlights,
      cards: cold.cards,
    }
  } finally {
    await browser.close()
  }
}
