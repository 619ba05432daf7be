import type { NewThread } from '../api/threads.ts'
import type { Thread, ThreadComment } from '../api/types.ts'
import type { ThreadEvent } from '../editor/session.ts'

/** How a comment written here is getting to the server. */
export type SendState = 'sending' | 'failed' | 'queued'

/** A new thread not yet accepted by the server. */
export interface PendingThread {
  localId: string
  kind: 'thread'
  input: NewThread
  /** The selected text, shown on the card meanwhile. */
  quote: string
  state: SendState
  error: unknown
  createdAt: string
}

/** A reply not yet accepted by the server. */
export interface PendingReply {
  localId: string
  kind: 'reply'
  threadId: string
  body: string
  state: SendState
  error: unknown
  createdAt: string
}

/** Something written here and not yet on the server. */
export type Pending = PendingThread | PendingReply

/** What the store holds. */
export interface ThreadStoreSnapshot {
  status: 'loading' | 'ready' | 'error'
  error: unknown
  /** Every thread, oldest first. */
  threads: readonly Thread[]
  byId: ReadonlyMap<string, Thread>
  pending: readonly Pending[]
}

/** The calls the store makes (the API client in the app, fakes in tests). */
export interface ThreadsApi {
  listAll(documentId: string, signal: AbortSignal): Promise<Thread[]>
  create(documentId: string, input: NewThread): Promise<Thread>
  reply(threadId: string, body: string): Promise<ThreadComment>
}

/** Where the store runs. */
export interface ThreadStoreEnvironment {
  api: ThreadsApi
  /** Whether the browser believes it is online (navigator.onLine). */
  online(): boolean
  /** Where queued comments survive a closed tab (localStorage); null to keep them in memory only. */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null
  now?(): Date
}

/** The comment threads of one document, kept current. */
export interface ThreadStore {
  snapshot(): ThreadStoreSnapshot
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void
  /** Loads every thread (again), keeping events that arrive meanwhile. */
  load(): Promise<void>
  /** Applies a collaboration socket event: the thread it carries replaces ours. */
  applyEvent(event: ThreadEvent): void
  /** Puts a thread an API call answered with. */
  put(thread: Thread): void
  /** Opens a thread at once (pending); returns its local id. */
  openThread(input: NewThread, quote: string): string
  /** Replies at once (pending); returns its local id. */
  reply(threadId: string, body: string): string
  /** Sends a failed or queued comment again. */
  retry(localId: string): void
  /** Forgets a comment that was not sent. */
  discard(localId: string): void
  /**
   * Whether the live connection is up; coming back sends what was queued and catches up on missed events
   * (a reload), unless `caughtUp`: the list was asked for on this very connection, so nothing was missed.
   */
  setConnected(connected: boolean, caughtUp?: boolean): void
  /** Sends what was queued, if we are online and connected. */
  flush(): void
  destroy(): void
}

/** The error of a comment that could not be sent because we were offline. */
function isNetworkError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'network_error'
}

const newer = (a: Thread, b: Thread) => Date.parse(a.updatedAt) > Date.parse(b.updatedAt)

/**
 * The threads of a document: loaded whole (every page), replaced one by one by the socket's events, with
 * optimistic posting: a new thread or reply shows at once as pending; a failure keeps it with its error
 * (retry or discard); one written while offline (the browser's or the socket's) waits in a queue, kept in
 * `storage`, and goes out when the connection returns.
 */
