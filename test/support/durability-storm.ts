import type { ChildProcess } from 'node:child_process'
import pg from 'pg'
import * as Y from 'yjs'
import { readStoredState } from '../../server/db/document-state.repo.ts'
import { type CollabClient, connectCollab } from './collab-client.ts'
import { givenDocument, givenUser, testPassword } from './given.ts'
import { HttpAgent } from './http-agent.ts'
import { prng } from './prng.ts'
import { startServerChild } from './server-child.ts'
import { freePort } from './test-server.ts'
import { appendParagraph, eventually, paragraphs } from './ydoc-text.ts'

/** How hard a durability storm pushes: see `runDurabilityStorm`. */
export interface StormOptions {
  /** A fresh, migrated database of the storm's own. */
  databaseUrl: string
  /** Stock y-websocket clients typing into one draft, each as an author of its own. */
  writers: number
  /** How many times the server is killed with SIGKILL (and started again). */
  kills: number
  /** How long the writers type before each kill: a random length in [min, max] ms. */
  stormMs: { min: number; max: number }
  /** Each writer types a token this often. */
  typeEveryMs: number
  /** How long the writers type on while the server is down (kept in their documents, sent on return). */
  downMs: number
  /** Seeds the storm lengths, so that a run can be repeated. */
  seed: number
  /** Progress, one line a kill. */
  log?: (line: string) => void
}

