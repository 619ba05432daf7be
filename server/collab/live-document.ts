import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { type AnchorContext, lazyAnchorContext } from '../../shared/anchors/index.ts'
import { messageAwareness, messageSync } from '../../shared/collab/messages.ts'
import { releaseFinishedTransactions } from '../../shared/collab/release-transactions.ts'
import { schema } from '../../shared/schema/index.ts'
import type { Log } from '../log.ts'
import type { CollabBus } from './bus.ts'
import type { Connection } from './connection.ts'
import { fragmentName } from './document-store.ts'
import { binaryFrame, binaryFrames } from './frames.ts'
import type { UpdateOrigin } from './origins.ts'
import { type PresenceChange, PresenceStore } from './presence-store.ts'
import type { UpdateLogWriter } from './update-log-writer.ts'

/** The origin of presence applied from another process. */
const remotePresence = Symbol('remote presence')

/** How often merged presence (cursors, who is here) goes out to a document's connections. */
export const presenceIntervalMs = 50

/**
 * The longest pause between two broadcasts of updates. The pause is as long as the last broadcast took, so that
 * broadcasting takes at most about half of the event loop: the update log's commits and incoming messages get
 * through, and updates pile into fewer broadcasts, each a system call per socket. With 2,000 sockets on one
 * draft (benchmark (d), a broadcast ~20 ms) raising this bound from 5 to 20 ms took the server from 69–75 % of
 * its core to 55–58 % and the knee's p99 at 2,520 clients from 111–121 ms to 90–102 ms; 40 ms was no better.
 */
const maxBroadcastPauseMs = 20

/**
 * A document whose last broadcast took less than this (a few sockets) broadcasts at the end of the read that
 * brought the update: waiting for the rest of the turn would merge nothing worth it (in the benchmark's 100
 * small drafts, fan-out p50 0.7 → 0.5 ms and p99 6.3 → 5.1 ms, server CPU 30 → 29 %).
 */
const cheapBroadcastMs = 0.5

/**
 * A broadcast to many sockets lets the event loop through this often, so that commits finishing meanwhile tell
 * their writers `saved` and incoming messages are applied (in the benchmark's one busy draft, 500 sockets,
 * arrival → commit p99 26–31 → 14–16 ms, fan-out unchanged).
 */
const broadcastSliceMs = 2

/** One update carrying all of `updates` (the update itself when there is one). */
function mergedUpdate(updates: readonly OutgoingUpdate[]): Uint8Array {
  return updates.length === 1 ? updates[0]!.update : Y.mergeUpdates(updates.map((u) => u.update))
}

/** A sync "update" message carrying `update`. */
function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** The largest a document's state may grow (bytes of Yjs updates applied since load, plus the loaded state). */
export const maxDocumentBytes = 32 * 1024 * 1024

/** An applied update waiting to reach every connection, and the connection it came from (not sent back to it). */
interface OutgoingUpdate {
  update: Uint8Array
  from: Connection | undefined
}

/** What a sweep writes to every socket that is owed the same updates and sent none of them. */
interface SharedWrite {
  /** The framed message(s), the same bytes for each such socket. */
  frames: Buffer
  /** The updates these sockets are owed. */
  owed: OutgoingUpdate[]
  /** The connections that sent some of these updates: each is written the merge of the others instead. */
  senders: Set<Connection>
}

/**
 * One document in memory, shared by every connection to it on this process: the Y.Doc, its awareness
 * (presence and cursors, never persisted), and the connections. Every update is persisted through the group
 * commit writer (those from other processes too: see docs/architecture.md), fanned out to the other local connections in
 * sweeps (each socket written once a sweep with everything it is owed, encoded once for all owed the same), and
 * published on the bus; presence is merged and sent with the next sweep, or on its own every 50 ms.
 */
export class LiveDocument {
  /** Who is here and their cursors (the awareness protocol), relayed as it arrived. */
  readonly presence: PresenceStore
  readonly connections = new Set<Connection>()
  bytes: number
  #unsubscribe: () => void

