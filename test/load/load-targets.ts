/**
 * The two servers the collaboration load runs against, behind one interface: Marginalia (`marginalia serve`
 * over a fresh database on the machine's Postgres, writers signed in as an author, readers as a commenter)
 * and the bare y-websocket relay (test/load/relay.ts). Each runs pinned to core 0.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { HistogramSnapshot } from '../../server/collab/latency-histogram.ts'
import { readStoredState } from '../../server/db/document-state.repo.ts'
import type { UserDto } from '../../shared/api/users.ts'
import { connectCollab } from '../support/collab-client.ts'
import type { TestDatabase } from '../support/database.ts'
import { givenDocument, givenUser, testPassword } from '../support/given.ts'
import { HttpAgent } from '../support/http-agent.ts'
import { freePort, onInterrupt, probe, type ServerProcess, spawnServer } from './server-process.ts'

export type TargetName = 'Marginalia' | 'relay'

/** A stock y-websocket client holding a full Y.Doc (the convergence check's witness). */
export interface FullClient {
  doc: Y.Doc
  synced: Promise<void>
  destroy(): void
}

/** A running server under load. */
export interface Target {
  readonly name: TargetName
  readonly pid: number
  /** The Postgres database whose backends' CPU is reported (Marginalia only). */
  readonly database: string | undefined
  /** Marginalia tells writers when their edits are durable (`saved` events); the relay keeps nothing. */
  readonly reportsSaved: boolean
  /**
   * Marginalia's own count of the time from each update's arrival to its commit (`GET /api/admin/collab`),
   * cumulative: diff two readings for a window.
   */
  durableLatency?(): Promise<HistogramSnapshot>
  /** Makes `count` documents writers and readers may open. */
  documents(count: number): Promise<string[]>
  socketUrl(documentId: string): string
  socketHeaders(role: 'writer' | 'reader'): Record<string, string>
  fullClient(documentId: string): FullClient
  /** The document's text as stored (Marginalia: snapshot + update log read from Postgres). */
  storedText(documentId: string): Promise<string> | undefined
  /** GET the health URL: does the process answer, and how fast. */
  alive(timeoutMs?: number): Promise<{ ok: boolean; ms: number }>
  exited(): boolean
  stop(): Promise<void>
}

/** The text a Y.Doc holds, as compared by the convergence check. */
export function documentText(doc: Y.Doc): string {
  return doc.getXmlFragment('prosemirror').toString()
}

