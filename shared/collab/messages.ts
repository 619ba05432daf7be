import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { ThreadDto, ThreadEventName } from '../api/threads.ts'

/** y-websocket's own message types (y-protocols): sync and awareness; 2 and 3 are auth and awareness query. */
export const messageSync = 0
export const messageAwareness = 1
export const messageQueryAwareness = 3

/** Our message type on the collaboration socket: one JSON event (y-websocket owns 0–3). */
export const messageEvent = 100

/** The events the server sends on the collaboration socket. */
export type CollabEvent =
  /** Everything this connection sent up to these clocks (Yjs client id → clock) is durable in Postgres. */
  | { type: 'saved'; clocks: Record<string, number> }
  /** This connection may not change the text; its update was dropped (`rejected` so far on this socket). */
  | { type: 'read_only'; rejected: number }
  /** Who this connection is, and what it may do: sent once after the socket opens. */
  | { type: 'welcome'; role: string; readOnly: boolean; userId: string }
  /** A thread or one of its comments changed: the thread as it is now. */
  | { type: ThreadEventName; thread: ThreadDto }

/** Writes an event message: `messageEvent`, then the event as a JSON string. */
export function writeEvent(encoder: encoding.Encoder, event: CollabEvent): void {
  encoding.writeVarUint(encoder, messageEvent)
  encoding.writeVarString(encoder, JSON.stringify(event))
}

/** Encodes an event message on its own. */
export function encodeEvent(event: CollabEvent): Uint8Array {
  const encoder = encoding.createEncoder()
  writeEvent(encoder, event)
  return encoding.toUint8Array(encoder)
}

/** Reads an event's body, after the message type has been read. */
export function readEvent(decoder: decoding.Decoder): CollabEvent {
  return JSON.parse(decoding.readVarString(decoder)) as CollabEvent
}

/**
 * Close codes of the collaboration socket. y-websocket's client stops reconnecting on 4400–4499 (a decision
 * reconnecting cannot change) and retries on anything else.
 */
export const closeCodes = {
  /** The member's role or the document's phase changed: reconnect to get the new rights. */
  accessChanged: 4001,
  /** A read-only connection kept sending changes: discard local changes, then reconnect. */
  readOnlyViolation: 4008,
  /** Malformed message. */
  protocolError: 4400,
  /** The session ended (signed out, or the account was disabled). */
  unauthenticated: 4401,
  /** The member was removed or the document deleted. */
  notFound: 4404,
  /** The document reached its size limit. */
  documentTooLarge: 4413,
  /** The document has as many connections as it allows: try again later. */
  documentFull: 4503,
} as const
