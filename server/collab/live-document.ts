import * as encoding from 'lib0/encoding'
import { Awareness, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { messageAwareness, messageSync } from '../../shared/collab/messages.ts'
import type { Log } from '../log.ts'
import type { CollabBus } from './bus.ts'
import type { Connection } from './connection.ts'
import type { UpdateOrigin } from './origins.ts'
import type { UpdateLogWriter } from './update-log-writer.ts'

/** The largest a document's state may grow (bytes of Yjs updates applied since load, plus the loaded state). */
export const maxDocumentBytes = 32 * 1024 * 1024

/**
 * One document in memory, shared by every connection to it on this process: the Y.Doc, its awareness
 * (presence and cursors, never persisted), and the connections. Every update is persisted through the group
 * commit writer (unless it came from another process), fanned out to the other local connections encoded
 * once, and published on the bus.
 */
export class LiveDocument {
  readonly awareness: Awareness
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
  ) {
    this.bytes = loadedBytes
    this.awareness = new Awareness(doc)
    // The server has no presence of its own.
    this.awareness.setLocalState(null)
    doc.on('update', (update: Uint8Array, origin: UpdateOrigin) => this.#onUpdate(update, origin))
    this.awareness.on('update', (change: AwarenessChange, origin: unknown) =>
      this.#onAwareness(change, origin),
    )
    this.#unsubscribe = bus.subscribe(id, (update) =>
      Y.applyUpdate(doc, update, { source: 'remote' } satisfies UpdateOrigin),
    )
  }

  /** Applies an update from the server itself and resolves once it is durable. */
  applyServerUpdate(update: Uint8Array): Promise<void> {
    return this.transactServer(() =>
      Y.applyUpdate(this.doc, update, { source: 'server' } satisfies UpdateOrigin),
    )
  }

  /** Runs `change` in one transaction with origin `server`; resolves once the result is durable. */
  async transactServer(change: (doc: Y.Doc) => void): Promise<void> {
    this.#lastServerWrite = undefined
    this.doc.transact(() => change(this.doc), { source: 'server' } satisfies UpdateOrigin)
    await this.#lastServerWrite
  }

  /** The durability of the last update with origin `server` (set synchronously by the update handler). */
  #lastServerWrite: Promise<void> | undefined

  #onUpdate(update: Uint8Array, origin: UpdateOrigin): void {
    if (origin?.source === 'load') return
    this.bytes += update.byteLength
    if (origin?.source !== 'remote') {
      const durable = this.writer.append(this.id, update)
      if (origin?.source === 'server') this.#lastServerWrite = durable
      if (origin?.source === 'connection') origin.connection.trackWrite(durable)
      this.bus.publish(this.id, update)
    }
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageSync)
    syncProtocol.writeUpdate(encoder, update)
    const message = encoding.toUint8Array(encoder)
    const from = origin?.source === 'connection' ? origin.connection : undefined
    for (const connection of this.connections) if (connection !== from) connection.send(message)
  }

  #onAwareness({ added, updated, removed }: AwarenessChange, origin: unknown): void {
    const changed = [...added, ...updated, ...removed]
    if (origin && typeof (origin as Connection).trackAwareness === 'function') {
      ;(origin as Connection).trackAwareness(added, removed)
    }
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageAwareness)
    encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(this.awareness, changed))
    const message = encoding.toUint8Array(encoder)
    for (const connection of this.connections) connection.send(message)
  }

  /** Forgets the presence of a connection that left. */
  dropPresence(clients: Iterable<number>): void {
    const ids = [...clients]
    if (ids.length > 0) removeAwarenessStates(this.awareness, ids, null)
  }

  /** Stops listening and frees the document. */
  destroy(): void {
    this.#unsubscribe()
    this.awareness.destroy()
    this.doc.destroy()
    this.log.debug({ documentId: this.id }, 'collab.doc.destroyed')
  }
}

/** The change an awareness `update` event reports. */
interface AwarenessChange {
  added: number[]
  updated: number[]
  removed: number[]
}
