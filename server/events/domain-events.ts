import { EventEmitter } from 'node:events'
import type { ThreadDto, ThreadEventName } from '../../shared/api/threads.ts'

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

/** An in-process event bus for domain events, published after commit. Redis carries them across processes later. */
export class DomainEvents {
  readonly #emitter = new EventEmitter()

  /** Publishes an event to every local listener; a failing listener is isolated from the others. */
  emit<K extends keyof DomainEventMap>(name: K, payload: DomainEventMap[K]): void {
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
