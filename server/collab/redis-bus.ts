import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import type { Log } from '../log.ts'
import type { CollabBus, DocumentListener } from './bus.ts'
import { decodeFrame, encodeFrame, type FrameKind, frameKinds } from './bus-frames.ts'

/** How long the server waits for Redis at start before giving up with a message naming REDIS_URL. */
const connectTimeoutMs = 10_000

/**
 * The bus of several processes: Redis pub/sub, one channel per live document (updates, presence, sync
 * requests) and one for domain events. Pub/sub is at most once: when the connection comes back after an
 * outage, every live document asks the others for what it missed (`DocumentListener.listening`). Each
 * process persists only what its own clients wrote, so nothing is stored twice.
 */
export class RedisBus implements CollabBus {
  readonly #id = randomBytes(16)
  readonly #listeners = new Map<string, DocumentListener>()
  readonly #eventListeners = new Set<(name: string, payload: unknown) => void>()
  #closed = false

  private constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly prefix: string,
    private readonly log: Log,
  ) {
    sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.#receive(channel.toString(), message))
    let first = true
    sub.on('ready', () => {
      if (first) {
        first = false
        return
      }
      log.info('bus.redis.reconnected')
      void this.#resubscribeAll()
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
    const options = { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 }
    const pub = new Redis(url, options)
    // The subscriber queues its SUBSCRIBE commands while disconnected and sends them when it is back.
    const sub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: null })
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
    this.#publish(this.#documentChannel(documentId), frameKinds.update, update)
  }

  publishAwareness(documentId: string, update: Uint8Array): void {
    this.#publish(this.#documentChannel(documentId), frameKinds.awareness, update)
  }

  requestSync(documentId: string, stateVector: Uint8Array): void {
    this.#publish(this.#documentChannel(documentId), frameKinds.syncRequest, stateVector)
  }

  publishEvent(name: string, payload: unknown): void {
    const json = Buffer.from(JSON.stringify({ name, payload }))
    this.#publish(this.#eventsChannel, frameKinds.event, json)
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
    await Promise.allSettled([this.pub.quit(), this.sub.quit()])
  }

  #publish(channel: string, kind: FrameKind, payload: Uint8Array): void {
    if (this.#closed) return
    // Not queued while Redis is away: the documents catch up when it is back (`listening`).
    this.pub.publish(channel, encodeFrame(kind, this.#id, payload)).catch((error: unknown) => {
      this.log.debug({ err: error, channel }, 'bus.redis.publish_failed')
    })
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
    for (const channel of channels) this.#listeners.get(channel)?.listening()
  }
}
