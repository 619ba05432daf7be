import { spawnSync } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { createTestDatabase } from '../support/database.ts'
import { givenUser, testPassword } from '../support/given.ts'
import { HttpAgent } from '../support/http-agent.ts'
import { freePort } from '../support/test-server.ts'
import { largeDraft } from './large-draft.ts'
import { onInterrupt, type ServerProcess, spawnServer } from './server-process.ts'

/** The draft of the threads benchmark, served by a real server process, and how to take it all down. */
export interface ThreadsWorld {
  url: string
  /** The test database's name (its Postgres backends' CPU can be read). */
  databaseName: string
  pool: pg.Pool
  server: ServerProcess
  /** Signed in as the document's owner. */
  agent: HttpAgent
  ownerEmail: string
  documentId: string
  words: number
  threads: number
  comments: number
  stop(): Promise<void>
}

/**
 * A ~100-page draft (40 parts of the sample, about 43,000 words) with `threadCount` threads opened through the
 * API (quotes ending in a unique marker, placed by the server; the rest on the whole document) and
 * `repliesPerThread` replies each, served by `marginalia serve` pinned to core 0 over a fresh database on the
 * machine's Postgres. This process (the load generator) keeps to core 1.
 */
export async function buildThreadsWorld(threadCount = 2000, repliesPerThread = 2): Promise<ThreadsWorld> {
  process.env.TEST_DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/postgres'
  spawnSync('taskset', ['-a', '-cp', '1', String(process.pid)], { stdio: 'ignore' })
  const database = await createTestDatabase({ migrated: true })
  const dropOnInterrupt = onInterrupt(() => database.drop())
  const pool = new pg.Pool({ connectionString: database.url, max: 4 })
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const logDir = await mkdtemp(path.join(os.tmpdir(), 'marginalia-threads-bench-'))
  let server: ServerProcess | undefined
  const stop = async () => {
    await server?.stop()
    await pool.end()
    await database.drop()
    dropOnInterrupt()
  }
  try {
    server = await spawnServer({
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
      nodeOptions: process.env.BENCH_CPU_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
        : [],
    })
    const owner = await givenUser(pool, { isAdmin: true, name: 'Bench Owner', country: 'CN' })
    const agent = new HttpAgent(url)
    await agent.signIn(owner.email, testPassword)
    const { markdown, markers } = largeDraft(40)
    const words = markdown.split(/\s+/).filter(Boolean).length
    const created = await agent.post('/api/documents', { title: 'Long draft', markdown })
    const documentId = created.body.id as string

    // Threads through the API, eight at a time.
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
    return {
      url,
      databaseName: new URL(database.url).pathname.slice(1),
      pool,
      server,
      agent,
      ownerEmail: owner.email,
      documentId,
      words,
      threads: threadCount,
      comments: threadCount * (1 + repliesPerThread),
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}
