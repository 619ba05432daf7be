import { describe, expect, it } from 'vitest'
import type { CollabEvent } from '../../shared/collab/messages.ts'
import type { Thread } from '../api/types.ts'
import type { SessionSnapshot, ThreadEvent } from '../editor/session.ts'
import { initialSyncState } from '../editor/status.ts'
import { prefetchThreads, takePrefetchedThreads } from './prefetch.ts'

/** A session whose socket events and connection state the test drives. */
function fakeSession() {
  const events = new Set<(event: CollabEvent) => void>()
  const threadEvents = new Set<(event: ThreadEvent) => void>()
  let state: SessionSnapshot = {
    sync: initialSyncState,
    readOnly: false,
    role: 'author',
    rejected: false,
    problem: null,
    ready: false,
    accessChanges: 0,
  }
  return {
    onEvent(listener: (event: CollabEvent) => void) {
      events.add(listener)
      return () => events.delete(listener)
    },
    onThreadEvent(listener: (event: ThreadEvent) => void) {
      threadEvents.add(listener)
      return () => threadEvents.delete(listener)
    },
    snapshot: () => state,
    welcome() {
      for (const listener of events)
        listener({ type: 'welcome', role: 'author', readOnly: false, userId: 'me' })
    },
    thread(id: string) {
      const event = { type: 'thread.updated', thread: { id } } as unknown as ThreadEvent
      for (const listener of threadEvents) listener(event)
    },
    lose() {
      state = { ...state, sync: { ...state.sync, lostBefore: true } }
    },
    listeners: () => events.size + threadEvents.size,
  }
}

const threads = [{ id: 'a' }] as unknown as Thread[]

describe('prefetched threads', () => {
  it('asks for the list at the welcome and keeps the thread events that follow it', async () => {
    const session = fakeSession()
    const asked: string[] = []
    prefetchThreads(session, 'doc', async (id) => {
      asked.push(id)
      return threads
    })
    session.thread('before')
    expect(asked).toEqual([])
    session.welcome()
    session.welcome()
    session.thread('after')
    expect(asked).toEqual(['doc'])
    const taken = takePrefetchedThreads(session)
    expect(await taken?.threads(new AbortController().signal)).toBe(threads)
    expect(taken?.events.map((event) => event.thread.id)).toEqual(['after'])
    expect(taken?.current()).toBe(true)
    session.lose()
    expect(taken?.current()).toBe(false)
    // Taken once; the store listens itself from then on.
    expect(session.listeners()).toBe(0)
    expect(takePrefetchedThreads(session)).toBeNull()
  })

  it('gives nothing when the socket was not in the room yet, or its first connection failed', () => {
    const early = fakeSession()
    prefetchThreads(early, 'doc', async () => threads)
    expect(takePrefetchedThreads(early)).toBeNull()
    const failed = fakeSession()
    prefetchThreads(failed, 'doc', async () => threads)
    failed.lose()
    failed.welcome()
    expect(takePrefetchedThreads(failed)).toBeNull()
  })

  it('aborts the request when the session ends before the panel takes it, or when the store aborts', () => {
    const session = fakeSession()
    let signal: AbortSignal | undefined
    const drop = prefetchThreads(session, 'doc', async (_id, s) => {
      signal = s
      return threads
    })
    session.welcome()
    drop()
    expect(signal?.aborted).toBe(true)
    expect(takePrefetchedThreads(session)).toBeNull()

    const again = fakeSession()
    prefetchThreads(again, 'doc', async (_id, s) => {
      signal = s
      return threads
    })
    again.welcome()
    const store = new AbortController()
    void takePrefetchedThreads(again)?.threads(store.signal)
    expect(signal?.aborted).toBe(false)
    store.abort()
    expect(signal?.aborted).toBe(true)
  })
})
