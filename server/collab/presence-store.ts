import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/** A state not renewed for this long is dropped (the stock client renews every 15 s), as y-protocols does. */
export const presenceTimeoutMs = 30_000

/** What an applied awareness update or a removal changed, as y-protocols' awareness `update` event reports it. */
export interface PresenceChange {
  added: number[]
  /** States replaced or renewed (a renewal is a change too: it keeps the client from timing out elsewhere). */
  updated: number[]
  removed: number[]
}

/** Told of every change, with the origin it was applied with ('timeout' for states dropped as outdated). */
export type PresenceListener = (change: PresenceChange, origin: unknown) => void

interface Entry {
  clock: number
  /** The state's JSON text as it arrived, or undefined once removed: the clock is kept, as y-protocols does. */
  state: string | undefined
  /** `performance.now()` of the last change or renewal. */
  renewedAt: number
}

/** One client's part of an incoming update, checked before anything is applied. */
interface Incoming {
  client: number
  clock: number
  /** The state's JSON text, or undefined for a `null` state (the client left). */
  state: string | undefined
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Who is here and where their cursors are, for one document: the awareness protocol of y-protocols (the same
 * wire format, clocks, removals and 30 s timeout), keeping each state as the JSON text it arrived in. The
 * server only relays presence, so it never needs a state as an object: y-protocols' Awareness keeps every
 * state parsed, compares it deeply with the last, and stringifies it again for every message that carries it
 * (each new connection is sent everyone's). Here an incoming state is parsed once, to refuse what is not JSON
 * before it can reach another client, and is then relayed as it came (the same bytes: the text is decoded
 * from strict UTF-8). One flat string per client is also less for the collector than the object it parses to.
 */
export class PresenceStore {
  readonly #entries = new Map<number, Entry>()
  readonly #timer: NodeJS.Timeout

  constructor(private readonly listener: PresenceListener) {
    this.#timer = setInterval(() => this.#dropOutdated(), presenceTimeoutMs / 10)
    this.#timer.unref()
  }

  /** The clients with a state now. */
  clients(): number[] {
    const present: number[] = []
    for (const [client, entry] of this.#entries) if (entry.state) present.push(client)
    return present
  }

  /** The state a client has now, parsed (for tests and diagnostics; the server itself never parses to relay). */
  state(client: number): unknown {
    const state = this.#entries.get(client)?.state
    return state ? JSON.parse(state) : undefined
  }

  /**
   * Applies an encoded awareness update. A malformed one (truncated, not UTF-8, a state that is not JSON)
   * throws before anything changes.
   */
  apply(update: Uint8Array, origin: unknown): void {
    const incoming = readUpdate(update)
    const now = performance.now()
    const change: PresenceChange = { added: [], updated: [], removed: [] }
    for (const { client, clock, state } of incoming) {
      const entry = this.#entries.get(client)
      const known = entry?.clock ?? 0
      // Newer wins; at the same clock only a removal of a state still held does (y-protocols' rule).
      if (!(known < clock || (known === clock && !state && entry?.state))) continue
      if (entry) {
        entry.clock = clock
        entry.state = state
        entry.renewedAt = now
        if (state) change.updated.push(client)
        else change.removed.push(client)
      } else {
        this.#entries.set(client, { clock, state, renewedAt: now })
        if (state) change.added.push(client)
      }
    }
    this.#tell(change, origin)
  }

  /** Removes the states of clients that left (their clocks stay, so an older state of theirs is not taken back). */
  remove(clients: Iterable<number>, origin: unknown): void {
    const removed: number[] = []
    for (const client of clients) {
      const entry = this.#entries.get(client)
      if (!entry?.state) continue
      entry.state = undefined
      removed.push(client)
    }
    this.#tell({ added: [], updated: [], removed }, origin)
  }

  /**
   * An awareness update carrying these clients as they are now: their state, or `null` for one removed. Every
   * client named must have been seen (as y-protocols, which throws for a client it never heard of).
   */
  encode(clients: readonly number[]): Uint8Array {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, clients.length)
    for (const client of clients) {
      const entry = this.#entries.get(client)
      if (!entry) throw new Error(`no presence for client ${client}`)
      encoding.writeVarUint(encoder, client)
      encoding.writeVarUint(encoder, entry.clock)
      encoding.writeVarString(encoder, entry.state ?? 'null')
    }
    return encoding.toUint8Array(encoder)
  }

  /** Stops the timeout check. */
  destroy(): void {
    clearInterval(this.#timer)
  }

  #dropOutdated(): void {
    const outdated: number[] = []
    const before = performance.now() - presenceTimeoutMs
    for (const [client, entry] of this.#entries) {
      if (entry.state && entry.renewedAt <= before) outdated.push(client)
    }
    if (outdated.length > 0) this.remove(outdated, 'timeout')
  }

  #tell(change: PresenceChange, origin: unknown): void {
    if (change.added.length > 0 || change.updated.length > 0 || change.removed.length > 0) {
      this.listener(change, origin)
    }
  }
}

/** Reads every client's part of an awareness update, checking each state is JSON; throws if anything is not. */
function readUpdate(update: Uint8Array): Incoming[] {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  const incoming: Incoming[] = []
  for (let i = 0; i < count; i++) {
    const client = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const text = utf8.decode(decoding.readVarUint8Array(decoder))
    // Parsed only to refuse what another client's JSON.parse would throw on; the object is dropped at once.
    const parsed: unknown = JSON.parse(text)
    incoming.push({ client, clock, state: parsed === null ? undefined : text })
  }
  return incoming
}
