import type { Duplex } from 'node:stream'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type WebSocket from 'ws'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import {
  type CollabEvent,
  closeCodes,
  encodeEvent,
  messageAwareness,
  messageQueryAwareness,
  messageSync,
} from '../../shared/collab/messages.ts'
import type { DocumentRole } from '../../shared/roles.ts'
import type { Log } from '../log.ts'
import { type LiveDocument, maxDocumentBytes } from './live-document.ts'
import type { UpdateOrigin } from './origins.ts'
import { changesDocument } from './update-effect.ts'

/** A read-only connection may send this many changes (each dropped) before it is closed. */
export const maxReadOnlyViolations = 20

/**
 * The largest awareness update accepted. One person's presence is small, but the stock y-websocket client
 * echoes every presence change it receives, so a client in a document with a thousand people sends back
 * updates holding all of them (repeated states are ignored by their clocks).
 */
const maxAwarenessBytes = 1024 * 1024

/**
 * One socket on one live document: reads y-websocket messages, enforces read-only for viewers and commenters
 * (their document changes are dropped, never applied, stored or broadcast), and tells its client when its
 * edits are durable.
 */
export class Connection {
  /** Yjs client ids this connection wrote with. */
  #clients = new Set<number>()
  /** Awareness client ids this connection introduced, dropped when it leaves. */
  #presence = new Set<number>()
  /** The state vector of the client's sync step 1, until its sync step 2 closes the handshake. */
  #handshakeVector: Map<number, number> | undefined
  #rejected = 0
  #latestWrite: Promise<void> | undefined
  /** Set by `trackWrite` while an update from this connection is applied. */
  #wrote = false
  #closed = false

  constructor(
    readonly ws: WebSocket,
    /** The socket under `ws`: corked while several messages are written, so they leave in one write. */
    private readonly socket: Duplex,
    readonly live: LiveDocument,
    readonly userId: string,
    readonly role: DocumentRole,
    readonly readOnly: boolean,
    private readonly log: Log,
  ) {}

