/**
 * Exports and import at scale: the ~100-page draft with 2,000 threads (and 4,000 replies, a quarter resolved).
 * Times, from the client, the Word export with every comment, the disposition spreadsheet, the PDF, and the
 * import of a 100-page Word file into another document; then the p99 of a cheap API request under load, alone
 * and while exports run. The server runs as its own process pinned to one core, over the machine's Postgres.
 * Prints a Markdown table and returns its lines; `run.ts` records them in docs/benchmarks.md.
 * Run alone: `npx tsx test/load/exports-load.ts [--runs N]` (BENCH_CPU_PROF=dir profiles the server).
 */
import { mkdtemp } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import pg from 'pg'
import { createTestDatabase } from '../support/database.ts'
import { download } from '../support/export-readers.ts'
import { givenUser, testPassword } from '../support/given.ts'
import { HttpAgent } from '../support/http-agent.ts'
import { freePort } from '../support/test-server.ts'
import { largeDraft } from './large-draft.ts'
import { spawnServer } from './server-process.ts'

/** One timed operation: the median and the slowest of its runs, and its target. */
interface Timing {
  what: string
  /** The warm-up run: the first of its kind since the server started (a PDF launches the browser). */
  firstMs: number
  medianMs: number
  maxMs: number
  bytes: number
  targetMs?: number
}

/** Latency of the concurrent API load. */
interface LoadFigures {
  p50: number
  p99: number
  max: number
  rps: number
  errors: number
}

/** What an import answers about the document's threads. */
interface ThreadsAfterImport {
  anchored: number
  orphaned: number
  general: number
}

const describeThreads = (t: ThreadsAfterImport) =>
  `${t.anchored.toLocaleString('en')} anchored, ${t.orphaned} orphaned, ${t.general} general`

