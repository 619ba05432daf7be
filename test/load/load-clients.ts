/**
 * Light y-websocket clients on a minimal WebSocket client (raw-websocket.ts; `ws`'s with `--clients ws`).
 * Readers keep no document: they answer the server's sync step 1 with an empty step 2, announce their
 * presence, and scan each update they receive for writers' markers. Writers keep a real Y.Doc: they type
 * marked text into paragraphs of the `prosemirror` fragment, move their cursor (awareness) with each edit,
 * apply everyone else's updates, and, on Marginalia, time how long each edit takes to be reported `saved`.
 * Both renew their presence every 15 s, as the stock client does (the first renewal at a random point of the first
 * period, so that clients opened together do not renew in one wave).
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { readEvent } from '../../shared/collab/messages.ts'
import { releaseFinishedTransactions } from '../../shared/collab/release-transactions.ts'
import type { Ledger } from './ledger.ts'
import { RawWebSocket } from './raw-websocket.ts'
import {
  awarenessMessage,
  emptySyncStep1,
  emptySyncStep2,
  markerText,
  messageEvent,
  messageSync,
  scanMarkers,
  syncStep1,
  syncStep1Message,
  syncStep2,
  syncUpdate,
  updateMessage,
} from './wire.ts'

/** The stock client renews its presence every 15 s (half of the 30 s after which awareness drops it). */
export const presenceRenewMs = 15_000

/** How long a socket may take to open. */
const openTimeoutMs = 20_000

/** The WebSocket client the load clients use: the minimal one (the default) or the `ws` package's. */
export type ClientKind = 'raw' | 'ws'
let clientKind: ClientKind = 'raw'

/** Chooses the WebSocket client for sockets opened from now on. */
export function useClient(kind: ClientKind): void {
  clientKind = kind
}

/** What a load client needs of its socket; both clients provide it. */
type Socket = WebSocket | RawWebSocket

const colors = ['#30bced', '#6eeb83', '#ffbc42', '#ecd444', '#ee6352', '#9ac2c9', '#8acb88', '#1be7ff']

/** What both kinds of client share: the socket, its life, and the presence it renews. */
abstract class LoadClient {
  ws: Socket | undefined
  opened = false
  synced = false
  /** Closed by the server or the network after it opened. */
  lost = false
  #closing = false
  #onSynced: (() => void) | undefined
  #renew: NodeJS.Timeout | undefined
  protected readonly presenceId: number
  #presenceClock = 0
  protected presence: Record<string, unknown>

  constructor(
    protected readonly ledger: Ledger,
    readonly name: string,
    readonly documentId: string,
    presenceId: number,
  ) {
    this.presenceId = presenceId
    this.presence = { user: { name, color: colors[presenceId % colors.length] } }
  }

  /** Opens the socket; resolves once it is open (or failed: `opened` stays false and the ledger counts it). */
  connect(url: string, headers: Record<string, string>): Promise<void> {
    return new Promise((resolve) => {
      const ws: Socket =
        clientKind === 'raw'
          ? new RawWebSocket(url, { headers, handshakeTimeout: openTimeoutMs })
          : new WebSocket(url, {
              headers,
              perMessageDeflate: false,
              skipUTF8Validation: true,
              handshakeTimeout: openTimeoutMs,
            })
      this.ws = ws
      let settled = false
      const fail = () => {
        if (settled) return
        settled = true
        this.ledger.failed++
        resolve()
      }
      ws.on('open', () => {
        settled = true
        this.opened = true
        this.onOpen()
        this.sendPresence()
        // The first renewal at a random point of the period: clients that joined together renew spread out, as
        // a steady audience does, not in one wave a period after the join.
        this.#renew = setTimeout(() => {
          this.sendPresence()
          this.#renew = setInterval(() => this.sendPresence(), presenceRenewMs)
        }, Math.random() * presenceRenewMs)
        resolve()
      })
      ws.on('message', (data: Buffer) => this.onMessage(data))
      ws.on('unexpected-response', (_req: unknown, res: { resume(): void }) => {
        res.resume()
        fail()
        ws.terminate()
      })
      ws.on('rejected', () => fail())
      ws.on('error', () => fail())
      ws.on('close', (code) => {
        clearInterval(this.#renew)
        // A socket that never opened is a failure (counted once), not a closed connection.
        if (!this.opened) return fail()
        if (this.#closing) return
        this.lost = true
        this.ledger.noteClose(code)
      })
    })
  }