  constructor(
    readonly id: string,
    readonly doc: Y.Doc,
    loadedBytes: number,
    private readonly writer: UpdateLogWriter,
    private readonly bus: CollabBus,
    private readonly log: Log,
    /** How long one slice of a broadcast may take (tests make it 0: a slice of 16 sockets). */
    private readonly sliceMs = broadcastSliceMs,
  ) {
    this.bytes = loadedBytes
    this.presence = new PresenceStore((change, origin) => this.#onAwareness(change, origin))
    releaseFinishedTransactions(doc)
    doc.on('update', (update: Uint8Array, origin: UpdateOrigin) => this.#onUpdate(update, origin))
    this.#unsubscribe = bus.subscribe(id, {
      update: (update) => {
        Y.applyUpdate(doc, update, { source: 'remote' } satisfies UpdateOrigin)
        // Parts this update builds on never arrived (a message lost while Redis was away): ask for them.
        if (doc.store.pendingStructs || doc.store.pendingDs) this.#askForMissing()
      },
      awareness: (update) => this.presence.apply(update, remotePresence),
      syncRequested: (stateVector) => {
        // Another process just loaded the document, or is back: send what it lacks, and who is here (our
        // own clients only; each process speaks for its own).
        bus.publishUpdate(id, Y.encodeStateAsUpdate(doc, stateVector))
        const present = [...this.connections].flatMap((connection) => [...connection.presence])
        if (present.length > 0) bus.publishAwareness(id, this.presence.encode(present))
      },
      listening: () => bus.requestSync(id, Y.encodeStateVector(doc)),
    })
  }

  /**
   * The current text for anchors: its Yjs form, read directly to resolve anchors that follow their text, and
   * the ProseMirror view with the Yjs ↔ ProseMirror mapping, built only when something asks for it. Kept until
   * the next update, so listing many threads reads the document once.
   */
  anchorContext(): AnchorContext {
    this.#anchorContext ??= lazyAnchorContext(this.doc.getXmlFragment(fragmentName), schema)
    return this.#anchorContext
  }

  #anchorContext: AnchorContext | undefined

  #askedForMissingAt = 0

  /** Asks the other processes for what the document lacks, at most once a second. */
  #askForMissing(): void {
    if (Date.now() - this.#askedForMissingAt < 1000) return
    this.#askedForMissingAt = Date.now()
    this.bus.requestSync(this.id, Y.encodeStateVector(this.doc))
  }

  /** Resolves once every update this document has applied is durable. */
  async whenDurable(): Promise<void> {
    await this.writer.durable(this.id)
  }

  /** Applies an update from the server itself and resolves once it is durable. */
  applyServerUpdate(update: Uint8Array): Promise<void> {
    return this.transactServer(() =>
      Y.applyUpdate(this.doc, update, { source: 'server' } satisfies UpdateOrigin),
    )
  }

  /**
   * Runs `change` in one transaction with origin `server` (or the given server origin, which an undo manager
   * may track); the change happens synchronously, and the promise resolves once it is durable.
   */
  async transactServer(
    change: (doc: Y.Doc) => void,
    origin: UpdateOrigin = { source: 'server' },
  ): Promise<void> {
    this.#lastServerWrite = undefined
    this.doc.transact(() => change(this.doc), origin)
    await this.#lastServerWrite
  }

  /** The durability of the last update with origin `server` (set synchronously by the update handler). */
  #lastServerWrite: Promise<void> | undefined

  #onUpdate(update: Uint8Array, origin: UpdateOrigin): void {
    if (origin?.source === 'load') return
    this.#anchorContext = undefined
    this.bytes += update.byteLength
    // Queued for the log before the broadcast is scheduled, so that where a broadcast costs much (hundreds of
    // sockets) a commit starting in the next turn is written ahead of it and Postgres works on it meanwhile (in
    // scenario (b) writing it after the broadcast took arrival → commit p99 from 30 to 35–54 ms).
    // Updates from other processes are logged here too: what this process holds must be durable when it
    // says so (a client reconnecting here is told `saved` from this process's log), even if the process that
    // first applied it stopped before its write committed. Yjs skips what it already has, and compaction
    // folds the copies.
    const durable = this.writer.append(this.id, update)
    if (origin?.source === 'server') this.#lastServerWrite = durable
    if (origin?.source === 'connection') origin.connection.trackWrite(durable)
    if (origin?.source !== 'remote') this.bus.publishUpdate(this.id, update)
    this.#outgoing.push({ update, from: origin?.source === 'connection' ? origin.connection : undefined })
    if (!this.#outgoingScheduled) this.#scheduleFlush()
  }

