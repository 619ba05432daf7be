import type pg from 'pg'
import type { Log } from '../log.ts'
import type { CollabBus } from './bus.ts'
import { compactIfDue, loadDocument } from './document-store.ts'
import type { HistogramSnapshot } from './latency-histogram.ts'
import { LiveCompaction, liveCompactionThreshold } from './live-compaction.ts'
import { LiveDocument } from './live-document.ts'
import type { UpdateLogWriter } from './update-log-writer.ts'

/** A process's collaboration figures (`GET /api/admin/collab`). */
export interface CollabStats {
  /** Documents in memory. */
  documents: number
  /** Open collaboration sockets. */
  connections: number
  /** Time from each update's arrival to its commit (when its writer is told `saved`), since the start. */
  durable: HistogramSnapshot
}

/** How long a document nobody holds stays in memory, so API reads between edits do not reload it. */
export const defaultIdleUnloadMs = 30_000

/**
 * The live documents of this process. Each is loaded once, however many connections arrive at the same
 * moment (they share one loading promise), held while any connection or server-side edit uses it, and
 * unloaded once nobody has held it for `idleUnloadMs` and every update is durable.
 */
export class DocumentRegistry {
  #live = new Map<string, LiveDocument>()
  #loading = new Map<string, Promise<LiveDocument>>()
  #holds = new Map<string, number>()
  #idleTimers = new Map<string, NodeJS.Timeout>()
  /** Folds the logs of documents that stay loaded (unloading folds the others). */
  readonly compaction: LiveCompaction

  constructor(
    private readonly pool: pg.Pool,
    private readonly log: Log,
    private readonly writer: UpdateLogWriter,
    private readonly bus: CollabBus,
    private readonly idleUnloadMs = defaultIdleUnloadMs,
    compactAfterUpdates = liveCompactionThreshold,
  ) {
    this.compaction = new LiveCompaction(pool, log, compactAfterUpdates)
    writer.onCommitted((documentId, updates) => {
      if (this.#live.has(documentId)) this.compaction.note(documentId, updates)
    })
  }

  /** The live document, loading it if needed; the caller must `release` it. */
  async acquire(documentId: string): Promise<LiveDocument> {
    this.#holds.set(documentId, (this.#holds.get(documentId) ?? 0) + 1)
    try {
      return (
        this.#live.get(documentId) ??
        (await (this.#loading.get(documentId) ?? this.#startLoading(documentId)))
      )
    } catch (error) {
      this.#holds.set(documentId, (this.#holds.get(documentId) ?? 1) - 1)
      throw error
    }
  }

  /** Lets go of a document; once nobody holds it for `idleUnloadMs`, it is unloaded (its updates durable first). */
  release(documentId: string): void {
    const holds = (this.#holds.get(documentId) ?? 1) - 1
    this.#holds.set(documentId, holds)
    if (holds > 0) return
    clearTimeout(this.#idleTimers.get(documentId))
    const timer = setTimeout(() => {
      this.#idleTimers.delete(documentId)
      void this.#unloadWhenIdle(documentId)
    }, this.idleUnloadMs)
    timer.unref()
    this.#idleTimers.set(documentId, timer)
  }

  /** A document already in memory, if it is. */
  get(documentId: string): LiveDocument | undefined {
    return this.#live.get(documentId)
  }

  /** Every document in memory. */
  all(): IterableIterator<LiveDocument> {
    return this.#live.values()
  }

  /** What this process holds now, and how long its updates have waited to be durable. */
  stats(): CollabStats {
    let connections = 0
    for (const live of this.#live.values()) connections += live.connections.size
    return { documents: this.#live.size, connections, durable: this.writer.durableLatency.snapshot() }
  }

  /** Runs `work` with the live document held, and lets go after. */
  async with<T>(documentId: string, work: (live: LiveDocument) => Promise<T> | T): Promise<T> {
    const live = await this.acquire(documentId)
    try {
      return await work(live)
    } finally {
      this.release(documentId)
    }
  }

  async #startLoading(documentId: string): Promise<LiveDocument> {
    const loading = (async () => {
      const started = Date.now()
      const { doc, bytes, logged } = await loadDocument(this.pool, documentId)
      const live = new LiveDocument(documentId, doc, bytes, this.writer, this.bus, this.log)
      this.#live.set(documentId, live)
      this.compaction.note(documentId, logged)
      this.log.info({ documentId, bytes, ms: Date.now() - started }, 'collab.doc.loaded')
      return live
    })()
    this.#loading.set(documentId, loading)
    try {
      return await loading
    } finally {
      this.#loading.delete(documentId)
    }
  }

  async #unloadWhenIdle(documentId: string): Promise<void> {
    await this.writer.durable(documentId)
    const live = this.#live.get(documentId)
    if (!live || (this.#holds.get(documentId) ?? 0) > 0) return
    this.#live.delete(documentId)
    this.#holds.delete(documentId)
    this.compaction.forget(documentId)
    live.destroy()
    await compactIfDue(this.pool, this.log, documentId).catch((error: unknown) =>
      this.log.warn({ err: error, documentId }, 'collab.compaction.failed'),
    )
  }

  /** Waits for every update to be durable, then frees every document (shutdown). */
  async close(): Promise<void> {
    for (const timer of this.#idleTimers.values()) clearTimeout(timer)
    this.#idleTimers.clear()
    await this.writer.drained()
    await this.compaction.stop()
    for (const live of this.#live.values()) live.destroy()
    this.#live.clear()
  }
}
