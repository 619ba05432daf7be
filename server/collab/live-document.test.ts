import * as decoding from 'lib0/decoding'
import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { messageSync } from '../../shared/collab/messages.ts'
import { createLogger } from '../log.ts'
import { LocalBus } from './bus.ts'
import type { Connection } from './connection.ts'
import { LiveDocument } from './live-document.ts'
import type { UpdateLogWriter } from './update-log-writer.ts'

/** A socket stand-in: keeps every write (the messages sent together). */
class RecordingConnection {
  writes: Uint8Array[][] = []
  presence = new Set<number>()
  send(...messages: Array<Uint8Array | undefined>): void {
    this.writes.push(messages.filter((message): message is Uint8Array => message !== undefined))
  }
  /** Frames written at once (frames.ts), read back into their messages. */
  sendFrames(frames: Buffer): void {
    this.send(...readFrames(frames))
  }
  trackWrite(): void {}
  trackAwareness(): void {}
}

/** The payloads of unmasked, final binary frames (no 64-bit lengths: a test's messages are small). */
function readFrames(bytes: Buffer): Uint8Array[] {
  const messages: Uint8Array[] = []
  let at = 0
  while (at < bytes.length) {
    expect(bytes[at]).toBe(0x82)
    let length = bytes[at + 1]!
    let header = 2
    if (length === 126) {
      length = bytes.readUInt16BE(at + 2)
      header = 4
    }
    messages.push(bytes.subarray(at + header, at + header + length))
    at += header + length
  }
  return messages
}

/** A writer whose every append is durable at once. */
const instantWriter = {
  append: () => Promise.resolve(),
  durable: () => Promise.resolve(),
} as unknown as UpdateLogWriter

/** A live document over nothing but these stand-ins; `sliceMs` as LiveDocument takes it. */
function liveDocument(sliceMs?: number): LiveDocument {
  const log = createLogger({ logLevel: 'silent' })
  return new LiveDocument('doc', new Y.Doc(), 0, instantWriter, new LocalBus(), log, sliceMs)
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve))

/** The text a connection would see after applying every update it was sent, in order. */
function textSeenBy(connection: RecordingConnection, name = 't'): string {
  const doc = new Y.Doc()
  for (const write of connection.writes) {
    for (const message of write) {
      const decoder = decoding.createDecoder(message)
      expect(decoding.readVarUint(decoder)).toBe(messageSync)
      decoding.readVarUint(decoder)
      Y.applyUpdate(doc, decoding.readVarUint8Array(decoder))
    }
  }
  return doc.getText(name).toString()
}

describe('LiveDocument broadcasts', () => {
  it('fans an update out in slices, letting the event loop through, and holds later updates until it is done', async () => {
    // A slice budget of 0 ms: each slice sends to 16 sockets, then waits for the next turn.
    const live = liveDocument(0)
    const connections = Array.from({ length: 40 }, () => new RecordingConnection())
    for (const connection of connections) live.connections.add(connection as unknown as Connection)
    const text = live.doc.getText('t')

    live.doc.transact(() => text.insert(0, 'first'), { source: 'server' })
    await Promise.resolve()
    expect(connections.filter((c) => c.writes.length === 1)).toHaveLength(16)

    // Applied while the broadcast is under way: it waits for the next one.
    live.doc.transact(() => text.insert(5, ' second'), { source: 'server' })
    await nextTurn()
    expect(connections.filter((c) => c.writes.length === 1)).toHaveLength(32)
    // The next broadcast waits as long as this one took (docs/architecture.md, "Fan-out").
    await vi.waitFor(() => expect(connections.every((c) => c.writes.length === 2)).toBe(true))

    for (const connection of connections) {
      expect(connection.writes).toHaveLength(2)
      expect(textSeenBy(connection)).toBe('first second')
    }
    live.destroy()
  })

  it('goes on broadcasting after a send failed', async () => {
    const live = liveDocument()
    const broken = new RecordingConnection()
    broken.send = () => {
      throw new Error('socket gone')
    }
    broken.sendFrames = broken.send
    const healthy = new RecordingConnection()
    live.connections.add(broken as unknown as Connection)
    live.connections.add(healthy as unknown as Connection)

    live.doc.transact(() => live.doc.getText('t').insert(0, 'first'), { source: 'server' })
    await nextTurn()
    live.connections.delete(broken as unknown as Connection)
    // From another Yjs client, in a text of its own: it does not build on the first, which the healthy socket
    // never got.
    const elsewhere = new Y.Doc()
    elsewhere.getText('u').insert(0, 'second')
    Y.applyUpdate(live.doc, Y.encodeStateAsUpdate(elsewhere), { source: 'server' })
    await nextTurn()

    expect(healthy.writes).toHaveLength(1)
    expect(textSeenBy(healthy, 'u')).toBe('second')
    live.destroy()
  })
})