/** The figures of one benchmark run. */
export interface ExportsFigures {
  words: number
  threads: number
  comments: number
  runs: number
  timings: Timing[]
  loadPath: string
  connections: number
  alone: LoadFigures
  duringExports: LoadFigures
  exportsDuringLoad: number
  duringImports: LoadFigures
  importsDuringLoad: number
}

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`)
  return at === -1 ? fallback : Number(process.argv[at + 1])
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const countries = ['BW', 'ZW', 'ID', 'CN', 'BR', 'IN', 'NG', 'PK', 'MY', 'TR']

/** Runs `work` `runs` times after one warm-up run, and answers the timing of the measured runs. */
async function timed(
  what: string,
  runs: number,
  targetMs: number | undefined,
  work: () => Promise<number>,
): Promise<Timing> {
  const warmUp = performance.now()
  await work()
  const firstMs = performance.now() - warmUp
  const times: number[] = []
  let bytes = 0
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    bytes = await work()
    times.push(performance.now() - started)
  }
  return {
    what,
    firstMs,
    medianMs: median(times),
    maxMs: Math.max(...times),
    bytes,
    ...(targetMs ? { targetMs } : {}),
  }
}

function loadFigures(result: autocannon.Result): LoadFigures {
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    rps: result.requests.average,
    errors: result.errors + result.non2xx,
  }
}

/** Builds the world, measures, tears everything down. */
export async function runExportsLoad(
  options: { threads?: number; runs?: number } = {},
): Promise<ExportsFigures> {
  const threadCount = options.threads ?? 2000
  const runs = options.runs ?? 3
  const repliesPerThread = 2
  process.env.TEST_DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/postgres'
  const database = await createTestDatabase({ migrated: true })
  const pool = new pg.Pool({ connectionString: database.url, max: 4 })
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const logDir = await mkdtemp(path.join(os.tmpdir(), 'marginalia-exports-bench-'))
  const server = await spawnServer({
    core: 0,
    args: ['bin/marginalia.js', 'serve'],
    env: {
      DATABASE_URL: database.url,
      PORT: String(port),
      PUBLIC_URL: url,
      SESSION_SECRET: 'exports-bench-secret-exports-bench-secret',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
    },
    logFile: path.join(logDir, 'server.log'),
    readyUrl: `${url}/readyz`,
    ...(process.env.BENCH_CPU_PROF
      ? { nodeOptions: ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] }
      : {}),
  })
  try {
    const owner = await givenUser(pool, { isAdmin: true, name: 'Bench Owner', country: 'ZA' })
    const experts = await Promise.all(
      countries.map((country, i) =>
        givenUser(pool, { name: `Expert ${i + 1}`, country, organization: `University ${i + 1}` }),
      ),
    )
    const agent = new HttpAgent(url)
    await agent.signIn(owner.email, testPassword)
    const { markdown, markers } = largeDraft(40)
    const words = markdown.split(/\s+/).filter(Boolean).length
    const documentId = (await agent.post('/api/documents', { title: 'Long draft', markdown })).body
      .id as string

    // Threads through the API (quotes ending in a unique marker), eight at a time; then authors from ten
    // countries, two replies each and a quarter resolved, straight in the database.
    const queue = Array.from({ length: threadCount }, (_, i) => i)
    const worker = async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        const marker = markers[i % markers.length]!
        const response = await agent.post(`/api/documents/${documentId}/threads`, {
          anchor: i < markers.length ? { quote: marker } : { document: true },
          body: `Comment ${i} on ${marker}: the wording here should say what is measured and how often.`,
          type: (['general', 'technical', 'editorial'] as const)[i % 3],
          ...(i % 5 === 0 ? { proposedText: `Proposed wording ${i}` } : {}),
        })
        if (response.status !== 201) throw new Error(`thread ${i}: ${response.status} ${response.text}`)
      }
    }
    await Promise.all(Array.from({ length: 8 }, worker))
    const expertIds = experts.map((expert) => expert.id)
    await pool.query(
      `UPDATE threads t SET author_id = ($2::uuid[])[1 + (n.rank % array_length($2::uuid[], 1))]
         FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS rank FROM threads WHERE document_id = $1) n
        WHERE t.id = n.id`,
      [documentId, expertIds],
    )
    await pool.query(
      `UPDATE comments c SET author_id = t.author_id FROM threads t WHERE c.thread_id = t.id AND t.document_id = $1`,
      [documentId],
    )
    await pool.query(
      `INSERT INTO comments (thread_id, author_id, body)
       SELECT t.id, $2, 'A reply ' || g || ': agreed in part, see the revised paragraph.'
         FROM threads t CROSS JOIN generate_series(1, $3) g WHERE t.document_id = $1`,
      [documentId, owner.id, repliesPerThread],
    )
    await pool.query(
      `UPDATE threads t SET status = 'resolved', resolution = 'accepted', resolution_note = 'Done in the revision.',
              resolved_by = $2, resolved_at = now()
         FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS rank FROM threads WHERE document_id = $1) n
        WHERE t.id = n.id AND n.rank % 4 = 0`,
      [documentId, owner.id],
    )
    const comments = threadCount * (1 + repliesPerThread)

    const exportPath = (query: string) => `/api/documents/${documentId}/export?${query}`
    const fetchBytes = async (pathname: string) => {
      const file = await download(agent, pathname)
      if (file.status !== 200) throw new Error(`${pathname}: ${file.status} ${file.text.slice(0, 300)}`)
      return file.bytes
    }
    const timings: Timing[] = []
    const measure = async (what: string, targetMs: number | undefined, pathname: string) => {
      const timing = await timed(what, runs, targetMs, async () => (await fetchBytes(pathname)).length)
      timings.push(timing)
      console.log(`${what}: ${Math.round(timing.medianMs)} ms`)
    }
    await measure('`.docx` with all comments', 3000, exportPath('format=docx&comments=all'))
    await measure('`.docx`, clean', undefined, exportPath('format=docx'))
    await measure(
      'disposition `.xlsx` (every thread)',
      1000,
      `/api/documents/${documentId}/disposition?format=xlsx`,
    )
    await measure('`.pdf`, clean', 5000, exportPath('format=pdf'))
    await measure(
      '`.pdf` with all comments (as numbered notes)',
      undefined,
      exportPath('format=pdf&comments=all'),
    )

    // Import: the clean Word export of the long draft, into another document.
    const wordFile = await fetchBytes(exportPath('format=docx'))
    let afterImport: ThreadsAfterImport = { anchored: 0, orphaned: 0, general: 0 }
    const importInto = async (target: string) => {
      const form = new FormData()
      form.append('file', new Blob([new Uint8Array(wordFile)]), 'Long draft.docx')
      const response = await agent.request('POST', `/api/documents/${target}/import`, { form })
      if (response.status !== 200) throw new Error(`import: ${response.status} ${response.text}`)
      afterImport = response.body.threads
      return wordFile.length
    }
    const importTiming = await timed(
      'import of the 100-page `.docx` into another document',
      runs,
      3000,
      async () =>
        importInto(
          (await agent.post('/api/documents', { title: 'Imported', markdown: 'Old text.' })).body
            .id as string,
        ),
    )
    timings.push(importTiming)
    console.log(`import: ${Math.round(importTiming.medianMs)} ms`)

    // A cheap request under load: alone, while exports run one after another, and while imports do.
    const loadPath = `/api/documents/${documentId}`
    const connections = 10
    const duration = 10
    const cannonHeaders = { cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ') }
    const cannon = () =>
      autocannon({
        url: `${url}${loadPath}`,
        connections,
        duration,
        headers: cannonHeaders,
      })
    await autocannon({ url: `${url}${loadPath}`, connections, duration: 2, headers: cannonHeaders })
    const alone = loadFigures(await cannon())
    /** The load while `jobs` run one after another, and how many ran. */
    const whileRunning = async (jobs: Array<() => Promise<unknown>>) => {
      let done = 0
      let loading = true
      const runner = (async () => {
        while (loading) {
          await jobs[done % jobs.length]!()
          done++
        }
      })()
      const figures = loadFigures(await cannon())
      loading = false
      await runner
      return { figures, done }
    }
    const duringExports = await whileRunning([
      () => fetchBytes(exportPath('format=docx&comments=all')),
      () => fetchBytes(`/api/documents/${documentId}/disposition?format=xlsx`),
      () => fetchBytes(exportPath('format=pdf')),
    ])
    const duringImports = await whileRunning([
      async () =>
        importInto(
          (await agent.post('/api/documents', { title: 'Imported', markdown: 'Old text.' })).body
            .id as string,
        ),
    ])

    // A named version's Word file, and the same .docx imported over the draft itself (a version is kept first,
    // the text is applied as a difference, and the 2,000 threads are resolved again).
    const version = await agent.post(`/api/documents/${documentId}/versions`, { name: 'Bench version' })
    if (version.status !== 201) throw new Error(`version: ${version.status} ${version.text}`)
    await measure(
      '`.docx` with all comments, from a named version',
      undefined,
      exportPath(`format=docx&comments=all&version=${version.body.id}`),
    )
    const reimport = await timed(
      'import of the same `.docx` over the draft itself (its 2,000 threads re-anchored)',
      runs,
      undefined,
      () => importInto(documentId),
    )
    timings.push({ ...reimport, what: `${reimport.what}: then ${describeThreads(afterImport)}` })
    console.log(`re-import: ${Math.round(reimport.medianMs)} ms`)

    return {
      words,
      threads: threadCount,
      comments,
      runs,
      timings,
      loadPath,
      connections,
      alone,
      duringExports: duringExports.figures,
      exportsDuringLoad: duringExports.done,
      duringImports: duringImports.figures,
      importsDuringLoad: duringImports.done,
    }
  } finally {
    await server.stop()
    await pool.end()
    await database.drop()
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`
const size = (bytes: number) =>
  bytes > 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`

/** The figures as Markdown: a table with a verdict on each target. */
export function exportsRows(f: ExportsFigures): string[] {
  const verdict = (t: Timing) =>
    t.targetMs === undefined
      ? ''
      : t.medianMs < t.targetMs
        ? ` (target < ${seconds(t.targetMs)}: met)`
        : ` (target < ${seconds(t.targetMs)}: **missed**)`
  const load = (l: LoadFigures) =>
    `p50 ${l.p50} ms, p99 ${l.p99} ms, max ${l.max} ms, ${Math.round(l.rps)} requests/s, ${l.errors} errors`
  return [
    '| what | figure |',
    '| --- | --- |',
    `| draft | ${f.words.toLocaleString('en')} words (about 100 pages), ${f.threads.toLocaleString('en')} threads, ${f.comments.toLocaleString('en')} comments, a quarter resolved |`,
    ...f.timings.map(
      (t) =>
        `| ${t.what} | ${seconds(t.medianMs)} median of ${f.runs} (slowest ${seconds(t.maxMs)}; first since start ${seconds(t.firstMs)}), ${size(t.bytes)}${verdict(t)} |`,
    ),
    `| \`GET ${f.loadPath.replace(/[0-9a-f-]{36}/, ':id')}\`, ${f.connections} concurrent, 10 s, nothing else running | ${load(f.alone)} |`,
    `| the same while exports run back to back (Word with comments, disposition, PDF: ${f.exportsDuringLoad} in 10 s) | ${load(f.duringExports)} |`,
    `| the same while 100-page \`.docx\` imports run back to back (${f.importsDuringLoad} in 10 s) | ${load(f.duringImports)} |`,
  ]
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runExportsLoad({ threads: argument('threads', 2000), runs: argument('runs', 3) }).then(
    (figures) => {
      console.log(`\n${exportsRows(figures).join('\n')}`)
      process.exit(0)
    },
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    },
  )
}
