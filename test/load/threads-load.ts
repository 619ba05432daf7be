/**
 * The comment threads at scale: a ~100-page draft with 2,000 threads and 6,000 comments (threads-world.ts).
 * Measures the list API's latency at 50 concurrent requests (autocannon against the real server on core 0,
 * this process on core 1), the time to resolve all 2,000 anchors, and the editor page in Chromium
 * (threads-page.ts). Prints figures and returns them; `run.ts` records them in docs/benchmarks.md.
 * The list requests carry a browser's `Accept-Encoding` (gzip); `--identity` leaves it out.
 * Run alone: `npx tsx test/load/threads-load.ts [--threads N] [--page N] [--connections N] [--no-page] [--no-list] [--target-only] [--identity] [--json FILE]`
 * (`--target-only`: just the target's case, `limit=page` at `connections` concurrent, three runs; no anchors, no page).
 */

import { writeFile } from 'node:fs/promises'
import autocannon from 'autocannon'
import * as Y from 'yjs'
import { storedAnchorOf } from '../../server/db/threads.repo.ts'
import { buildTextMap, lazyAnchorContext, resolveAnchor } from '../../shared/anchors/index.ts'
import { schema } from '../../shared/schema/index.ts'
import { connectCollab } from '../support/collab-client.ts'
import { harnessCpuWindow, ProcessWatch, waitForIdleMachine } from './process-stats.ts'
import { measureEditorPage, type PageFigures } from './threads-page.ts'
import { buildThreadsWorld, type ThreadsWorld } from './threads-world.ts'

/** One autocannon run against the list endpoint. */
export interface ListFigures {
  pageSize: number
  connections: number
  p50: number
  p99: number
  rps: number
  errors: number
  /** The server's CPU per answered request (ms), and its share of its core (%). */
  serverCpuMsPerRequest: number
  serverCpuPercent: number
  postgresCpuPercent: number
  /** This process (autocannon) as % of its core: near 100 means the load generator was the limit. */
  harnessCpuPercent: number
  /** Other people's load on the machine just before the run (% of one core). */
  othersBusyPercent: number
  /** Measured while an author typed into the draft. */
  typing?: boolean
  /** Asked without `Accept-Encoding` (`--identity`): the uncompressed answer. */
  identity?: boolean
  /** When the run was repeated: every run's p99, in order (the figures above are the median run's). */
  p99Runs?: number[]
}

/** An author typing into the draft over the collaboration socket, twice a second, until stopped. */
async function startTyping(world: ThreadsWorld): Promise<{ stop(): void }> {
  const client = connectCollab(world.url, world.agent, world.documentId)
  await client.synced
  const fragment = client.doc.getXmlFragment('prosemirror')
  let typed = 0
  const timer = setInterval(() => {
    const paragraph = fragment.get(1 + (typed++ % 20))
    const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : undefined
    if (text instanceof Y.XmlText) text.insert(0, 'x')
  }, 500)
  return {
    stop() {
      clearInterval(timer)
      client.destroy()
    },
  }
}

/** The figures of one run. */
export interface ThreadsFigures {
  words: number
  threads: number
  comments: number
  lists: ListFigures[]
  /** Reading the text from its Yjs form into a text map (done once per text version on the server). */
  convertMs: number
  /** Resolving every anchor through that map. */
  resolveAllMs: number
  /** The same once the code is warm (median of five). */
  warmConvertMs: number
  warmResolveAllMs: number
  orphaned: number
  page?: PageFigures | undefined
}

