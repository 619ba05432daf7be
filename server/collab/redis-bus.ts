import { randomBytes } from 'node:crypto'
import type { Redis } from 'ioredis'
import * as Y from 'yjs'
import type { Log } from '../log.ts'
import type { CollabBus, DocumentListener } from './bus.ts'
import { decodeFrame, encodeFrame, type FrameKind, frameKinds } from './bus-frames.ts'

/** How long the server waits for Redis at start before giving up with a message naming REDIS_URL. */
const connectTimeoutMs = 10_000

/** Domain events kept while the publishing connection is away, sent when it is back (oldest dropped past this). */
const maxHeldEvents = 1_000

/**
 * The bus of several processes: Redis pub/sub, one channel per live document (updates, presence, sync
 * requests) and one for domain events. Pub/sub is at most once, so nothing relies on a single message:
 * - updates that could not be published are kept (merged per document) and published when the publishing
 *   connection is back; so are domain events;
 * - when the subscribed connection is back, every live document asks the others for what it missed
 *   (`DocumentListener.listening`, once the publishing connection is ready too), and `onResume` listeners
 *   hear of it (the collaboration server makes every socket sign in again: an access change may have been
 *   missed);
 * - a document that receives an update whose predecessors it lacks asks for them (see LiveDocument).
 */
export class RedisBus implements CollabBus {
  readonly reachesOtherProcesses = true
  readonly #id = randomBytes(16)
  readonly #listeners = new Map<string, DocumentListener>()
  readonly #eventListeners = new Set<(name: string, payload: unknown) => void>()
  readonly #resumeListeners = new Set<() => void>()
  /** Updates that failed to publish, per document channel, until the publishing connection is back. */
  readonly #heldUpdates = new Map<string, Uint8Array[]>()
  /** Event frames that failed to publish. */
  #heldEvents: Buffer[] = []
  #closed = false

