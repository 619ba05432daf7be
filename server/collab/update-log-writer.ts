import type pg from 'pg'
import { appendUpdates, missingDocuments } from '../db/document-state.repo.ts'
import type { Log } from '../log.ts'
import { LatencyHistogram } from './latency-histogram.ts'

interface Pending {
  documentId: string
  update: Uint8Array
  /** `performance.now()` when the update was queued: the moment it was applied. */
  queuedAt: number
  resolve: () => void
}

/** Postgres's error code for a foreign key violation (the document of an update is gone). */
const foreignKeyViolation = '23503'

/** At most this many rows go in one INSERT (each takes a lock per distinct document). */
const maxRowsPerStatement = 500

/**
 * A commit starts at least this long after the one before it started. Every commit costs Postgres a flush of
 * its write-ahead log and both sides a round trip, whether it carries one update or fifty: where updates
 * trickle in (many small documents) back-to-back commits would carry one or two each, several hundred a
 * second. Pacing lets each carry what arrived meanwhile, for at most this much more wait for `saved`.
 */
export const commitIntervalMs = 5

/**
 * Group commit for the update log: updates queue up while a write is in flight, and the next write takes
 * them all in one INSERT. Each `append` resolves only once its row is committed — the server tells a client
 * its edits are saved after that, never before. A failed write is retried with backoff, in order, forever:
 * nothing acknowledged is ever dropped, and nothing is acknowledged before it is durable.
 */
export class UpdateLogWriter {
  #queue: Pending[] = []
  #writing: Promise<void> | undefined
  #backoffMs = 0
  #inFlight = new Map<string, number>()
  /** Each document's newest append: writes commit in order, so it resolves after all earlier ones. */
  #latest = new Map<string, Promise<void>>()
  #drainWaiters: Array<() => void> = []
  #committedListeners: Array<(documentId: string, updates: number) => void> = []
  /**
   * From an update's append (when it was applied, as it arrived) to its commit: how long a writer waits for its
   * `saved`. Read by operators and the benchmark through `GET /api/admin/collab`.
   */
  readonly durableLatency = new LatencyHistogram()

  constructor(
    private readonly pool: pg.Pool,
    private readonly log: Log,
  ) {}

  /** Queues an update; resolves when it is durable in Postgres. */
  append(documentId: string, update: Uint8Array): Promise<void> {
    const durable = new Promise<void>((resolve) => {
      this.#queue.push({ documentId, update, queuedAt: performance.now(), resolve })
      this.#inFlight.set(documentId, (this.#inFlight.get(documentId) ?? 0) + 1)
      this.#writing ??= this.#writeLoop()
    })
    this.#latest.set(documentId, durable)
    return durable
  }

  /** Calls `listener` after each commit, once for each document in it, with how many of its updates it wrote. */
  onCommitted(listener: (documentId: string, updates: number) => void): void {
    this.#committedListeners.push(listener)
  }

  /** True when `documentId` has updates not yet durable. */
  hasPending(documentId: string): boolean {
    return (this.#inFlight.get(documentId) ?? 0) > 0
  }

  /**
   * Resolves once every update of `documentId` queued so far is durable. Waits for that document's own
   * writes only: under steady load on other documents the queue as a whole may never be empty.
   */
  async durable(documentId: string): Promise<void> {
    while (this.hasPending(documentId)) await this.#latest.get(documentId)
  }

  /** Resolves once every update queued so far (for any document) is durable. */
  drained(): Promise<void> {
    if (!this.#writing) return Promise.resolve()
    return new Promise((resolve) => this.#drainWaiters.push(resolve))
  }

  async #writeLoop(): Promise<void> {
    // Let every update applied in this turn of the event loop join the first batch.
    await new Promise((resolve) => setImmediate(resolve))
    let lastStarted = Number.NEGATIVE_INFINITY
    while (this.#queue.length > 0) {
      const pause = lastStarted + commitIntervalMs - performance.now()
      if (pause >= 1 && this.#queue.length < maxRowsPerStatement) {
        await new Promise((resolve) => setTimeout(resolve, pause))
      }
      lastStarted = performance.now()
      const batch = this.#queue.splice(0, maxRowsPerStatement)
      const started = Date.now()
      let rows = batch
      for (;;) {
        try {
          if (rows.length > 0) {
            await appendUpdates(
              this.pool,
              rows.map((p) => p.documentId),
              rows.map((p) => p.update),
            )
          }
          this.#backoffMs = 0
          break
        } catch (error) {
          if ((error as { code?: string }).code === foreignKeyViolation) {
            // A document was deleted while its updates waited: they have nowhere to go. Drop them, or the
            // batch would fail for every other document too, forever.
            const gone = await missingDocuments(this.pool, [...new Set(rows.map((p) => p.documentId))]).catch(
              () => new Set<string>(),
            )
            if (gone.size > 0) {
              this.log.warn({ documents: [...gone] }, 'collab.persist.document_gone')
              rows = rows.filter((p) => !gone.has(p.documentId))
              continue
            }
          }
          this.#backoffMs = Math.min(5000, Math.max(50, this.#backoffMs * 2))
          this.log.error(
            { err: error, updates: batch.length, retryInMs: this.#backoffMs },
            'collab.persist.failed',
          )
          await new Promise((resolve) => setTimeout(resolve, this.#backoffMs))
        }
      }
      this.log.debug({ updates: batch.length, ms: Date.now() - started }, 'collab.persist.batch')
      if (this.#committedListeners.length > 0) this.#tellCommitted(rows)
      const committedAt = performance.now()
      for (const pending of batch) {
        this.durableLatency.record(committedAt - pending.queuedAt)
        const left = (this.#inFlight.get(pending.documentId) ?? 1) - 1
        if (left === 0) {
          this.#inFlight.delete(pending.documentId)
          this.#latest.delete(pending.documentId)
        } else this.#inFlight.set(pending.documentId, left)
        pending.resolve()
      }
    }
    this.#writing = undefined
    for (const waiter of this.#drainWaiters.splice(0)) waiter()
  }

  #tellCommitted(rows: Pending[]): void {
    const perDocument = new Map<string, number>()
    for (const row of rows) perDocument.set(row.documentId, (perDocument.get(row.documentId) ?? 0) + 1)
    for (const [documentId, updates] of perDocument) {
      for (const listener of this.#committedListeners) {
        try {
          listener(documentId, updates)
        } catch (error) {
          this.log.error({ err: error, documentId }, 'collab.persist.listener_failed')
        }
      }
    }
  }
}
