import { EventEmitter } from 'node:events'
import { type ThreadDto, type ThreadEventName, threadEventNames } from '../../shared/api/threads.ts'

/** What happened, for the parts of the server that react to it (the collaboration server closes sockets). */
export interface DomainEventMap {
  /** A member's role changed (`removed` false) or they left the document (`removed` true). */
  'member.changed': { documentId: string; userId: string; removed: boolean }
  /** An account was disabled or its password reset: every session and socket of it ends. */
  'user.sessions_ended': { userId: string }
  /** A document's phase changed: sockets reconnect with the phase's rights (read-only in final). */
  'document.phase_changed': { documentId: string }
  /** A document was deleted. */
  'document.deleted': { documentId: string }
  /** A thread or one of its comments changed; `thread` is how it is now. */
  'thread.changed': { documentId: string; name: ThreadEventName; thread: ThreadDto }
}

/** Where events go to, and come from, the other processes (the collaboration bus). */
export interface EventRelay {
  publishEvent(name: string, payload: unknown): void
  onEvent(listener: (name: string, payload: unknown) => void): () => void
}

/**
 * Domain events, published after commit: delivered to this process's listeners and, through the relay (Redis
 * when several processes serve the instance), to every other process's. Events from other processes reach
 * the local listeners only.
 */
export class DomainEvents {
  readonly #emitter = new EventEmitter()
  readonly #relay: EventRelay | undefined

  constructor(relay?: EventRelay) {
    this.#relay = relay
    relay?.onEvent((name, payload) => {
      if (acceptable(name, payload)) this.#deliver(name, payload as never)
    })
  }

  /** Publishes an event to every listener here and on the other processes. */
  emit<K extends keyof DomainEventMap>(name: K, payload: DomainEventMap[K]): void {
    this.#deliver(name, payload)
    this.#relay?.publishEvent(name, payload)
  }

  /** Calls the local listeners; a failing listener is isolated from the others. */
  #deliver<K extends keyof DomainEventMap>(name: K, payload: DomainEventMap[K]): void {
    for (const listener of this.#emitter.listeners(name)) {
      try {
        ;(listener as (p: DomainEventMap[K]) => void)(payload)
      } catch {
        // A listener's failure must not undo or block the others; listeners log their own errors.
      }
    }
  }

  /** Subscribes to one kind of event; answers the unsubscribe function. */
  on<K extends keyof DomainEventMap>(name: K, listener: (payload: DomainEventMap[K]) => void): () => void {
    this.#emitter.on(name, listener)
    return () => this.#emitter.off(name, listener)
  }
}

/** The names an event from another process may carry (anything else is ignored). */
const knownEvents: Record<keyof DomainEventMap, true> = {
  'member.changed': true,
  'user.sessions_ended': true,
  'document.phase_changed': true,
  'document.deleted': true,
  'thread.changed': true,
}

/**
 * Whether an event from another process is one we know, in the shape our listeners rely on (a thread event's
 * name becomes the type of a message to browsers: only the names of `threadEventNames` pass).
 */
function acceptable(name: string, payload: unknown): name is keyof DomainEventMap {
  if (!Object.hasOwn(knownEvents, name) || typeof payload !== 'object' || payload === null) return false
  if (name !== 'thread.changed') return true
  const eventName = (payload as { name?: unknown }).name
  return (threadEventNames as readonly unknown[]).includes(eventName)
}