  /** Schedules the next sweep of updates over the connections. */
  #scheduleFlush(): void {
    this.#outgoingScheduled = true
    // Broadcasting leaves room for the rest: after a sweep that took t ms, the next waits until t ms (at most
    // maxBroadcastPauseMs) after it ended, so updates pile into fewer, larger writes where a sweep costs much
    // (hundreds of sockets). Where it is cheap (a few sockets) it goes out as soon as the socket read that
    // brought the update is handled (a microtask: the cursor move read with it rides along), ahead of this
    // turn's other reads and of the update log's commit, as a bare relay would send it; in between, after
    // this turn's other reads, behind the commit.
    const wait = this.#lastFlushEndedAt + Math.min(this.#lastFlushMs, maxBroadcastPauseMs) - performance.now()
    if (wait >= 1) setTimeout(() => this.#flushUpdates(), wait)
    else if (this.#lastFlushMs < cheapBroadcastMs) queueMicrotask(() => this.#flushUpdates())
    else setImmediate(() => this.#flushUpdates())
  }

  /**
   * Updates applied and not yet written to every connection, oldest first: `#outgoing[i]` is update number
   * `#outgoingBase + i`. A connection is owed every update from its `#sentUpTo` on.
   */
  #outgoing: OutgoingUpdate[] = []
  #outgoingBase = 0
  /**
   * For each connection a sweep wrote to: the number of the first update it has not been sent. Weak, so a
   * connection that left is not kept alive by a document that has no update to sweep.
   */
  readonly #sentUpTo = new WeakMap<Connection, number>()
  /** From when a sweep is scheduled until it ends. */
  #outgoingScheduled = false

  /** How long the last sweep took, and when it ended (`performance.now()`). */
  #lastFlushMs = 0
  #lastFlushEndedAt = 0

  /**
   * One sweep over the connections: writes each, in one write, every update it is owed, those applied while
   * the sweep is under way included, with the presence that changed before the sweep began. Slices of about
   * `sliceMs` let the event loop through. A socket late in a sweep of thousands so gets an update that arrived
   * mid-sweep in this sweep, not a pause and a whole sweep later; the sockets already written get it in the
   * next sweep, which waits as long as this one took (up to a bound).
   */
  #flushUpdates(): void {
    if (this.#outgoing.length === 0 || this.connections.size === 0) {
      this.#dropDelivered()
      this.#outgoingScheduled = false
      return
    }
    const presence = this.#takePresence()
    const writes = new Map<string, SharedWrite>()
    const recipients = [...this.connections]
    let next = 0
    let spent = 0
    let failed = false
    const slice = () => {
      const started = performance.now()
      while (next < recipients.length) {
        try {
          this.#sendOwed(recipients[next++]!, presence, writes)
        } catch (error) {
          // One broken socket does not keep the others from their updates (logged once a sweep).
          if (!failed) this.log.error({ err: error, documentId: this.id }, 'collab.broadcast.failed')
          failed = true
        }
        if ((next & 15) === 0 && performance.now() - started >= this.sliceMs) break
      }
      const now = performance.now()
      spent += now - started
      if (next < recipients.length) {
        setImmediate(slice)
        return
      }
      this.#lastFlushEndedAt = now
      this.#lastFlushMs = spent
      this.#dropDelivered()
      this.#outgoingScheduled = false
      // Updates that arrived mid-sweep are still owed to the sockets written before they did.
      if (this.#outgoing.length > 0) this.#scheduleFlush()
    }
    slice()
  }

  /**
   * Writes one connection what it is owed: the updates since it was last written (never its own back; a
   * connection that sent some gets the merge of the others) and the sweep's presence (unless it made all of
   * it). Every connection owed the same updates that sent none of them is written the same bytes, encoded
   * and framed once per sweep.
   */
  #sendOwed(
    connection: Connection,
    presence: PresenceBroadcast | undefined,
    writes: Map<string, SharedWrite>,
  ): void {
    const base = this.#outgoingBase
    const head = base + this.#outgoing.length
    const from = Math.max(this.#sentUpTo.get(connection) ?? base, base)
    this.#sentUpTo.set(connection, head)
    const cursors = presence && connection !== presence.from ? presence.message : undefined
    if (from === head && !cursors) return
    const key = `${from}:${head}:${cursors ? 1 : 0}`
    let write = writes.get(key)
    if (!write) {
      const owed = this.#outgoing.slice(from - base)
      const update = owed.length === 0 ? undefined : encodeSyncUpdate(mergedUpdate(owed))
      write = {
        frames: binaryFrames(update, cursors),
        owed,
        senders: new Set(owed.map((o) => o.from).filter((c): c is Connection => c !== undefined)),
      }
      writes.set(key, write)
    }
    if (!write.senders.has(connection)) {
      connection.sendFrames(write.frames)
      return
    }
    const others = write.owed.filter((o) => o.from !== connection)
    connection.send(others.length === 0 ? undefined : encodeSyncUpdate(mergedUpdate(others)), cursors)
  }

  /**
   * Forgets the updates every connection has been sent. A connection no sweep has written to yet (it just
   * joined) is owed all that is kept: duplicates of what its sync gave it, which Yjs ignores, and never a gap.
   */
  #dropDelivered(): void {
    let oldest = this.#outgoingBase + this.#outgoing.length
    for (const connection of this.connections) {
      oldest = Math.min(oldest, this.#sentUpTo.get(connection) ?? this.#outgoingBase)
    }
    const delivered = oldest - this.#outgoingBase
    if (delivered === 0) return
    // Emptied in place for the young collector's sake (release-transactions.ts says why): the array has usually
    // lived long enough to be in the old generation, and would keep the updates it held alive.
    if (delivered === this.#outgoing.length) this.#outgoing.length = 0
    else this.#outgoing.splice(0, delivered)
    this.#outgoingBase = oldest
  }

  /** Awareness clients changed since the last presence broadcast. */
  #presenceChanged = new Set<number>()
  /**
   * The one connection that made every change since the last presence broadcast, if one did (undefined when
   * several did, or another process, a timeout or a connection that left): it is not sent its own back.
   */
  #presenceFrom: Connection | undefined
  /** Of those, the ones changed by this process's clients: published to the other processes. */
  #presenceToPublish = new Set<number>()
  #presenceTimer: NodeJS.Timeout | undefined

  #onAwareness({ added, updated, removed }: PresenceChange, origin: unknown): void {
    const connection = isConnection(origin) ? origin : undefined
    connection?.trackAwareness(added, removed)
    // Presence from this process's clients (and their leaving) goes to the other processes; theirs, and
    // entries that timed out (each process times out its own copy), do not go back.
    const ours = origin !== remotePresence && origin !== 'timeout'
    if (this.#presenceChanged.size === 0) this.#presenceFrom = connection
    else if (this.#presenceFrom !== connection) this.#presenceFrom = undefined
    for (const ids of [added, updated, removed]) {
      for (const id of ids) {
        this.#presenceChanged.add(id)
        if (ours) this.#presenceToPublish.add(id)
      }
    }
    // Presence is merged and sent with the next broadcast of updates, or at most presenceIntervalMs later:
    // with many clients, relaying every cursor move and renewal to everyone grows with the square of the
    // clients. Where one broadcast costs much (thousands of sockets) the interval stretches so that presence
    // sent on its own takes at most a fifth of the event loop.
    this.#presenceTimer ??= setTimeout(
      () => this.#flushPresence(),
      Math.max(presenceIntervalMs, 4 * this.#lastPresenceFlushMs),
    )
  }

  /**
   * Takes the presence changed since the last broadcast: publishes this process's part to the other
   * processes, and answers the message for this process's connections, with the one connection (if any)
   * that made every change: it is not sent its own presence back.
   */
  #takePresence(): PresenceBroadcast | undefined {
    clearTimeout(this.#presenceTimer)
    this.#presenceTimer = undefined
    if (this.#presenceToPublish.size > 0) {
      if (this.bus.reachesOtherProcesses) {
        this.bus.publishAwareness(this.id, this.presence.encode([...this.#presenceToPublish]))
      }
      this.#presenceToPublish.clear()
    }
    if (this.#presenceChanged.size === 0) return undefined
    const changed = [...this.#presenceChanged]
    this.#presenceChanged.clear()
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageAwareness)
    encoding.writeVarUint8Array(encoder, this.presence.encode(changed))
    return { message: encoding.toUint8Array(encoder), from: this.#presenceFrom }
  }

  /** Sends the presence that changed when no broadcast of updates took it along. */
  #flushPresence(): void {
    const presence = this.#takePresence()
    if (!presence || this.connections.size === 0) return
    const started = performance.now()
    const framed = binaryFrame(presence.message)
    for (const connection of this.connections) {
      if (connection !== presence.from) connection.sendFrames(framed)
    }
    this.#lastPresenceFlushMs = performance.now() - started
  }

  /** How long the last presence broadcast took. */
  #lastPresenceFlushMs = 0

  /** Forgets the presence of a connection that left. */
  dropPresence(clients: Iterable<number>): void {
    const ids = [...clients]
    if (ids.length > 0) this.presence.remove(ids, null)
  }

  /** Stops listening and frees the document. */
  destroy(): void {
    clearTimeout(this.#presenceTimer)
    this.#unsubscribe()
    this.presence.destroy()
    this.doc.destroy()
    this.log.debug({ documentId: this.id }, 'collab.doc.destroyed')
  }
}

/** Merged presence ready to send, and the connection that made all of it (not sent its own back). */
interface PresenceBroadcast {
  message: Uint8Array
  from: Connection | undefined
}

/** True for a connection (the origin of presence a client sent). */
function isConnection(origin: unknown): origin is Connection {
  return typeof (origin as Connection | undefined)?.trackAwareness === 'function'
}