const cookieHeader = (agent: HttpAgent) => [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ')

/** What every Marginalia run shares: one fresh migrated database, an author and a commenter. */
export interface MarginaliaFixture {
  database: TestDatabase
  databaseName: string
  pool: pg.Pool
  author: UserDto
  commenter: UserDto
  drop(): Promise<void>
}

/** The machine's Postgres, unless TEST_DATABASE_URL names another. */
export const defaultPostgresUrl = 'postgres://postgres@127.0.0.1:5432/postgres'

/** Creates the database (on TEST_DATABASE_URL's server, never the embedded one) and the two accounts. */
export async function createMarginaliaFixture(): Promise<MarginaliaFixture> {
  // test/support/database.ts reads the variable when it is first imported: set it, then import.
  process.env.TEST_DATABASE_URL ||= defaultPostgresUrl
  const { createTestDatabase } = await import('../support/database.ts')
  const database = await createTestDatabase({ migrated: true })
  if (database.kind !== 'postgres') {
    await database.drop()
    throw new Error('the load benchmark needs a real Postgres (TEST_DATABASE_URL), not the embedded one')
  }
  const pool = new pg.Pool({ connectionString: database.url, max: 4 })
  // An idle connection cut by the forced drop below is expected, not a crash.
  pool.on('error', () => {})
  // Interrupted (Ctrl+C, SIGTERM), the database is still dropped: the connections are forced off.
  const forget = onInterrupt(() => database.drop())
  const drop = async () => {
    forget()
    await pool.end()
    await database.drop()
  }
  try {
    // An instance admin, so the harness can read the server's own figures (GET /api/admin/collab).
    const author = await givenUser(pool, { name: 'Load Author', isAdmin: true })
    const commenter = await givenUser(pool, { name: 'Load Commenter' })
    return {
      database,
      databaseName: new URL(database.url).pathname.slice(1),
      pool,
      author,
      commenter,
      drop,
    }
  } catch (error) {
    await drop()
    throw error
  }
}

/** Starts `marginalia serve` pinned to core 0 over the fixture's database and signs both accounts in. */
export async function startMarginalia(
  fixture: MarginaliaFixture,
  options: { logFile: string; nodeOptions?: string[] },
): Promise<Target> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const server: ServerProcess = await spawnServer({
    core: 0,
    args: ['bin/marginalia.js', 'serve'],
    env: {
      DATABASE_URL: fixture.database.url,
      PORT: String(port),
      PUBLIC_URL: url,
      SESSION_SECRET: 'collab-load-secret-collab-load-secret-0123',
      DATA_DIR: path.join(os.tmpdir(), `marginalia-load-${randomBytes(4).toString('hex')}`),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
    },
    logFile: options.logFile,
    readyUrl: `${url}/readyz`,
    ...(options.nodeOptions ? { nodeOptions: options.nodeOptions } : {}),
  })
  try {
    const writerAgent = new HttpAgent(url)
    await writerAgent.signIn(fixture.author.email, testPassword)
    const readerAgent = new HttpAgent(url)
    await readerAgent.signIn(fixture.commenter.email, testPassword)
    const headers = {
      writer: { cookie: cookieHeader(writerAgent), origin: url },
      reader: { cookie: cookieHeader(readerAgent), origin: url },
    }
    return {
      name: 'Marginalia',
      pid: server.pid,
      database: fixture.databaseName,
      reportsSaved: true,
      async durableLatency() {
        const answer = await writerAgent.get('/api/admin/collab')
        if (answer.status !== 200) throw new Error(`GET /api/admin/collab: ${answer.status} ${answer.text}`)
        return answer.body.durableMs as HistogramSnapshot
      },
      async documents(count) {
        const ids: string[] = []
        for (let i = 0; i < count; i++) {
          ids.push(
            await givenDocument(fixture.pool, `Load ${i}`, [
              [fixture.author, 'author'],
              [fixture.commenter, 'commenter'],
            ]),
          )
        }
        return ids
      },
      socketUrl: (documentId) => `ws://127.0.0.1:${port}/collab/${documentId}`,
      socketHeaders: (role) => headers[role],
      fullClient(documentId) {
        const client = connectCollab(url, readerAgent, documentId)
        return { doc: client.doc, synced: client.synced, destroy: () => client.destroy() }
      },
      async storedText(documentId) {
        const stored = await readStoredState(fixture.pool, documentId)
        const doc = new Y.Doc()
        for (const update of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) {
          Y.applyUpdate(doc, update)
        }
        const text = documentText(doc)
        doc.destroy()
        return text
      },
      alive: (timeoutMs) => probe(`${url}/healthz`, timeoutMs),
      exited: () => server.exited(),
      stop: () => server.stop(),
    }
  } catch (error) {
    await server.stop(2000)
    throw error
  }
}

/** Starts the bare relay (test/load/relay.ts) pinned to core 0. */
export async function startRelay(options: { logFile: string; nodeOptions?: string[] }): Promise<Target> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const server = await spawnServer({
    core: 0,
    args: ['--import', 'tsx', 'test/load/relay.ts', String(port)],
    env: {},
    logFile: options.logFile,
    readyUrl: url,
    ...(options.nodeOptions ? { nodeOptions: options.nodeOptions } : {}),
  })
  return {
    name: 'relay',
    pid: server.pid,
    database: undefined,
    reportsSaved: false,
    async documents(count) {
      return Array.from({ length: count }, () => randomUUID())
    },
    socketUrl: (documentId) => `ws://127.0.0.1:${port}/${documentId}`,
    socketHeaders: () => ({}),
    fullClient(documentId) {
      const doc = new Y.Doc()
      const provider = new WebsocketProvider(`ws://127.0.0.1:${port}`, documentId, doc, {
        WebSocketPolyfill: WebSocket as never,
        disableBc: true,
      })
      const synced = new Promise<void>((resolve) => {
        if (provider.synced) resolve()
        provider.once('sync', () => resolve())
      })
      return {
        doc,
        synced,
        destroy: () => {
          provider.destroy()
          doc.destroy()
        },
      }
    },
    storedText: () => undefined,
    alive: (timeoutMs) => probe(url, timeoutMs),
    exited: () => server.exited(),
    stop: () => server.stop(),
  }
}