  private constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly prefix: string,
    private readonly log: Log,
  ) {
    sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.#receive(channel.toString(), message))
    let subscribedBefore = false
    sub.on('ready', () => {
      if (!subscribedBefore) {
        subscribedBefore = true
        return
      }
      log.info('bus.redis.reconnected')
      void this.#resubscribeAll()
    })
    let publishedBefore = false
    pub.on('ready', () => {
      if (!publishedBefore) {
        publishedBefore = true
        return
      }
      this.#publishHeld()
    })
    for (const [name, client] of [
      ['publisher', pub],
      ['subscriber', sub],
    ] as const) {
      client.on('error', (error: Error) => log.warn({ err: error, connection: name }, 'bus.redis.error'))
      client.on('end', () => {
        if (!this.#closed) log.error({ connection: name }, 'bus.redis.closed')
      })
    }
  }

  /**
   * Connects both connections (publishing and subscribed) and subscribes to the events channel. `prefix`
   * keeps instances that share one Redis apart. Fails, naming REDIS_URL, when Redis does not answer in time.
   */
  static async connect(url: string, prefix: string, log: Log): Promise<RedisBus> {
    // TCP keep-alive notices a connection that died without closing (a restarted host, a dropped NAT entry).
    // Named after the instance, so `CLIENT LIST` shows whose connections they are.
    const common = { lazyConnect: true, keepAlive: 10_000 }
    // Loaded only when REDIS_URL is set: a single process never pays for the client (about 10 MB).
    const { Redis } = await import('ioredis')
    const name = (role: string) => `${prefix}${role}:${process.pid}`
    const pub = new Redis(url, {
      ...common,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectionName: name('pub'),
    })
    // The subscriber queues its SUBSCRIBE commands while disconnected and sends them when it is back.
    const sub = new Redis(url, { ...common, maxRetriesPerRequest: null, connectionName: name('sub') })
    const bus = new RedisBus(pub, sub, prefix, log)
    let timer: NodeJS.Timeout | undefined
    try {
      await Promise.race([
        Promise.all([pub.connect(), sub.connect()]),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('no answer')), connectTimeoutMs)
        }),
      ])
      await sub.subscribe(bus.#eventsChannel)
    } catch (error) {
      pub.disconnect()
      sub.disconnect()
      throw new Error(`REDIS_URL: could not connect to Redis (${(error as Error).message})`)
    } finally {
      clearTimeout(timer)
    }
    log.info({ prefix }, 'bus.redis.connected')
    return bus
  }

  get healthy(): boolean {
    return this.pub.status === 'ready' && this.sub.status === 'ready'
  }

  get #eventsChannel(): string {
    return `${this.prefix}events`
  }

  #documentChannel(documentId: string): string {
    return `${this.prefix}doc:${documentId}`
  }

  publishUpdate(documentId: string, update: Uint8Array): void {
    const channel = this.#documentChannel(documentId)
    const held = this.#heldUpdates.get(channel)
    if (held) {
      held.push(update)
      return
    }
    this.#publish(channel, frameKinds.update, update, () => this.#holdUpdate(channel, update))
  }

  publishAwareness(documentId: string, update: Uint8Array): void {
    this.#publish(this.#documentChannel(documentId), frameKinds.awareness, update)
  }

  requestSync(documentId: string, stateVector: Uint8Array): void {
    this.#publish(this.#documentChannel(documentId), frameKinds.syncRequest, stateVector)
  }

  publishEvent(name: string, payload: unknown): void {
    const json = Buffer.from(JSON.stringify({ name, payload }))
    const frame = encodeFrame(frameKinds.event, this.#id, json)
    this.#publishFrame(this.#eventsChannel, frame, () => this.#holdEvent(frame))
  }

  /** Calls `listener` each time the subscribed connection is back after an outage; answers the unsubscribe. */
  onResume(listener: () => void): () => void {
    this.#resumeListeners.add(listener)
    return () => this.#resumeListeners.delete(listener)
  }

  subscribe(documentId: string, listener: DocumentListener): () => void {
    const channel = this.#documentChannel(documentId)
    this.#listeners.set(channel, listener)
    this.sub.subscribe(channel).then(
      () => {
        if (this.#listeners.get(channel) === listener) listener.listening()
      },
      (error: unknown) => this.log.warn({ err: error, documentId }, 'bus.redis.subscribe_failed'),
    )
    return () => {
      if (this.#listeners.get(channel) !== listener) return
      this.#listeners.delete(channel)
      this.sub.unsubscribe(channel).catch(() => {})
    }
  }

  onEvent(listener: (name: string, payload: unknown) => void): () => void {
    this.#eventListeners.add(listener)
    return () => this.#eventListeners.delete(listener)
  }

  async close(): Promise<void> {
    this.#closed = true
    this.#listeners.clear()
    clearTimeout(this.#retryTimer)
    // QUIT waits for Redis to answer; with Redis away it would wait for ever, and shutdown with it.
    const quit = async (client: Redis) => {
      if (client.status === 'ready') {
        await Promise.race([
          client.quit().catch(() => {}),
          new Promise((resolve) => setTimeout(resolve, 1000)),
        ])
      }
      client.disconnect()
    }
    await Promise.all([quit(this.pub), quit(this.sub)])
  }

  #publish(channel: string, kind: FrameKind, payload: Uint8Array, onFailure?: () => void): void {
    this.#publishFrame(channel, encodeFrame(kind, this.#id, payload), onFailure)
  }

  /** Publishes now; what fails (Redis away: nothing is queued by the client) goes to `onFailure`. */
  #publishFrame(channel: string, frame: Buffer, onFailure?: () => void): void {
    if (this.#closed) return
    this.pub.publish(channel, frame).catch((error: unknown) => {
      this.log.debug({ err: error, channel }, 'bus.redis.publish_failed')
      onFailure?.()
    })
  }

  #holdUpdate(channel: string, update: Uint8Array): void {
    const held = this.#heldUpdates.get(channel)
    if (held) held.push(update)
    else this.#heldUpdates.set(channel, [update])
    // Bounded by the document itself: merged, the held updates are at most the document's own size.
    const list = this.#heldUpdates.get(channel)!
    if (list.length > 100) this.#heldUpdates.set(channel, [Y.mergeUpdates(list)])
    this.#retryHeldSoon()
  }

  #retryTimer: NodeJS.Timeout | undefined

  /** A publish can also fail with the connection up (a Redis error): try again in a second, not only on reconnect. */
  #retryHeldSoon(): void {
    if (this.#retryTimer || this.#closed) return
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined
      if (this.pub.status === 'ready') this.#publishHeld()
    }, 1000)
    this.#retryTimer.unref()
  }

  #holdEvent(frame: Buffer): void {
    this.#heldEvents.push(frame)
    if (this.#heldEvents.length > maxHeldEvents) this.#heldEvents.shift()
    this.#retryHeldSoon()
  }

  /** The publishing connection is back: sends what failed meanwhile, merged per document, then the events. */
  #publishHeld(): void {
    const updates = [...this.#heldUpdates]
    this.#heldUpdates.clear()
    for (const [channel, list] of updates) {
      const merged = list.length === 1 ? list[0]! : Y.mergeUpdates(list)
      this.#publish(channel, frameKinds.update, merged, () => this.#holdUpdate(channel, merged))
    }
    const events = this.#heldEvents
    this.#heldEvents = []
    for (const frame of events) this.#publishFrame(this.#eventsChannel, frame, () => this.#holdEvent(frame))
    if (updates.length > 0 || events.length > 0)
      this.log.info({ documents: updates.length, events: events.length }, 'bus.redis.republished')
  }

  /** Resolves once the publishing connection is ready (it may come back after the subscribed one). */
  #publisherReady(): Promise<void> {
    if (this.pub.status === 'ready') return Promise.resolve()
    return new Promise((resolve) => this.pub.once('ready', () => resolve()))
  }

  #receive(channel: string, message: Buffer): void {
    const frame = decodeFrame(message)
    if (!frame || frame.sender.equals(this.#id)) return
    try {
      if (frame.kind === frameKinds.event) {
        const { name, payload } = JSON.parse(Buffer.from(frame.payload).toString('utf8'))
        for (const listener of this.#eventListeners) listener(name, payload)
        return
      }
      const listener = this.#listeners.get(channel)
      if (!listener) return
      if (frame.kind === frameKinds.update) listener.update(frame.payload)
      else if (frame.kind === frameKinds.awareness) listener.awareness(frame.payload)
      else if (frame.kind === frameKinds.syncRequest) listener.syncRequested(frame.payload)
    } catch (error) {
      this.log.warn({ err: error, channel }, 'bus.redis.message_failed')
    }
  }

  async #resubscribeAll(): Promise<void> {
    const channels = [...this.#listeners.keys()]
    try {
      if (channels.length > 0) await this.sub.subscribe(...channels)
    } catch (error) {
      this.log.warn({ err: error }, 'bus.redis.resubscribe_failed')
      return
    }
    // Asking the others needs the publishing connection, which may still be on its way back.
    await this.#publisherReady()
    if (this.#closed) return
    for (const channel of channels) this.#listeners.get(channel)?.listening()
    for (const listener of this.#resumeListeners) listener()
  }
}
