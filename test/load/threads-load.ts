/**
 * The comment threads at scale: a ~100-page draft with 2,000 threads and 6,000 comments. Measures the list
 * API's latency at 50 concurrent requests (autocannon against the real server on one core) and the time to
 * resolve all 2,000 anchors. Prints figures and returns them; `run.ts` records them in docs/benchmarks.md.
 * Run alone: `npx tsx test/load/threads-load.ts [--threads N]`.
 */
import { mkdtemp } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import pg from 'pg'
import { initProseMirrorDoc } from 'y-prosemirror'
import * as Y from 'yjs'
import { type AnchorContext, resolveAnchor } from '../../shared/anchors/index.ts'
import { schema } from '../../shared/schema/index.ts'
import { createTestDatabase } from '../support/database.ts'
import { givenUser, testPassword } from '../support/given.ts'
import { HttpAgent } from '../support/http-agent.ts'
import { freePort } from '../support/test-server.ts'
import { largeDraft } from './large-draft.ts'
import { spawnServer } from './server-process.ts'

/** The figures of one run. */
export interface ThreadsFigures {
  words: number
  threads: number
  comments: number
  listP50: number
  listP99: number
  listRps: number
  listErrors: number
  pageSize: number
  resolveAllMs: number
  orphaned: number
}

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`)
  return at === -1 ? fallback : Number(process.argv[at + 1])
}

/** Builds the world, measures, tears everything down. */
export async function runThreadsLoad(
  threadCount = 2000,
  repliesPerThread = 2,
  pageSize = 50,
): Promise<ThreadsFigures> {
  process.env.TEST_DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/postgres'
  const database = await createTestDatabase({ migrated: true })
  const pool = new pg.Pool({ connectionString: database.url, max: 4 })
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const logDir = await mkdtemp(path.join(os.tmpdir(), 'marginalia-threads-bench-'))
  const server = await spawnServer({
    core: 0,
    args: ['bin/marginalia.js', 'serve'],
    env: {
      DATABASE_URL: database.url,
      PORT: String(port),
      PUBLIC_URL: url,
      SESSION_SECRET: 'threads-bench-secret-threads-bench-secret',
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
    const owner = await givenUser(pool, { isAdmin: true, name: 'Bench Owner' })
    const agent = new HttpAgent(url)
    await agent.signIn(owner.email, testPassword)
    const { markdown, markers } = largeDraft(40)
    const words = markdown.split(/\s+/).filter(Boolean).length
    const created = await agent.post('/api/documents', { title: 'Long draft', markdown })
    const documentId = created.body.id as string

    // Threads through the API (quotes ending in a unique marker), eight at a time.
    const queue = Array.from({ length: threadCount }, (_, i) => i)
    const worker = async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        const marker = markers[i % markers.length]!
        const response = await agent.post(`/api/documents/${documentId}/threads`, {
          anchor: i < markers.length ? { quote: marker } : { document: true },
          body: `Comment ${i} on ${marker}`,
          type: (['general', 'technical', 'editorial'] as const)[i % 3],
        })
        if (response.status !== 201) throw new Error(`thread ${i}: ${response.status} ${response.text}`)
      }
    }
    await Promise.all(Array.from({ length: 8 }, worker))
    await pool.query(
      `INSERT INTO comments (thread_id, author_id, body)
       SELECT t.id, $2, 'A reply ' || g FROM threads t CROSS JOIN generate_series(1, $3) g WHERE t.document_id = $1`,
      [documentId, owner.id, repliesPerThread],
    )
    const comments = threadCount * (1 + repliesPerThread)

    // Warm the live document once, then hit the list at 50 concurrent requests.
    await agent.get(`/api/documents/${documentId}/threads?limit=${pageSize}`)
    const result = await autocannon({
      url: `${url}/api/documents/${documentId}/threads?limit=${pageSize}`,
      connections: argument('connections', 50),
      duration: 10,
      headers: { cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    })

    // Anchor resolution for every thread, in this process, against the stored text.
    const stored = new Y.Doc()
    const { rows: updates } = await pool.query(
      'SELECT data FROM document_updates WHERE document_id = $1 ORDER BY id',
      [documentId],
    )
    for (const row of updates) Y.applyUpdate(stored, row.data)
    const { rows: anchors } = await pool.query(
      'SELECT anchor_kind, anchor_start, anchor_end, quote, prefix, suffix FROM threads WHERE document_id = $1',
      [documentId],
    )
    const started = performance.now()
    const fragment = stored.getXmlFragment('prosemirror')
    const { doc, mapping } = initProseMirrorDoc(fragment, schema)
    const context: AnchorContext = { doc, fragment, mapping: mapping as AnchorContext['mapping'] }
    let orphaned = 0
    for (const row of anchors) {
      const resolved = resolveAnchor(context, {
        kind: row.anchor_kind,
        start: row.anchor_start,
        end: row.anchor_end,
        quote: row.quote,
        prefix: row.prefix,
        suffix: row.suffix,
      })
      if (resolved.state === 'orphaned') orphaned++
    }
    const resolveAllMs = performance.now() - started

    return {
      words,
      threads: threadCount,
      comments,
      listP50: result.latency.p50,
      listP99: result.latency.p99,
      listRps: result.requests.average,
      listErrors: result.errors + result.non2xx,
      pageSize,
      resolveAllMs,
      orphaned,
    }
  } finally {
    await server.stop()
    await pool.end()
    await database.drop()
  }
}

/** The figures as Markdown table rows. */
export function threadsRows(f: ThreadsFigures): string[] {
  return [
    `| draft | ${f.words.toLocaleString('en')} words, ${f.threads.toLocaleString('en')} threads, ${f.comments.toLocaleString('en')} comments |`,
    `| \`GET …/threads?limit=${f.pageSize}\` (${f.pageSize} threads with their comments), 50 concurrent, 10 s | p50 ${f.listP50} ms, p99 ${f.listP99} ms, ${Math.round(f.listRps)} requests/s, ${f.listErrors} errors (target p99 < 50 ms) |`,
    `| resolving all ${f.threads.toLocaleString('en')} anchors (convert the text once, then each anchor) | ${Math.round(f.resolveAllMs)} ms, ${f.orphaned} orphaned (target < 100 ms) |`,
  ]
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runThreadsLoad(argument('threads', 2000), 2, argument('page', 50)).then(
    (figures) => {
      console.log(threadsRows(figures).join('\n'))
      process.exit(0)
    },
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    },
  )
}
