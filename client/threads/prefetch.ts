import { listAllThreads } from '../api/threads.ts'
import type { Thread } from '../api/types.ts'
import type { CollabSession, ThreadEvent } from '../editor/session.ts'

/** The thread list fetched early for a session, and the socket's thread events since. */
export interface PrefetchedThreads {
  /** Every thread; aborted with `signal`. */
  threads(signal: AbortSignal): Promise<Thread[]>
  /** The thread events that arrived since the list was asked for, oldest first (apply them after it). */
  events: readonly ThreadEvent[]
  /**
   * The list was asked for once the session's first connection was in the document's room, and that
   * connection never broke: every later change reaches the store as an event, so its first "connected"
   * needs no catch-up reload.
   */
  current(): boolean
}

interface Prefetch {
  controller: AbortController
  list: Promise<Thread[]> | null
  events: ThreadEvent[]
  stop(): void
}

/** The part of a session the prefetch uses. */
type Session = Pick<CollabSession, 'onEvent' | 'onThreadEvent' | 'snapshot'>

const bySession = new WeakMap<Session, Prefetch>()

/**
 * Starts fetching the document's threads for `session` as soon as its socket is in the document's room
 * (the server's welcome), in parallel with the text's sync and the threads panel's code, keeping the
 * socket's thread events from then on. The panel's store takes it with `takePrefetchedThreads`; returns the
 * function that drops it (the session ended). `list` fetches every thread (the API's, or a test's).
 */
export function prefetchThreads(
  session: Session,
  documentId: string,
  list: (documentId: string, signal: AbortSignal) => Promise<Thread[]> = listAllThreads,
): () => void {
  const controller = new AbortController()
  const prefetch: Prefetch = {
    controller,
    list: null,
    events: [],
    stop: () => {},
  }
  const offThreads = session.onThreadEvent((event) => {
    if (prefetch.list) prefetch.events.push(event)
  })
  const offEvents = session.onEvent((event) => {
    if (event.type !== 'welcome' || prefetch.list) return
    // Only the first connection, unbroken: after a lost one the store's usual catch-up applies.
    if (session.snapshot().sync.lostBefore) return
    prefetch.list = list(documentId, controller.signal)
    prefetch.list.catch(() => {})
  })
  prefetch.stop = () => {
    offThreads()
    offEvents()
  }
  bySession.set(session, prefetch)
  return () => {
    if (bySession.get(session) !== prefetch) return
    bySession.delete(session)
    prefetch.stop()
    controller.abort()
  }
}

/**
 * The session's prefetched threads, once (null when none was started: the socket was not in the room yet,
 * or the first connection failed). From then on the caller listens to the session's thread events itself.
 */
export function takePrefetchedThreads(session: Session): PrefetchedThreads | null {
  const prefetch = bySession.get(session)
  if (!prefetch) return null
  bySession.delete(session)
  prefetch.stop()
  const { list, controller, events } = prefetch
  if (!list) {
    controller.abort()
    return null
  }
  return {
    threads(signal) {
      signal.addEventListener('abort', () => controller.abort(), { once: true })
      return list
    },
    events,
    current: () => !session.snapshot().sync.lostBefore,
  }
}
