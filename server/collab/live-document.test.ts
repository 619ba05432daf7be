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
function textSeenBy(connection: RecordingConnection): string {
  return textSeenWith(connection, [])
}

/** The text a connection sees after applying `given` (its sync and its own edits) and every update it was sent. */
function textSeenWith(connection: RecordingConnection, given: Uint8Array[]): string {
  const doc = new Y.Doc()
  for (const update of given) Y.applyUpdate(doc, update)
  for (const write of connection.writes) {
    for (const message of write) {
      const decoder = decoding.createDecoder(message)
      if (decoding.readVarUint(decoder) !== messageSync) continue
      decoding.readVarUint(decoder)
      Y.applyUpdate(doc, decoding.readVarUint8Array(decoder))
    }
  }
  return doc.getText('t').toString()
}

/** The `<n>` tokens a message's bytes carry (Yjs writes inserted text as contiguous UTF-8). */
function tokensIn(message: Uint8Array): string[] {
  return Buffer.from(message).toString('latin1').match(/<\d+>/g) ?? []
}

describe('LiveDocument broadcasts', () => {
  it('fans an update out in slices, and an update applied mid-sweep reaches the sockets not yet written in the same sweep', async () => {
    // A slice budget of 0 ms: each slice sends to 16 sockets, then waits for the next turn.
    const live = liveDocument(0)
    const connections = Array.from({ length: 40 }, () => new RecordingConnection())
    for (const connection of connections) live.connections.add(connection as unknown as Connection)
    const text = live.doc.getText('t')

    live.doc.transact(() => text.insert(0, 'first'), { source: 'server' })
    await Promise.resolve()
    expect(connections.filter((c) => c.writes.length === 1)).toHaveLength(16)

    // Applied while the sweep is under way: the 24 sockets not yet written get both in one write; the first
    // 16 get it in the next sweep, which waits as long as this one took (docs/architecture.md, "Fan-out").
    live.doc.transact(() => text.insert(5, ' second'), { source: 'server' })
    await nextTurn()
    expect(connections.filter((c) => c.writes.length === 1)).toHaveLength(32)
    expect(textSeenBy(connections[20]!)).toBe('first second')
    await vi.waitFor(() => expect(connections.slice(0, 16).every((c) => c.writes.length === 2)).toBe(true))
    await nextTurn()

    for (const [index, connection] of connections.entries()) {
      expect(connection.writes).toHaveLength(index < 16 ? 2 : 1)
      expect(textSeenBy(connection)).toBe('first second')
    }
    live.destroy()
  })

  it('brings every socket every update, once and never its own, while updates arrive and sockets come and go mid-sweep', async () => {
    const live = liveDocument(0)
    const text = live.doc.getText('t')
    /** What each socket has besides what the document sends it: its sync at joining, and its own edits. */
    const given = new Map<RecordingConnection, Uint8Array[]>()
    const own = new Map<RecordingConnection, Set<string>>()
    const fromStart = new Set<RecordingConnection>()
    const join = () => {
      const socket = new RecordingConnection()
      given.set(socket, [Y.encodeStateAsUpdate(live.doc)])
      own.set(socket, new Set())
      live.connections.add(socket as unknown as Connection)
      return socket
    }
    for (let i = 0; i < 50; i++) fromStart.add(join())
    let seed = 7
    const random = () => {
      seed = (seed * 16807) % 2147483647
      return seed / 2147483647
    }
    const present = () => [...live.connections] as unknown as RecordingConnection[]
    for (let step = 0; step < 400; step++) {
      const roll = random()
      if (roll < 0.04) join()
      else if (roll < 0.07 && live.connections.size > 5) {
        const leaving = present()[Math.floor(random() * live.connections.size)]!
        live.connections.delete(leaving as unknown as Connection)
        fromStart.delete(leaving)
      } else if (roll < 0.6) {
        const author = present()[Math.floor(random() * live.connections.size)]!
        const token = `<${step}>`
        const before = Y.encodeStateVector(live.doc)
        const client = new Y.Doc()
        Y.applyUpdate(client, Y.encodeStateAsUpdate(live.doc))
        client.getText('t').insert(Math.floor(random() * (text.length + 1)), token)
        const update = Y.encodeStateAsUpdate(client, before)
        given.get(author)!.push(update)
        own.get(author)!.add(token)
        Y.applyUpdate(live.doc, update, { source: 'connection', connection: author as unknown as Connection })
      } else if (roll < 0.8) await Promise.resolve()
      else await nextTurn()
    }
    const final = text.toString()
    await vi.waitFor(() => {
      for (const socket of present()) expect(textSeenWith(socket, given.get(socket)!)).toBe(final)
    })
    for (const socket of present()) {
      const counts = new Map<string, number>()
      for (const message of socket.writes.flat()) {
        for (const token of tokensIn(message)) counts.set(token, (counts.get(token) ?? 0) + 1)
      }
      for (const token of own.get(socket)!) expect(counts.has(token)).toBe(false)
      // A socket that joined later may be sent again what its sync gave it (Yjs ignores it); one that was
      // there from the start is sent each other edit exactly once.
      if (fromStart.has(socket)) {
        for (const [token, count] of counts) expect([token, count]).toEqual([token, 1])
      }
    }
    live.destroy()
  })

  it('writes the other sockets when one send fails, and goes on broadcasting', async () => {
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
    expect(textSeenBy(healthy)).toBe('first')
    live.connections.delete(broken as unknown as Connection)
    live.doc.transact(() => live.doc.getText('t').insert(5, ' second'), { source: 'server' })
    await nextTurn()

    expect(healthy.writes).toHaveLength(2)
    expect(textSeenBy(healthy)).toBe('first second')
    live.destroy()
  })
})
