import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness'
import * as Y from 'yjs'
import { presenceUpdate as update } from '../../test/support/raw-socket.ts'
import { type PresenceChange, PresenceStore, presenceTimeoutMs } from './presence-store.ts'

/** The server's y-protocols Awareness as it was used before: no state of its own. */
function reference(): { awareness: Awareness; changes: PresenceChange[] } {
  const awareness = new Awareness(new Y.Doc())
  awareness.setLocalState(null)
  const changes: PresenceChange[] = []
  awareness.on('update', (change: PresenceChange) => changes.push(change))
  return { awareness, changes }
}

const stores: PresenceStore[] = []
afterEach(() => {
  for (const store of stores.splice(0)) store.destroy()
  vi.useRealTimers()
})

function store(): { presence: PresenceStore; changes: Array<[PresenceChange, unknown]> } {
  const changes: Array<[PresenceChange, unknown]> = []
  const presence = new PresenceStore((change, origin) => changes.push([change, origin]))
  stores.push(presence)
  return { presence, changes }
}

describe('PresenceStore', () => {
  it('relays a state as the bytes it arrived in', () => {
    const { presence, changes } = store()
    // Spacing JSON.stringify would not write: y-protocols would re-encode it, the store keeps it.
    presence.apply(update([7, 1, '{ "user": {"name":"Ama"} }']), 'socket')
    expect(changes).toEqual([[{ added: [7], updated: [], removed: [] }, 'socket']])
    expect(presence.encode([7])).toEqual(update([7, 1, '{ "user": {"name":"Ama"} }']))
    expect(presence.state(7)).toEqual({ user: { name: 'Ama' } })
  })

  it('refuses an update whose state is not JSON, or is not UTF-8, and changes nothing', () => {
    const { presence, changes } = store()
    expect(() => presence.apply(update([1, 1, '{"a":1}'], [2, 1, '{oops']), 'socket')).toThrow()
    const notUtf8 = encoding.createEncoder()
    for (const byte of [1, 3, 1, 1, 0xff]) encoding.writeUint8(notUtf8, byte)
    expect(() => presence.apply(encoding.toUint8Array(notUtf8), 'socket')).toThrow()
    expect(() => presence.apply(update([1, 1, '{"a":1}']).subarray(0, 4), 'socket')).toThrow()
    expect(changes).toEqual([])
    expect(presence.clients()).toEqual([])
  })

  it('drops a state not renewed for 30 s, with origin "timeout"', () => {
    vi.useFakeTimers()
    const { presence, changes } = store()
    presence.apply(update([1, 1, '{"a":1}'], [2, 1, '{"b":1}']), 'socket')
    vi.advanceTimersByTime(presenceTimeoutMs / 2)
    presence.apply(update([2, 2, '{"b":1}']), 'socket')
    vi.advanceTimersByTime(presenceTimeoutMs / 2 + presenceTimeoutMs / 10)
    expect(changes.at(-1)).toEqual([{ added: [], updated: [], removed: [1] }, 'timeout'])
    expect(presence.clients()).toEqual([2])
    // A removed client is encoded as null at the clock it had.
    expect(presence.encode([1])).toEqual(update([1, 1, 'null']))
  })

  it('agrees with y-protocols on random updates and removals: changes, states and clocks', () => {
    let seed = 42
    const random = (n: number) => {
      // xorshift32: the same sequence every run.
      seed ^= seed << 13
      seed ^= seed >>> 17
      seed ^= seed << 5
      return (seed >>> 0) % n
    }
    const { presence, changes } = store()
    const ref = reference()
    const clocks = new Map<number, number>()
    let compared = 0
    for (let step = 0; step < 3000; step++) {
      if (random(10) === 0) {
        const clients = [random(8), random(8)]
        presence.remove(clients, null)
        removeAwarenessStates(ref.awareness, clients, null)
      } else {
        const entries: Array<[number, number, string]> = []
        for (let i = 0, n = 1 + random(3); i < n; i++) {
          const client = random(8)
          // Mostly newer clocks, sometimes the same or an older one (a repeat, an echo, a late message).
          const clock = Math.max(0, (clocks.get(client) ?? 0) + random(4) - 1)
          clocks.set(client, Math.max(clocks.get(client) ?? 0, clock))
          const state = random(5) === 0 ? 'null' : JSON.stringify({ cursor: random(3), user: { id: client } })
          entries.push([client, clock, state])
        }
        presence.apply(update(...entries), 'socket')
        applyAwarenessUpdate(ref.awareness, update(...entries), 'socket')
      }
      expect(changes.slice(compared).map(([change]) => change)).toEqual(ref.changes.slice(compared))
      compared = ref.changes.length
      const seen = [...ref.awareness.meta.keys()].filter((client) => client !== ref.awareness.clientID)
      expect(presence.encode(seen)).toEqual(encodeAwarenessUpdate(ref.awareness, seen))
      expect(presence.clients().sort()).toEqual([...ref.awareness.getStates().keys()].sort())
    }
    // Every kind of change happened (a client is added once: later states of it are updates).
    const count = (kind: keyof PresenceChange) =>
      ref.changes.filter((change) => change[kind].length > 0).length
    expect([count('added') > 0, count('updated') > 100, count('removed') > 100]).toEqual([true, true, true])
    ref.awareness.destroy()
  })
})