const identity = process.argv.includes('--identity')

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`)
  return at === -1 ? fallback : Number(process.argv[at + 1])
}

/**
 * Drives `GET …/threads?limit=pageSize` with `connections` concurrent requests for `seconds`; with `typing`,
 * an author edits the draft over the collaboration socket twice a second meanwhile (every edit changes the
 * text every list answer depends on).
 */
export async function measureList(
  world: ThreadsWorld,
  pageSize: number,
  connections: number,
  seconds = 10,
  typing = false,
): Promise<ListFigures> {
  const url = `${world.url}/api/documents/${world.documentId}/threads?limit=${pageSize}`
  const headers: Record<string, string> = {
    cookie: [...world.agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
  }
  // As a browser asks (and Caddy passes on), unless `--identity`: uncompressed answers, as before.
  if (!identity) headers['accept-encoding'] = 'gzip, deflate, br'
  // Warm the live document and the cache once, as any earlier reader would have.
  await world.agent.get(`/api/documents/${world.documentId}/threads?limit=${pageSize}`)
  const othersBusyPercent = await waitForIdleMachine(
    [process.pid, world.server.pid],
    world.databaseName,
    25,
    60_000,
  )
  const watch = new ProcessWatch(world.server.pid, world.databaseName)
  const window = watch.window()
  const harness = harnessCpuWindow()
  const writer = typing ? await startTyping(world) : undefined
  let result: autocannon.Result
  try {
    result = await autocannon({ url, connections, duration: seconds, headers })
  } finally {
    writer?.stop()
  }
  const server = window.end()
  const own = harness.end()
  watch.stop()
  const answered = result.requests.total || 1
  return {
    pageSize,
    connections,
    ...(typing ? { typing: true } : {}),
    ...(identity ? { identity: true } : {}),
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    errors: result.errors + result.non2xx,
    serverCpuMsPerRequest: (server.cpuPercent * 10 * seconds) / answered,
    serverCpuPercent: server.cpuPercent,
    postgresCpuPercent: server.postgresCpuPercent,
    harnessCpuPercent: own.percent,
    othersBusyPercent,
  }
}

/** `runs` runs of `measureList`: the one with the median p99, with every run's p99 beside it. */
async function repeatedList(
  world: ThreadsWorld,
  pageSize: number,
  connections: number,
  runs: number,
): Promise<ListFigures> {
  const all: ListFigures[] = []
  for (let i = 0; i < runs; i++) all.push(await measureList(world, pageSize, connections))
  const sorted = [...all].sort((a, b) => a.p99 - b.p99)
  return { ...sorted[Math.floor(runs / 2)]!, p99Runs: all.map((run) => run.p99) }
}

/** Resolves every thread's anchor in this process, against the stored text, timing both steps. */
export async function measureAnchors(world: ThreadsWorld): Promise<{
  convertMs: number
  resolveAllMs: number
  warmConvertMs: number
  warmResolveAllMs: number
  orphaned: number
}> {
  const stored = new Y.Doc()
  const { rows: updates } = await world.pool.query(
    'SELECT data FROM document_updates WHERE document_id = $1 ORDER BY id',
    [world.documentId],
  )
  for (const row of updates) Y.applyUpdate(stored, row.data)
  const { rows: anchors } = await world.pool.query(
    'SELECT anchor_kind, anchor_start, anchor_end, quote, prefix, suffix FROM threads WHERE document_id = $1',
    [world.documentId],
  )
  const fragment = stored.getXmlFragment('prosemirror')
  const once = () => {
    const started = performance.now()
    // The server's context (LiveDocument.anchorContext): its text map is read on the first anchor; read here
    // first to time the two steps apart. The ProseMirror view is built only if an anchor needs it.
    const context = lazyAnchorContext(fragment, schema)
    context.text = buildTextMap(fragment, schema)
    const converted = performance.now()
    let orphaned = 0
    for (const row of anchors) {
      const resolved = resolveAnchor(context, storedAnchorOf(row))
      if (resolved.state === 'orphaned') orphaned++
    }
    return { convertMs: converted - started, resolveAllMs: performance.now() - converted, orphaned }
  }
  // The first run is the cold one (code not yet optimised, as after a server start); then the median of five.
  const first = once()
  const again = Array.from({ length: 5 }, once).sort(
    (a, b) => a.convertMs + a.resolveAllMs - (b.convertMs + b.resolveAllMs),
  )
  const warm = again[2]!
  return {
    convertMs: first.convertMs,
    resolveAllMs: first.resolveAllMs,
    warmConvertMs: warm.convertMs,
    warmResolveAllMs: warm.resolveAllMs,
    orphaned: first.orphaned,
  }
}

/** Builds the world, measures, tears everything down. */
export async function runThreadsLoad(
  options: {
    threads?: number
    pageSize?: number
    connections?: number
    page?: boolean
    list?: boolean
    targetOnly?: boolean
  } = {},
): Promise<ThreadsFigures> {
  const world = await buildThreadsWorld(options.threads ?? 2000, 2)
  try {
    const pageSize = options.pageSize ?? 50
    const connections = options.connections ?? 50
    if (options.targetOnly) {
      return {
        words: world.words,
        threads: world.threads,
        comments: world.comments,
        lists: [await repeatedList(world, pageSize, connections, 3)],
        convertMs: 0,
        resolveAllMs: 0,
        warmConvertMs: 0,
        warmResolveAllMs: 0,
        orphaned: 0,
      }
    }
    // Before the load runs, while this process is quiet.
    const anchors = await measureAnchors(world)
    const lists =
      options.list === false
        ? []
        : [
            await measureList(world, pageSize, 1, 5),
            await repeatedList(world, pageSize, connections, 3),
            await measureList(world, 500, connections),
            await measureList(world, pageSize, connections, 10, true),
          ]
    const page = options.page === false ? undefined : await measureEditorPage(world)
    return {
      words: world.words,
      threads: world.threads,
      comments: world.comments,
      lists,
      ...anchors,
      page,
    }
  } finally {
    await world.stop()
  }
}

const verdict = (met: boolean) => (met ? 'met' : '**missed**')

/** The figures as Markdown table rows (`| what | figure | target |`). */
export function threadsRows(f: ThreadsFigures): string[] {
  const rows = [
    `| draft | ${f.words.toLocaleString('en')} words, ${f.threads.toLocaleString('en')} threads, ${f.comments.toLocaleString('en')} comments | |`,
  ]
  for (const l of f.lists) {
    const target = l.pageSize === 50 && l.connections === 50 && !l.typing
    const runs = l.p99Runs
      ? ` (the median of ${l.p99Runs.length} runs of 10 s, whose p99 were ${l.p99Runs.join(', ')} ms)`
      : ''
    rows.push(
      `| \`GET …/threads?limit=${l.pageSize}\`, ${l.connections} concurrent${runs}${l.typing ? ', while an author types twice a second' : ''}${l.identity ? ', without `Accept-Encoding`' : ''} | p50 ${l.p50} ms, p99 ${l.p99} ms, ${Math.round(l.rps).toLocaleString('en')} requests/s, ${l.errors} errors; server ${l.serverCpuMsPerRequest.toFixed(2)} ms CPU a request (${Math.round(l.serverCpuPercent)} % of its core), Postgres ${Math.round(l.postgresCpuPercent)} %, autocannon ${Math.round(l.harnessCpuPercent)} % of its core, others ${Math.round(l.othersBusyPercent)} % before | ${target ? `p99 < 50 ms: ${verdict(l.p99 < 50)}` : ''} |`,
    )
  }
  const warm = f.warmConvertMs + f.warmResolveAllMs
  rows.push(
    `| resolving all ${f.threads.toLocaleString('en')} anchors: read the text from Yjs (text map), then each anchor; first run (cold code) | ${Math.round(f.convertMs + f.resolveAllMs)} ms (text ${Math.round(f.convertMs)} ms, anchors ${Math.round(f.resolveAllMs)} ms), ${f.orphaned} orphaned | < 100 ms: ${verdict(f.convertMs + f.resolveAllMs < 100)} |`,
    `| … the same, warm (median of five) | ${Math.round(warm)} ms (text ${Math.round(f.warmConvertMs)} ms, anchors ${Math.round(f.warmResolveAllMs)} ms) | < 100 ms: ${verdict(warm < 100)} |`,
  )
  if (f.page) {
    const p = f.page
    rows.push(
      `| editor page in Chromium, navigation to every highlight drawn and the sidebar ready (median of ${p.runs}; ${p.highlights.toLocaleString('en')} highlights, ${p.cards.toLocaleString('en')} cards) | ${Math.round(p.drawnMs)} ms (first visit, nothing cached in the browser: ${Math.round(p.coldDrawnMs)} ms) | < 1.5 s: ${verdict(p.drawnMs < 1500)} |`,
      `| … then a click on a thread card until it is active (painted) | ${Math.round(p.clickMs)} ms | |`,
    )
  }
  return rows
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runThreadsLoad({
    threads: argument('threads', 2000),
    pageSize: argument('page', 50),
    connections: argument('connections', 50),
    page: !process.argv.includes('--no-page'),
    list: !process.argv.includes('--no-list'),
    targetOnly: process.argv.includes('--target-only'),
  }).then(
    async (figures) => {
      console.log(threadsRows(figures).join('\n'))
      const json = process.argv.indexOf('--json')
      if (json !== -1) await writeFile(process.argv[json + 1]!, JSON.stringify(figures))
      process.exit(0)
    },
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    },
  )
}
