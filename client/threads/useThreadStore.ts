import { useEffect, useMemo, useState } from 'preact/hooks'
import { addComment, createThread, listAllThreads, listPeople } from '../api/threads.ts'
import type { DocumentPerson } from '../api/types.ts'
import type { CollabSession } from '../editor/session.ts'
import { type PrefetchedThreads, takePrefetchedThreads } from './prefetch.ts'
import { createThreadStore, type ThreadStore, type ThreadStoreSnapshot } from './store.ts'

function browserStorage(): Storage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}

/**
 * The threads of the session's document: loaded on first use (or taken from the list the editor fetched
 * early, `prefetchThreads`), kept current by the socket's thread events, told when the connection (socket or
 * browser) comes and goes so queued comments go out on return.
 */
export function useThreadStore(
  documentId: string,
  userId: string,
  session: CollabSession,
): [ThreadStore, ThreadStoreSnapshot] {
  const [store, early] = useMemo(() => {
    /** The list the editor fetched early, for the first load only (reloads ask again). */
    const early: { taken: PrefetchedThreads | null } = { taken: null }
    const listAll = (id: string, signal: AbortSignal) => {
      const list = early.taken?.threads(signal)
      early.taken = null
      return list ?? listAllThreads(id, signal)
    }
    const created = createThreadStore(documentId, userId, {
      api: { listAll, create: createThread, reply: addComment },
      online: () => navigator.onLine,
      storage: browserStorage(),
    })
    return [created, early] as const
  }, [documentId, userId, session])
  const [snapshot, setSnapshot] = useState(store.snapshot)
  useEffect(() => {
    setSnapshot(store.snapshot())
    const unsubscribe = store.subscribe(() => setSnapshot(store.snapshot()))
    // Taken and subscribed in one go: no thread event falls between the early list's events and ours.
    const prefetched = takePrefetchedThreads(session)
    early.taken = prefetched
    const offEvents = session.onThreadEvent((event) => store.applyEvent(event))
    store.setConnected(session.snapshot().sync.synced)
    const offSession = session.subscribe((state) =>
      store.setConnected(state.sync.synced, prefetched?.current() ?? false),
    )
    const onOnline = () => store.flush()
    window.addEventListener('online', onOnline)
    void store.load()
    // Events that came with the early list, after it (the load replays them once the list is in).
    for (const event of prefetched?.events ?? []) store.applyEvent(event)
    return () => {
      unsubscribe()
      offEvents()
      offSession()
      window.removeEventListener('online', onOnline)
      store.destroy()
    }
  }, [store, early, session])
  return [store, snapshot]
}

/** The document's members with their roles (me included); empty until loaded or if it fails. */
export function usePeople(documentId: string): DocumentPerson[] {
  const [people, setPeople] = useState<DocumentPerson[]>([])
  useEffect(() => {
    const controller = new AbortController()
    listPeople(documentId, controller.signal).then(
      (page) => setPeople(page.items),
      () => {},
    )
    return () => controller.abort()
  }, [documentId])
  return people
}
