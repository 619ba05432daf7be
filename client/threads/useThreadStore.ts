import { useEffect, useMemo, useState } from 'preact/hooks'
import { addComment, createThread, listAllThreads, listPeople } from '../api/threads.ts'
import type { DocumentPerson } from '../api/types.ts'
import type { CollabSession } from '../editor/session.ts'
import { createThreadStore, type ThreadStore, type ThreadStoreSnapshot } from './store.ts'

function browserStorage(): Storage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}

/**
 * The threads of the session's document: loaded on first use, kept current by the socket's thread events,
 * told when the connection (socket or browser) comes and goes so queued comments go out on return.
 */
export function useThreadStore(
  documentId: string,
  userId: string,
  session: CollabSession,
): [ThreadStore, ThreadStoreSnapshot] {
  const store = useMemo(
    () =>
      createThreadStore(documentId, userId, {
        api: { listAll: listAllThreads, create: createThread, reply: addComment },
        online: () => navigator.onLine,
        storage: browserStorage(),
      }),
    [documentId, userId, session],
  )
  const [snapshot, setSnapshot] = useState(store.snapshot)
  useEffect(() => {
    setSnapshot(store.snapshot())
    const unsubscribe = store.subscribe(() => setSnapshot(store.snapshot()))
    const offEvents = session.onThreadEvent((event) => store.applyEvent(event))
    store.setConnected(session.snapshot().sync.synced)
    const offSession = session.subscribe((state) => store.setConnected(state.sync.synced))
    const onOnline = () => store.flush()
    window.addEventListener('online', onOnline)
    void store.load()
    return () => {
      unsubscribe()
      offEvents()
      offSession()
      window.removeEventListener('online', onOnline)
      store.destroy()
    }
  }, [store, session])
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