export function createThreadStore(
  documentId: string,
  userId: string,
  env: ThreadStoreEnvironment,
): ThreadStore {
  const now = () => (env.now ? env.now() : new Date())
  const storageKey = `marginalia:outbox:${documentId}:${userId}`
  let byId = new Map<string, Thread>()
  const deleted = new Set<string>()
  let pending: Pending[] = restoreOutbox()
  let status: ThreadStoreSnapshot['status'] = 'loading'
  let error: unknown = null
  let connected = false
  let loadedOnce = false
  let loading: AbortController | null = null
  let during: ThreadEvent[] | null = null
  let destroyed = false
  let counter = 0
  let current: ThreadStoreSnapshot | null = null
  const listeners = new Set<() => void>()

  const changed = () => {
    current = null
    for (const listener of listeners) listener()
  }

  function snapshot(): ThreadStoreSnapshot {
    current ??= {
      status,
      error,
      threads: [...byId.values()].sort(
        (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : 1),
      ),
      byId,
      pending,
    }
    return current
  }

  function putOne(thread: Thread): boolean {
    if (deleted.has(thread.id)) return false
    const existing = byId.get(thread.id)
    if (existing && newer(existing, thread)) return false
    byId = new Map(byId).set(thread.id, thread)
    return true
  }

  function apply(event: ThreadEvent): boolean {
    if (event.type === 'thread.deleted') {
      deleted.add(event.thread.id)
      if (!byId.has(event.thread.id)) return false
      byId = new Map(byId)
      byId.delete(event.thread.id)
      pending = pending.filter((p) => !(p.kind === 'reply' && p.threadId === event.thread.id))
      return true
    }
    return putOne(event.thread)
  }

  async function load(): Promise<void> {
    loading?.abort()
    const controller = new AbortController()
    loading = controller
    during = []
    if (!loadedOnce) {
      status = 'loading'
      changed()
    }
    try {
      const threads = await env.api.listAll(documentId, controller.signal)
      if (controller.signal.aborted || destroyed) return
      // The list is the truth as of now; events that arrived while it loaded are newer or equal.
      byId = new Map(threads.filter((thread) => !deleted.has(thread.id)).map((thread) => [thread.id, thread]))
      for (const event of during ?? []) apply(event)
      status = 'ready'
      error = null
      loadedOnce = true
    } catch (failure) {
      if (controller.signal.aborted || destroyed) return
      // A failed reload keeps what we have; only a first load shows the error.
      if (!loadedOnce) {
        status = 'error'
        error = failure
      }
    } finally {
      if (loading === controller) {
        loading = null
        during = null
      }
    }
    changed()
  }

  function saveOutbox(): void {
    if (!env.storage) return
    // What is on its way is not kept: sent again after a reload it could arrive twice.
    const kept = pending.filter((p) => p.state !== 'sending')
    try {
      if (kept.length === 0) env.storage.removeItem(storageKey)
      else
        env.storage.setItem(
          storageKey,
          JSON.stringify(
            kept.map((p) => ({ ...p, error: null, state: p.state === 'failed' ? 'failed' : 'queued' })),
          ),
        )
    } catch {
      // Storage full or refused: the queue stays in memory.
    }
  }

  function restoreOutbox(): Pending[] {
    try {
      const raw = env.storage?.getItem(storageKey)
      if (!raw) return []
      const parsed = JSON.parse(raw) as Pending[]
      return Array.isArray(parsed)
        ? parsed.filter(
            (p) => p && typeof p.localId === 'string' && (p.kind === 'thread' || p.kind === 'reply'),
          )
        : []
    } catch {
      return []
    }
  }

  function setPending(next: Pending[]): void {
    pending = next
    saveOutbox()
    changed()
  }

  function update(localId: string, changes: Partial<Pending>): void {
    setPending(pending.map((p) => (p.localId === localId ? ({ ...p, ...changes } as Pending) : p)))
  }

  const canSend = () => connected && env.online()

  async function send(localId: string): Promise<void> {
    const item = pending.find((p) => p.localId === localId)
    if (!item || destroyed) return
    if (!canSend()) return update(localId, { state: 'queued', error: null })
    update(localId, { state: 'sending', error: null })
    try {
      if (item.kind === 'thread') {
        const thread = await env.api.create(documentId, item.input)
        putOne(thread)
      } else {
        const comment = await env.api.reply(item.threadId, item.body)
        const thread = byId.get(item.threadId)
        if (thread && !thread.comments.some((c) => c.id === comment.id)) {
          byId = new Map(byId).set(thread.id, { ...thread, comments: [...thread.comments, comment] })
        }
      }
      if (destroyed) return
      setPending(pending.filter((p) => p.localId !== localId))
    } catch (failure) {
      if (destroyed) return
      const offline = isNetworkError(failure) && (!env.online() || !connected)
      update(localId, offline ? { state: 'queued', error: null } : { state: 'failed', error: failure })
    }
  }

  function add(item: Pending): string {
    setPending([...pending, item])
    void send(item.localId)
    return item.localId
  }

  function flush(): void {
    if (!canSend()) return
    for (const item of pending) if (item.state === 'queued') void send(item.localId)
  }

  const localId = () => `local-${Date.now().toString(36)}-${(counter++).toString(36)}`

  return {
    snapshot,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    load,
    applyEvent(event) {
      if (destroyed) return
      during?.push(event)
      if (apply(event)) changed()
    },
    put(thread) {
      if (!destroyed && putOne(thread)) changed()
    },
    openThread(input, quote) {
      return add({
        localId: localId(),
        kind: 'thread',
        input,
        quote,
        state: 'sending',
        error: null,
        createdAt: now().toISOString(),
      })
    },
    reply(threadId, body) {
      return add({
        localId: localId(),
        kind: 'reply',
        threadId,
        body,
        state: 'sending',
        error: null,
        createdAt: now().toISOString(),
      })
    },
    retry(id) {
      void send(id)
    },
    discard(id) {
      setPending(pending.filter((p) => p.localId !== id))
    },
    setConnected(next, caughtUp = false) {
      if (next === connected) return
      connected = next
      if (!next) return
      // Back: catch up on what happened while we were away, then send what waited.
      if (loadedOnce && !caughtUp) void load()
      flush()
    },
    flush,
    destroy() {
      destroyed = true
      loading?.abort()
      listeners.clear()
    },
  }
}
