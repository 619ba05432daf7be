/**
 * The book the load clients write in: when each marked edit was sent, how many readers received it, and the
 * measuring window's samples (fan-out latency and time-to-saved). All times are `performance.now()` of this
 * one process, so a receipt minus a send is a true latency (including the harness's own queueing).
 */
import { Samples } from './samples.ts'

/** One measuring window: edits sent in [start, end) count, however late their receipts arrive. */
export class Window {
  readonly fanOut = new Samples()
  readonly saved = new Samples()
  end = Number.POSITIVE_INFINITY
  /** Marked edits sent inside the window, and how many readers should receive each (the sum). */
  edits = 0
  expectedReceipts = 0

  constructor(readonly start: number) {}

  holds(sentAt: number): boolean {
    return sentAt >= this.start && sentAt < this.end
  }
}

export class Ledger {
  /** [writer][seq] → send time. */
  readonly #sentAt: number[][] = []
  /** [writer][seq] → readers that received it. */
  readonly #received: number[][] = []
  /** Readers of each writer's document (a writer's edit should reach all of them). */
  readonly #audience: number[] = []
  /** The last time any client received a document update (the convergence check waits for quiet). */
  lastUpdateAt = 0
  window: Window | undefined
  /** Sockets that never opened (refused, timed out), and sockets closed by the server or the network. */
  failed = 0
  closed = 0
  readonly closeCodes = new Map<number, number>()

  /** Declares writer `writer` and how many readers share its document. */
  setAudience(writer: number, readers: number): void {
    this.#audience[writer] = readers
    this.#sentAt[writer] ??= []
    this.#received[writer] ??= []
  }

  /** Adds readers to every writer's audience (the knee scenario adds readers to one document). */
  growAudience(readers: number): void {
    for (let w = 0; w < this.#audience.length; w++) this.#audience[w] = (this.#audience[w] ?? 0) + readers
  }

  /** Records that `writer` sent edit `seq` at `at`. */
  sent(writer: number, seq: number, at: number): void {
    this.#sentAt[writer]![seq] = at
    this.#received[writer]![seq] = 0
    const window = this.window
    if (window?.holds(at)) {
      window.edits++
      window.expectedReceipts += this.#audience[writer] ?? 0
    }
  }

  /** Records a reader's receipt of `writer`'s edit `seq` at `at`. */
  received(writer: number, seq: number, at: number): void {
    const sentAt = this.#sentAt[writer]?.[seq]
    if (sentAt === undefined) return
    this.#received[writer]![seq]!++
    const window = this.window
    if (window?.holds(sentAt)) window.fanOut.add(at - sentAt)
  }

  /** Records that an edit sent at `sentAt` was reported durable at `at`. */
  saved(sentAt: number, at: number): void {
    const window = this.window
    if (window?.holds(sentAt)) window.saved.add(at - sentAt)
  }

  /** How many readers received `writer`'s edit `seq` so far. */
  receipts(writer: number, seq: number): number {
    return this.#received[writer]?.[seq] ?? 0
  }

  /** Every edit sent, as `writer.seq` strings (the convergence check looks for each in the final text). */
  allEdits(writers: Iterable<number>): string[] {
    const edits: string[] = []
    for (const w of writers) {
      const sent = this.#sentAt[w] ?? []
      for (let seq = 0; seq < sent.length; seq++) if (sent[seq] !== undefined) edits.push(`${w}.${seq}`)
    }
    return edits
  }

  noteClose(code: number): void {
    this.closed++
    this.closeCodes.set(code, (this.closeCodes.get(code) ?? 0) + 1)
  }
}