/** What a storm found. `lost` must be empty and `converged` true. */
export interface StormReport {
  writers: number
  kills: number
  seed: number
  /** Tokens typed, in all. */
  typed: number
  /** Tokens a `saved` event covered while the server that sent it was alive (before its kill). */
  confirmedBeforeKills: number
  /** Tokens a `saved` event covered by the end, the last round included. */
  confirmed: number
  /**
   * Tokens a writer was told were saved that the stored state lacked, read right after a kill (before the
   * writers could send them again) or at the end: each one a broken promise.
   */
  lost: string[]
  /** Tokens typed that the stored state lacks at the end, saved or not (every client resends what it has). */
  missing: number
  /** Every writer's paragraphs equal the stored state's (the snapshot and the update log, read back directly). */
  converged: boolean
  /** Per restart: from starting the process to `/readyz`, and to every writer synced again, in ms. */
  restarts: Array<{ readyMs: number; resyncedMs: number }>
  /** Rows in the update log and whether a snapshot exists, at the end (compaction ran meanwhile or not). */
  storedRows: number
  hasSnapshot: boolean
  durationMs: number
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** One writer's tokens, in the order typed, with its own clock right after each. */
interface Ledger {
  tokens: string[]
  clocks: number[]
  /** Tokens before this index are covered by a `saved` event. */
  confirmedUpTo: number
  /** Events before this index were read. */
  eventsRead: number
}

/**
 * Writers type unique tokens into one draft while `marginalia serve` (a child process) is killed with
 * SIGKILL at random moments and started again, `kills` times. Afterwards the stored state is read back
 * without any server: every token a writer was told is saved must be in it, and every writer must converge
 * with it. Used by the durability test (a modest storm) and the durability benchmark (a long one).
 */
export async function runDurabilityStorm(options: StormOptions): Promise<StormReport> {
  const started = performance.now()
  const random = prng(options.seed)
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 2 })
  const clients: CollabClient[] = []
  let child: ChildProcess | undefined
  try {
    const users = await Promise.all(Array.from({ length: options.writers }, () => givenUser(pool)))
    const documentId = await givenDocument(
      pool,
      'Storm',
      users.map((user, i) => [user, i === 0 ? 'owner' : 'author']),
    )
    const port = await freePort()
    const env = {
      DATABASE_URL: options.databaseUrl,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SESSION_SECRET: 'durability-secret-durability-secret-0123',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
    }
    child = await startServerChild(env)
    const url = `http://127.0.0.1:${port}`
    for (const user of users) {
      const agent = new HttpAgent(url)
      await agent.signIn(user.email, testPassword)
      const client = connectCollab(url, agent, documentId)
      await client.synced
      clients.push(client)
    }

    const ledgers: Ledger[] = clients.map(() => ({ tokens: [], clocks: [], confirmedUpTo: 0, eventsRead: 0 }))
    const confirm = () =>
      clients.forEach((client, i) => {
        const ledger = ledgers[i]!
        let clock = 0
        for (; ledger.eventsRead < client.events.length; ledger.eventsRead++) {
          const event = client.events[ledger.eventsRead]!
          if (event.type === 'saved') clock = Math.max(clock, event.clocks[String(client.doc.clientID)] ?? 0)
        }
        while (ledger.confirmedUpTo < ledger.tokens.length && ledger.clocks[ledger.confirmedUpTo]! <= clock) {
          ledger.confirmedUpTo++
        }
      })
    let counter = 0
    const type = async (ms: number) => {
      const until = performance.now() + ms
      for (;;) {
        clients.forEach((client, i) => {
          const token = `w${i}-t${counter++}`
          appendParagraph(client.doc, token)
          ledgers[i]!.tokens.push(token)
          ledgers[i]!.clocks.push(Y.getState(client.doc.store, client.doc.clientID))
        })
        if (performance.now() >= until) return
        await delay(options.typeEveryMs)
      }
    }
    const confirmedCount = () => ledgers.reduce((sum, ledger) => sum + ledger.confirmedUpTo, 0)
    const confirmedTokens = () => ledgers.flatMap((ledger) => ledger.tokens.slice(0, ledger.confirmedUpTo))
    const lost = new Set<string>()

    const restarts: StormReport['restarts'] = []
    for (let round = 0; round < options.kills; round++) {
      const { min, max } = options.stormMs
      await type(min + random() * (max - min))
      // The kill lands 1–5 ms after the last token: its `saved` may have arrived, its commit may not have,
      // which is the window a server that answered before committing would lose.
      await delay(1 + random() * 4)
      confirm()
      child.kill('SIGKILL')
      await new Promise((resolve) => child!.once('exit', resolve))
      // Read what is stored while no server runs: the writers still hold their tokens and would send them
      // again on reconnecting, so only now does a token told `saved` but never committed show as lost.
      const storedNow = new Set(paragraphs((await readStored(pool, documentId)).doc))
      for (const token of confirmedTokens()) if (!storedNow.has(token)) lost.add(token)
      await type(options.downMs)
      const restarted = performance.now()
      child = await startServerChild(env)
      const ready = performance.now()
      await eventually(() => clients.every((c) => c.provider.synced), 'every writer reconnects', 30_000)
      restarts.push({ readyMs: ready - restarted, resyncedMs: performance.now() - restarted })
      options.log?.(
        `kill ${round + 1}/${options.kills}: ${confirmedCount()} tokens confirmed so far; ready in ${Math.round(ready - restarted)} ms, every writer synced in ${Math.round(performance.now() - restarted)} ms`,
      )
    }
    const confirmedBeforeKills = confirmedCount()
    const { min, max } = options.stormMs
    await type(min + random() * (max - min))
    await Promise.all(clients.map((c) => c.saved(30_000)))
    confirm()
    child.kill('SIGTERM')
    await new Promise((resolve) => child!.once('exit', resolve))
    child = undefined

    // What is stored, read back without any server.
    const stored = await readStored(pool, documentId)
    const storedTokens = new Set(paragraphs(stored.doc))
    for (const token of confirmedTokens()) if (!storedTokens.has(token)) lost.add(token)
    const typed = ledgers.flatMap((ledger) => ledger.tokens)
    const converged = clients.every((client) => {
      const seen = paragraphs(client.doc)
      return seen.length === storedTokens.size && seen.every((token) => storedTokens.has(token))
    })
    return {
      writers: options.writers,
      kills: options.kills,
      seed: options.seed,
      typed: typed.length,
      confirmedBeforeKills,
      confirmed: confirmedCount(),
      lost: [...lost],
      missing: typed.filter((token) => !storedTokens.has(token)).length,
      converged,
      restarts,
      storedRows: stored.rows,
      hasSnapshot: stored.hasSnapshot,
      durationMs: performance.now() - started,
    }
  } finally {
    child?.kill('SIGKILL')
    for (const client of clients) client.destroy()
    await pool.end()
  }
}

/** The draft as stored (its snapshot, then its update log after it), read as a load would, without a server. */
async function readStored(
  pool: pg.Pool,
  documentId: string,
): Promise<{ doc: Y.Doc; rows: number; hasSnapshot: boolean }> {
  const stored = await readStoredState(pool, documentId)
  const doc = new Y.Doc()
  for (const update of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) {
    Y.applyUpdate(doc, update)
  }
  return { doc, rows: stored.updates.length, hasSnapshot: stored.snapshot !== null }
}