  /**
   * Greets the client, in one write: who it is, sync step 1 (so it sends what the server lacks) and
   * everyone's presence.
   */
  start(): void {
    const welcome = encodeEvent({
      type: 'welcome',
      role: this.role,
      readOnly: this.readOnly,
      userId: this.userId,
    })
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageSync)
    syncProtocol.writeSyncStep1(encoder, this.live.doc)
    const states = this.live.presence.clients()
    const presence = states.length > 0 ? this.#awarenessMessage(states) : undefined
    this.send(welcome, encoding.toUint8Array(encoder), presence)
  }

  /**
   * Sends messages, in order, skipping any undefined, if the socket is open (a slow or closing socket simply
   * misses them; it resyncs on reconnect). Several leave in one write to the network: a system call per message
   * is most of what a broadcast costs.
   */
  send(...messages: Array<Uint8Array | undefined>): void {
    if (this.ws.readyState !== this.ws.OPEN) return
    let count = 0
    for (const message of messages) if (message) count++
    if (count > 1) this.socket.cork()
    for (const message of messages) if (message) this.ws.send(message)
    if (count > 1) this.socket.uncork()
  }

  /**
   * Writes messages framed beforehand (frames.ts), the same bytes a broadcast writes to every socket, if the
   * socket is open. They keep their place among `send`'s: without compression `ws` writes each message to the
   * socket as it is sent, never holding one back.
   */
  sendFrames(frames: Buffer): void {
    if (this.ws.readyState === this.ws.OPEN) this.socket.write(frames)
  }

  /** Sends one of our JSON events. */
  sendEvent(event: CollabEvent): void {
    this.send(encodeEvent(event))
  }

  /** Closes the socket with one of the documented codes. */
  close(code: number, reason: string): void {
    if (this.#closed) return
    this.#closed = true
    this.ws.close(code, reason)
  }

  /** Handles one binary message; a malformed one closes the socket (4400) without touching the document. */
  receive(data: Uint8Array): void {
    try {
      const decoder = decoding.createDecoder(data)
      const type = decoding.readVarUint(decoder)
      if (type === messageSync) this.#receiveSync(decoder)
      else if (type === messageAwareness) this.#receiveAwareness(decoding.readVarUint8Array(decoder))
      else if (type === messageQueryAwareness) this.send(this.#awarenessMessage(this.live.presence.clients()))
      else throw new Error(`unknown message type ${type}`)
    } catch (error) {
      this.log.warn({ err: error, documentId: this.live.id, userId: this.userId }, 'collab.message.malformed')
      this.close(closeCodes.protocolError, 'malformed message')
    }
  }

  #receiveSync(decoder: decoding.Decoder): void {
    const syncType = decoding.readVarUint(decoder)
    if (syncType === syncProtocol.messageYjsSyncStep1) {
      const stateVector = decoding.readVarUint8Array(decoder)
      if (!this.readOnly) this.#handshakeVector = this.#heldWriters(Y.decodeStateVector(stateVector))
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, messageSync)
      syncProtocol.writeSyncStep2(encoder, this.live.doc, stateVector)
      this.send(encoding.toUint8Array(encoder))
      return
    }
    if (syncType !== syncProtocol.messageYjsSyncStep2 && syncType !== syncProtocol.messageYjsUpdate) {
      throw new Error(`unknown sync message ${syncType}`)
    }
    const update = decoding.readVarUint8Array(decoder)
    if (this.readOnly) {
      this.#reject(update)
      return
    }
    // Decode once before applying: a malformed update throws here, before it can touch the document.
    const meta = Y.parseUpdateMeta(update)
    if (this.live.bytes + update.byteLength > maxDocumentBytes) {
      this.close(closeCodes.documentTooLarge, 'document too large')
      return
    }
    for (const client of meta.to.keys()) this.#clients.add(client)
    this.#wrote = false
    Y.applyUpdate(this.live.doc, update, { source: 'connection', connection: this } satisfies UpdateOrigin)
    const handshake = syncType === syncProtocol.messageYjsSyncStep2 ? this.#takeHandshakeClocks() : {}
    if (!this.#wrote && (meta.to.size > 0 || Object.keys(handshake).length > 0)) {
      // The server had all of it already: a reconnecting client resending its edits, or one whose edits
      // arrived before its socket dropped (its handshake reply then carries nothing). Say saved once what the
      // server holds is durable, or the client would wait for an acknowledgement that never comes.
      const clocks = { ...handshake, ...this.#clocksNow() }
      void this.live.whenDurable().then(() => this.sendEvent({ type: 'saved', clocks }))
    }
  }

  /**
   * Drops a read-only connection's change and tells it. A sync reply that brings nothing new (empty, or
   * repeating the document's own deletions) is no offence.
   */
  #reject(update: Uint8Array): void {
    if (update.byteLength <= 2 || !changesDocument(this.live.doc, update)) return
    this.#rejected++
    this.sendEvent({ type: 'read_only', rejected: this.#rejected })
    if (this.#rejected >= maxReadOnlyViolations)
      this.close(closeCodes.readOnlyViolation, 'read-only connection')
  }

  #receiveAwareness(update: Uint8Array): void {
    if (update.byteLength > maxAwarenessBytes) throw new Error('awareness update too large')
    this.live.presence.apply(update, this)
  }

  #awarenessMessage(clients: number[]): Uint8Array {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageAwareness)
    encoding.writeVarUint8Array(encoder, this.live.presence.encode(clients))
    return encoding.toUint8Array(encoder)
  }

  /** Called by the live document for presence this connection added or removed. */
  trackAwareness(added: number[], removed: number[]): void {
    for (const id of added) this.#presence.add(id)
    for (const id of removed) this.#presence.delete(id)
  }

  /**
   * Called by the live document, inside the transaction, for each of this connection's updates: says `saved`
   * once it is durable, with the clocks the document holds now for this connection's clients (integrated
   * structs only: an update still waiting for missing parts is not claimed).
   */
  trackWrite(durable: Promise<void>): void {
    this.#wrote = true
    const clocks = this.#clocksNow()
    this.#latestWrite = durable
    durable.then(() => {
      // Writes commit in order, so only the newest one needs to speak for all before it.
      if (this.#latestWrite !== durable) return
      this.sendEvent({ type: 'saved', clocks })
    })
  }

  /** The document's clock now for each Yjs client this connection wrote with. */
  #clocksNow(): Record<string, number> {
    return Object.fromEntries(
      [...this.#clients].map((client) => [String(client), Y.getState(this.live.doc.store, client)]),
    )
  }

  /**
   * Of a client's state vector, only the writers this document has anything of: what may be answered for.
   * (Kept until the handshake ends, so a vector of millions of made-up ids must not be kept whole.)
   */
  #heldWriters(vector: Map<number, number>): Map<number, number> {
    const held = new Map<number, number>()
    for (const [client, clock] of vector) if (this.live.doc.store.clients.has(client)) held.set(client, clock)
    return held
  }

  /**
   * Once per handshake: the writers whose edits the server holds at least as far as the client's own state
   * vector does. The server cannot tell which of them is the client itself (a stock client's first presence
   * is not even applied), so it answers for all; the message is no larger than the vector the client sent.
   */
  #takeHandshakeClocks(): Record<string, number> {
    const vector = this.#handshakeVector
    this.#handshakeVector = undefined
    const clocks: Record<string, number> = {}
    for (const [client, clock] of vector ?? []) {
      const held = Y.getState(this.live.doc.store, client)
      if (clock > 0 && held >= clock) clocks[String(client)] = held
    }
    return clocks
  }

  /** The presence this connection introduced (to drop when it leaves). */
  get presence(): Iterable<number> {
    return this.#presence
  }
}
