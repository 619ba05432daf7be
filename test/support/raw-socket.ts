import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import * as syncProtocol from 'y-protocols/sync'
import type * as Y from 'yjs'
import {
  type CollabEvent,
  messageAwareness,
  messageEvent,
  messageSync,
  readEvent,
} from '../../shared/collab/messages.ts'
import type { HttpAgent } from './http-agent.ts'

/** A bare WebSocket on `/collab/:documentId` for sending hand-made (or forged) bytes. */
export interface RawSocket {
  ws: WebSocket
  events: CollabEvent[]
  messages: Uint8Array[]
  closed: Promise<{ code: number; reason: string }>
  send(bytes: Uint8Array): void
}

/** Opens a raw socket as `agent`'s user; resolves once open, or rejects with the HTTP status of a refusal. */
export function openRawSocket(
  serverUrl: string,
  agent: HttpAgent,
  documentId: string,
  origin = agent.publicOrigin,
): Promise<RawSocket> {
  const cookie = [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  const ws = new WebSocket(`${serverUrl.replace(/^http/, 'ws')}/collab/${documentId}`, {
    headers: { cookie, origin },
  })
  const events: CollabEvent[] = []
  const messages: Uint8Array[] = []
  ws.on('message', (data: Buffer) => {
    const bytes = new Uint8Array(data)
    messages.push(bytes)
    const decoder = decoding.createDecoder(bytes)
    if (decoding.readVarUint(decoder) === messageEvent) events.push(readEvent(decoder))
  })
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  )
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, events, messages, closed, send: (bytes) => ws.send(bytes) }))
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
    ws.once('error', reject)
  })
}

/** A sync "update" message carrying `update`. */
export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** An awareness message carrying `update` (an encoded awareness update). */
export function awarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageAwareness)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/**
 * An awareness update written by hand, `[client, clock, state JSON text]` per entry: the text goes on the wire
 * exactly as given (malformed, if a test wants it so).
 */
export function presenceUpdate(...entries: Array<[number, number, string]>): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const [client, clock, json] of entries) {
    encoding.writeVarUint(encoder, client)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, json)
  }
  return encoding.toUint8Array(encoder)
}

/** A sync step 2 message carrying `doc`'s whole state. */
export function syncStep2Message(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  syncProtocol.writeSyncStep2(encoder, doc)
  return encoding.toUint8Array(encoder)
}
