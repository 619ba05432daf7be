import type pg from 'pg'
import type { Log } from '../log.ts'
import { compactDocument } from './document-store.ts'

/** A live document is compacted in the background once this many updates were logged since its last fold. */
export const liveCompactionThreshold = 2_000

/**
 * Folds the update logs of documents that stay open. Compaction otherwise waits for a document's unload, and
 * a draft that someone always has open (or a server restarted by deploys and crashes before it unloads) would
 * grow its log, and the work of every load, without bound. Counts what each live document has logged since it
 * was loaded or last folded; past the threshold it is queued, and one compaction runs at a time.
 */
export class LiveCompaction {
  #logged = new Map<string, number>()
  /** Documents due, in the order they became due. */
  #due = new Set<string>()
  #running: Promise<void> | undefined
  #stopped = false

  constructor(
    private readonly pool: pg.Pool,
    private readonly log: Log,
    private readonly threshold = liveCompactionThreshold,
  ) {}

  /** Notes `updates` more logged updates of a live document (on load: what its log already held). */
  note(documentId: string, updates: number): void {
    const logged = (this.#logged.get(documentId) ?? 0) + updates
    this.#logged.set(documentId, logged)
    if (logged < this.threshold || this.#due.has(documentId) || this.#stopped) return
    this.#due.add(documentId)
    this.#running ??= this.#compactDue().finally(() => {
      this.#running = undefined
    })
  }

  /** Stops counting a document that was unloaded (its unload compacts it). */
  forget(documentId: string): void {
    this.#logged.delete(documentId)
    this.#due.delete(documentId)
  }

  /** Resolves once no compaction is running. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running
  }

  /** Starts no more compactions (shutdown; the next load compacts what is due) and waits for the one running. */
  async stop(): Promise<void> {
    this.#stopped = true
    this.#due.clear()
    await this.idle()
  }

  async #compactDue(): Promise<void> {
    for (const documentId of this.#due) {
      this.#due.delete(documentId)
      // What is logged from now on counts toward the next fold.
      if (this.#logged.has(documentId)) this.#logged.set(documentId, 0)
      const started = Date.now()
      try {
        const folded = await compactDocument(this.pool, this.log, documentId)
        this.log.info({ documentId, folded, ms: Date.now() - started, live: true }, 'collab.compacted')
      } catch (error) {
        this.log.warn({ err: error, documentId }, 'collab.compaction.failed')
      }
    }
  }
}
