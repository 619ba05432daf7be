/**
 * The bytes the load clients send and look for on a y-websocket socket: sync steps, awareness updates and the
 * `#T<writer>.<seq>#` markers writers type. Readers never decode Yjs: they only look at the first two bytes of
 * a message and scan its body for markers.
 */
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import type * as Y from 'yjs'
import { messageAwareness, messageEvent, messageSync } from '../../shared/collab/messages.ts'
import { awarenessMessage as presenceMessage, presenceUpdate } from '../support/raw-socket.ts'

export { messageAwareness, messageEvent, messageSync }

/** Sync sub-types (y-protocols): step 1 (a state vector), step 2 (what the other side lacks), an update. */
export const syncStep1 = syncProtocol.messageYjsSyncStep1
export const syncStep2 = syncProtocol.messageYjsSyncStep2
export const syncUpdate = syncProtocol.messageYjsUpdate

/** Sync step 1 with an empty state vector: "send me everything" (what a reader with no state says). */
export const emptySyncStep1: Uint8Array = (() => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  encoding.writeVarUint(encoder, syncStep1)
  encoding.writeVarUint8Array(encoder, new Uint8Array([0]))
  return encoding.toUint8Array(encoder)
})()

/** Sync step 2 of an empty document (an update with no structs and no deletions): a reader's answer to step 1. */
export const emptySyncStep2: Uint8Array = (() => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  encoding.writeVarUint(encoder, syncStep2)
  encoding.writeVarUint8Array(encoder, new Uint8Array([0, 0]))
  return encoding.toUint8Array(encoder)
})()

/** Sync step 1 carrying `doc`'s state vector. */
export function syncStep1Message(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  syncProtocol.writeSyncStep1(encoder, doc)
  return encoding.toUint8Array(encoder)
}

/** A sync update message carrying `update`. */
export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

/**
 * An awareness message announcing one client's state: the same bytes as y-protocols' `encodeAwarenessUpdate`
 * for a single client (count, client id, clock, JSON state), without keeping an `Awareness` per socket.
 */
export function awarenessMessage(clientId: number, clock: number, state: unknown): Uint8Array {
  return presenceMessage(presenceUpdate([clientId, clock, JSON.stringify(state)]))
}

/** The text a writer types for its `seq`-th edit: a space and a unique ASCII marker. */
export function markerText(writer: number, seq: number): string {
  return ` #T${writer}.${seq}#`
}

const markerStart = Buffer.from('#T')
const hash = 0x23
const dot = 0x2e
const zero = 0x30
const nine = 0x39

/**
 * Calls `found(writer, seq)` for every `#T<writer>.<seq>#` in `bytes`. Yjs writes inserted strings as
 * contiguous UTF-8, so a marker survives encoding (and merging) intact.
 */
export function scanMarkers(bytes: Buffer, found: (writer: number, seq: number) => void): void {
  let at = bytes.indexOf(markerStart)
  while (at !== -1) {
    let i = at + 2
    let writer = 0
    let digits = 0
    while (i < bytes.length && bytes[i]! >= zero && bytes[i]! <= nine) {
      writer = writer * 10 + bytes[i]! - zero
      i++
      digits++
    }
    if (digits > 0 && bytes[i] === dot) {
      i++
      let seq = 0
      digits = 0
      while (i < bytes.length && bytes[i]! >= zero && bytes[i]! <= nine) {
        seq = seq * 10 + bytes[i]! - zero
        i++
        digits++
      }
      if (digits > 0 && bytes[i] === hash) found(writer, seq)
    }
    at = bytes.indexOf(markerStart, at + 2)
  }
}

/** Every marker in a text (the converged document), as `writer.seq` strings. */
export function markersIn(text: string): Set<string> {
  return new Set([...text.matchAll(/#T(\d+\.\d+)#/g)].map((match) => match[1]!))
}