  /** Resolves once the first sync finished (immediately if it did). */
  whenSynced(): Promise<void> {
    if (this.synced) return Promise.resolve()
    return new Promise((resolve) => {
      const previous = this.#onSynced
      this.#onSynced = () => {
        previous?.()
        resolve()
      }
    })
  }

  protected markSynced(): void {
    if (this.synced) return
    this.synced = true
    this.#onSynced?.()
    this.#onSynced = undefined
  }

  /** True while the socket is open. */
  get isOpen(): boolean {
    return this.ws !== undefined && this.ws.readyState === this.ws.OPEN
  }

  protected send(bytes: Uint8Array): void {
    if (this.isOpen) this.ws!.send(bytes)
  }

  protected sendPresence(): void {
    this.send(awarenessMessage(this.presenceId, ++this.#presenceClock, this.presence))
  }

  /** Closes the socket from our side (not counted as a failure); `abrupt` drops TCP without a close frame. */
  disconnect(abrupt = false): void {
    this.#closing = true
    clearInterval(this.#renew)
    if (!this.ws) return
    if (abrupt) this.ws.terminate()
    else if (this.isOpen) this.ws.close(1000)
    else this.ws.terminate()
  }

  protected abstract onOpen(): void
  protected abstract onMessage(data: Buffer): void
}

/** A commenter with no document of its own: it only counts the marked edits reaching it. */
export class Reader extends LoadClient {
  constructor(ledger: Ledger, index: number, documentId: string) {
    super(ledger, `Reader ${index}`, documentId, 1_000_000 + index)
  }

  protected onOpen(): void {
    this.send(emptySyncStep1)
  }

  protected onMessage(data: Buffer): void {
    if (data[0] !== messageSync) return
    const kind = data[1]
    if (kind === syncUpdate) {
      const at = performance.now()
      this.ledger.lastUpdateAt = at
      scanMarkers(data, (writer, seq) => this.ledger.received(writer, seq, at))
    } else if (kind === syncStep1) this.send(emptySyncStep2)
    else if (kind === syncStep2) this.markSynced()
  }
}

/** Origin of updates a writer applies from the server (so they are not sent back). */
const remote = Symbol('remote')

/**
 * A writer applies the updates it receives in batches, at most this long after they arrive, and always before
 * its own next edit: one Yjs transaction per batch instead of one per message keeps 50 writers' documents from
 * costing the harness more than the sockets do. (An editor also applies what arrived before the next keystroke.)
 */
const inboxMs = 50

/** An author typing: a real Y.Doc, marked edits at a steady rate, a moving cursor. */
export class Writer extends LoadClient {
  readonly doc: Y.Doc
  #seq = 0
  #own: Y.XmlText | undefined
  #timer: NodeJS.Timeout | undefined
  /** Edits not yet reported saved: the writer's clock after each, and when it was sent. */
  #unsaved: Array<{ clock: number; sentAt: number }> = []
  /** The clock the last `saved` event covered. */
  savedClock = 0

  constructor(
    ledger: Ledger,
    readonly index: number,
    documentId: string,
    private readonly timesSaves: boolean,
  ) {
    const doc = new Y.Doc()
    super(ledger, `Writer ${index}`, documentId, doc.clientID)
    this.doc = doc
    // As the server does: otherwise the harness's young collections grow to milliseconds and show up as latency.
    releaseFinishedTransactions(doc)
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== remote) this.send(updateMessage(update))
    })
  }

  /** The writer's own clock: everything it typed. */
  get clock(): number {
    return Y.getState(this.doc.store, this.doc.clientID)
  }

  protected onOpen(): void {
    this.send(syncStep1Message(this.doc))
  }

  protected onMessage(data: Buffer): void {
    const type = data[0]
    if (type === messageSync) {
      const kind = data[1]
      if (kind === syncUpdate) {
        this.ledger.lastUpdateAt = performance.now()
        const decoder = decoding.createDecoder(data)
        decoding.readVarUint(decoder)
        decoding.readVarUint(decoder)
        // A copy: the message is a view into the socket's read buffer, reused by the next read.
        this.#inbox.push(decoding.readVarUint8Array(decoder).slice())
        this.#applyTimer ??= setTimeout(() => this.#applyInbox(), inboxMs)
        return
      }
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, messageSync)
      const decoder = decoding.createDecoder(data)
      decoding.readVarUint(decoder)
      syncProtocol.readSyncMessage(decoder, encoder, this.doc, remote)
      if (encoding.length(encoder) > 1) this.send(encoding.toUint8Array(encoder))
      if (kind === syncStep2) this.markSynced()
    } else if (type === messageEvent) {
      const decoder = decoding.createDecoder(data)
      decoding.readVarUint(decoder)
      const event = readEvent(decoder)
      if (event.type !== 'saved') return
      const clock = event.clocks[String(this.doc.clientID)] ?? 0
      if (clock <= this.savedClock) return
      this.savedClock = clock
      const at = performance.now()
      while (this.#unsaved.length > 0 && this.#unsaved[0]!.clock <= clock) {
        this.ledger.saved(this.#unsaved.shift()!.sentAt, at)
      }
    }
  }

  /** Updates received and not applied yet: applied together every `inboxMs`, in one transaction. */
  #inbox: Uint8Array[] = []
  #applyTimer: NodeJS.Timeout | undefined

  #applyInbox(): void {
    clearTimeout(this.#applyTimer)
    this.#applyTimer = undefined
    if (this.#inbox.length === 0) return
    const updates = this.#inbox
    this.#inbox = []
    this.doc.transact(() => {
      for (const update of updates) Y.applyUpdate(this.doc, update, remote)
    }, remote)
  }

  /**
   * Types one marked edit: the first makes the writer's own paragraph; then mostly at the end of it (typing
   * on), sometimes at the start of a random paragraph (so writers also meet in the same text). Then moves
   * the cursor there. Answers the edit's sequence number (undefined when the socket is not ready).
   */
  edit(): number | undefined {
    if (!this.synced || !this.isOpen) return undefined
    this.#applyInbox()
    const seq = this.#seq++
    const text = markerText(this.index, seq)
    const fragment = this.doc.getXmlFragment('prosemirror')
    let target: Y.XmlText | undefined
    let at = 0
    const sentAt = performance.now()
    this.ledger.sent(this.index, seq, sentAt)
    this.doc.transact(() => {
      if (!this.#own) {
        const paragraph = new Y.XmlElement('paragraph')
        paragraph.insert(0, [new Y.XmlText(text)])
        fragment.insert(fragment.length, [paragraph])
        this.#own = paragraph.get(0) as Y.XmlText
        target = this.#own
        at = text.length
        return
      }
      const other =
        Math.random() < 0.2 ? fragment.get(Math.floor(Math.random() * fragment.length)) : undefined
      const first = other instanceof Y.XmlElement ? other.get(0) : undefined
      if (first instanceof Y.XmlText) {
        target = first
        at = 0
      } else {
        target = this.#own
        at = this.#own.length
      }
      target.insert(at, text)
    })
    if (this.timesSaves) this.#unsaved.push({ clock: this.clock, sentAt })
    const position = Y.relativePositionToJSON(
      Y.createRelativePositionFromTypeIndex(target!, at + text.length),
    )
    this.presence = { ...this.presence, cursor: { anchor: position, head: position } }
    this.sendPresence()
    return seq
  }

  /** Edits `perSecond` times a second, each interval jittered ±20 %, until `stop()`. */
  start(perSecond: number): void {
    const interval = 1000 / perSecond
    const next = (delay: number) => {
      this.#timer = setTimeout(() => {
        this.edit()
        next(interval * (0.8 + 0.4 * Math.random()))
      }, delay)
    }
    next(Math.random() * interval)
  }

  /** Stops editing; what was received is still applied. */
  stop(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
  }

  override disconnect(abrupt = false): void {
    this.stop()
    super.disconnect(abrupt)
  }
}
