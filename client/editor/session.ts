import * as decoding from 'lib0/decoding'
import type * as encoding from 'lib0/encoding'
import { clearDocument, IndexeddbPersistence } from 'y-indexeddb'
import type { Awareness } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { type CollabEvent, messageEvent, messageSync, readEvent } from '../../shared/collab/messages.ts'
import { backoffDelay } from './backoff.ts'
import { decideOnClose, type SessionProblem } from './close-codes.ts'
import { colorForUser } from './colors.ts'
import type { PresenceUser } from './presence-model.ts'
import {
  type Clocks,
  clocksFromJson,
  clocksToJson,
  mergeClocks,
  readSavedClocks,
  unconfirmedClients,
} from './saved.ts'
import { initialSyncState, nextSyncState, type SyncEvent, type SyncState } from './status.ts'

/** A thread or one of its comments changed: the socket's event, carrying the thread as it is now. */
export type ThreadEvent = Extract<CollabEvent, { thread: unknown }>

/** The person editing, as the session needs them. */
export interface SessionUser {
  id: string
  name: string
  country: string | null
}

/** What the page knows before the server's welcome: the member's role and whether they may edit now. */
export interface SessionOptions {
  role: string
  readOnly: boolean
  /**
   * Asks the REST API whether the document is still ours, when the socket keeps failing before it opens (an
   * upgrade refused with 401 or 404 reaches the browser only as close code 1006).
   */
  checkAccess?: () => Promise<'ok' | 'gone' | 'signedOut'>
}

/** The session as the page renders it. */
export interface SessionSnapshot {
  sync: SyncState
  /** May not change the text: the page's guess until the welcome, then the server's word. */
  readOnly: boolean
  role: string
  /** The server dropped a change we believed allowed: the editor turned read-only. */
  rejected: boolean
  /** Why the session stopped or is held back; null when all is well. */
  problem: SessionProblem | null
  /** The text is known (synced once, or restored from this device): editing may start. */
  ready: boolean
  /**
   * Our rights may have changed (a 4001 close, or a welcome on a later connection): the page's role and
   * phase may be stale. Counts up each time.
   */
  accessChanges: number
}

/** A live draft: the shared Y.Doc, kept on this device and synced with the server. */
export interface CollabSession {
  readonly doc: Y.Doc
  readonly fragment: Y.XmlFragment
  readonly awareness: Awareness
  readonly user: SessionUser
  /** The latest snapshot. */
  snapshot(): SessionSnapshot
  /** Calls `listener` with each new snapshot; returns the unsubscribe function. */
  subscribe(listener: (snapshot: SessionSnapshot) => void): () => void
  /** Calls `listener` for each event the server sends (welcome, saved, read_only, thread). */
  onEvent(listener: (event: CollabEvent) => void): () => void
  /** Calls `listener` for each thread event (the comment threads' store); returns the unsubscribe function. */
  onThreadEvent(listener: (event: ThreadEvent) => void): () => void
  /** Tries to connect again now, clearing a stop. */
  reconnect(): void
  /** Ends the session and forgets what this device kept of the document (unsent changes included). */
  discardLocalChanges(): Promise<void>
  /** Ends the session; what this device kept stays for next time. */
  destroy(): void
}

/** The name of the document's store on this device: one per document and person. */
export function storeName(documentId: string, userId: string): string {
  return `marginalia:${documentId}:${userId}`
}

/** How long the "saved" note stays before the status reads "live" again. */
const savedNoteMs = 3000

/**
 * How long everything must stay confirmed before the status says "saved": while someone types, each
 * keystroke is confirmed within milliseconds, and announcing "Saving… All changes saved" for every one would
 * flood the live region. "Saving…" holds meanwhile, which is never an overstatement.
 */
const savedQuietMs = 800

/** After this many failed attempts in a row that never opened, the REST API is asked why. */
const probeEvery = 3

/** A discarded store is given this long to be deleted (another tab holding it open blocks the deletion). */
const clearTimeoutMs = 3000

const confirmedKey = 'confirmed-clocks'

/**
 * Opens the live draft `documentId` for `user`: a Y.Doc kept in IndexedDB (so edits survive a closed tab or a
 * lost connection and are sent on return), synced over `/collab` with the y-websocket protocol, reconnecting
 * with jittered exponential backoff, and a status that only says "saved" once the server confirmed it.
 */
export function createCollabSession(
  documentId: string,
  user: SessionUser,
  options: SessionOptions,
): CollabSession {
  const doc = new Y.Doc()
  const fragment = doc.getXmlFragment('prosemirror')
  const name = storeName(documentId, user.id)
  const persistence = typeof indexedDB === 'undefined' ? null : new IndexeddbPersistence(name, doc)
  const serverUrl = `${location.origin.replace(/^http/, 'ws')}/collab`
  const provider = new WebsocketProvider(serverUrl, documentId, doc, { disableBc: false, connect: false })
  const awareness = provider.awareness
  const color = colorForUser(user.id)

  let state: SessionSnapshot = {
    sync: initialSyncState,
    readOnly: options.readOnly,
    role: options.role,
    rejected: false,
    problem: null,
    ready: false,
    accessChanges: 0,
  }
  const listeners = new Set<(snapshot: SessionSnapshot) => void>()
  const eventListeners = new Set<(event: CollabEvent) => void>()
  const threadListeners = new Set<(event: ThreadEvent) => void>()
  const confirmed: Clocks = new Map()
  let destroyed = false
  let welcomed = false
  let stopped = false
  let attempt = 0
  let failuresBeforeOpen = 0
  let opened = false
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined
  let settleTimer: ReturnType<typeof setTimeout> | undefined
  let persistTimer: ReturnType<typeof setTimeout> | undefined
  let quietTimer: ReturnType<typeof setTimeout> | undefined
  let recountQueued = false

  const update = (changes: Partial<SessionSnapshot>) => {
    if (destroyed) return
    const next = { ...state, ...changes }
    if (Object.entries(changes).every(([key, value]) => state[key as keyof SessionSnapshot] === value)) return
    state = next
    for (const listener of listeners) listener(state)
  }
  const dispatch = (event: SyncEvent) => {
    const sync = nextSyncState(state.sync, event)
    if (sync === state.sync) return
    clearTimeout(settleTimer)
    if (sync.status === 'saved') settleTimer = setTimeout(() => dispatch({ type: 'settled' }), savedNoteMs)
    const ready = state.ready || sync.synced
    update({ sync, ready })
  }

  const setPresence = () =>
    awareness.setLocalStateField('user', {
      id: user.id,
      name: user.name,
      color,
      country: user.country,
      role: state.role,
    } satisfies PresenceUser)
  setPresence()

  // Unconfirmed changes: any client whose local clock is past what the server holds or confirmed.
  const recount = () => {
    recountQueued = false
    if (destroyed) return
    const local = new Map(
      [...doc.store.clients.keys()].map((client) => [client, Y.getState(doc.store, client)]),
    )
    const unsaved = unconfirmedClients(local, confirmed).length > 0
    clearTimeout(quietTimer)
    if (unsaved || !state.sync.unsaved) dispatch({ type: 'unsaved', unsaved })
    else quietTimer = setTimeout(() => dispatch({ type: 'unsaved', unsaved: false }), savedQuietMs)
  }
  const scheduleRecount = () => {
    if (recountQueued) return
    recountQueued = true
    queueMicrotask(recount)
  }
  const confirm = (clocks: Iterable<readonly [number, number]>) => {
    if (!mergeClocks(confirmed, clocks)) return
    scheduleRecount()
    if (!persistence) return
    clearTimeout(persistTimer)
    persistTimer = setTimeout(() => {
      if (!destroyed)
        void persistence.set(confirmedKey, JSON.stringify(clocksToJson(confirmed))).catch(() => {})
    }, 500)
  }

  doc.on('update', (change: Uint8Array, origin: unknown) => {
    // What the server (or another tab, through the broadcast channel) sent us is not ours to save.
    if (origin === provider) confirm(Y.parseUpdateMeta(change).to)
    scheduleRecount()
  })

  if (persistence) {
    persistence.on('synced', () => {
      void persistence
        .get(confirmedKey)
        .then((stored) => {
          if (typeof stored === 'string') confirm(clocksFromJson(JSON.parse(stored)))
        })
        .catch(() => {})
        .finally(() => {
          scheduleRecount()
          if (fragment.length > 0) update({ ready: true })
        })
    })
  }

  // What the server held when we connected (its sync step 1) is durable or on its way: count it confirmed.
  const syncHandler = provider.messageHandlers[messageSync]!
  provider.messageHandlers[messageSync] = (encoder, decoder, from, fromSocket, type) => {
    if (fromSocket) {
      const peek = decoding.clone(decoder)
      if (decoding.readVarUint(peek) === 0) confirm(Y.decodeStateVector(decoding.readVarUint8Array(peek)))
    }
    syncHandler(encoder, decoder, from, fromSocket, type)
  }
  provider.messageHandlers[messageEvent] = (_encoder: encoding.Encoder, decoder: decoding.Decoder) => {
    let event: CollabEvent
    try {
      event = readEvent(decoder)
    } catch {
      return
    }
    handleEvent(event)
    for (const listener of eventListeners) listener(event)
  }

  function handleEvent(event: CollabEvent): void {
    switch (event.type) {
      case 'welcome':
        // A later welcome may carry rights the page does not know: a phase change can land while we are
        // reconnecting, after the server closed the sockets it had, so no 4001 tells us about it.
        update({
          readOnly: event.readOnly,
          role: event.role,
          rejected: false,
          accessChanges: welcomed ? state.accessChanges + 1 : state.accessChanges,
        })
        welcomed = true
        setPresence()
        break
      case 'saved':
        confirm(readSavedClocks(event.clocks))
        break
      case 'read_only':
        // The server disagrees with what we believed: treat it as a change of role.
        if (!state.readOnly) update({ readOnly: true, rejected: true })
        break
      default:
        // Thread events go to the threads' store, which replaces the thread they carry.
        if ('thread' in event && event.thread) for (const listener of threadListeners) listener(event)
    }
  }

  provider.on('status', ({ status }) => {
    if (status === 'connecting') dispatch({ type: 'connecting' })
    if (status === 'connected') {
      opened = true
      failuresBeforeOpen = 0
    }
  })
  provider.on('sync', (synced: boolean) => {
    if (!synced) return
    attempt = 0
    if (state.problem === 'documentFull') update({ problem: null })
    dispatch({ type: 'synced' })
  })
  provider.on('connection-close', (event: CloseEvent | null) => {
    // We decide when to reconnect: the provider's own timer (no jitter) finds nothing to do.
    provider.shouldConnect = false
    if (destroyed) return
    dispatch({ type: 'disconnected' })
    const wasOpen = opened
    opened = false
    const decision = decideOnClose(event?.code ?? null)
    if (decision.action === 'stop') return stop(decision.problem)
    if (decision.accessChanged) update({ accessChanges: state.accessChanges + 1 })
    update({ problem: decision.problem })
    if (decision.resetBackoff) attempt = 0
    if (!wasOpen && ++failuresBeforeOpen % probeEvery === 0) probe()
    schedule()
  })

  function schedule(): void {
    clearTimeout(reconnectTimer)
    if (stopped || destroyed) return
    const delay = backoffDelay(attempt)
    attempt++
    reconnectTimer = setTimeout(() => {
      if (!stopped && !destroyed) provider.connect()
    }, delay)
  }

  function stop(problem: SessionProblem): void {
    stopped = true
    clearTimeout(reconnectTimer)
    provider.shouldConnect = false
    update({ problem })
  }

  function probe(): void {
    options.checkAccess?.().then(
      (answer) => {
        if (destroyed || stopped || answer === 'ok') return
        stop(answer)
      },
      () => {},
    )
  }

  // Coming back online: try at once rather than at the end of the current wait.
  const onOnline = () => {
    if (stopped || destroyed || provider.ws !== null) return
    attempt = 0
    clearTimeout(reconnectTimer)
    provider.connect()
  }
  window.addEventListener('online', onOnline)

  provider.connect()

  const destroy = () => {
    if (destroyed) return
    destroyed = true
    clearTimeout(reconnectTimer)
    clearTimeout(settleTimer)
    clearTimeout(persistTimer)
    clearTimeout(quietTimer)
    window.removeEventListener('online', onOnline)
    listeners.clear()
    eventListeners.clear()
    threadListeners.clear()
    provider.destroy()
    void persistence?.destroy()
    doc.destroy()
  }

  return {
    doc,
    fragment,
    awareness,
    user,
    snapshot: () => state,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    onEvent(listener) {
      eventListeners.add(listener)
      return () => eventListeners.delete(listener)
    },
    onThreadEvent(listener) {
      threadListeners.add(listener)
      return () => threadListeners.delete(listener)
    },
    reconnect() {
      if (destroyed) return
      stopped = false
      attempt = 0
      clearTimeout(reconnectTimer)
      update({ problem: null })
      provider.connect()
    },
    async discardLocalChanges() {
      destroy()
      if (typeof indexedDB === 'undefined') return
      await Promise.race([
        clearDocument(name).catch(() => {}),
        new Promise((resolve) => setTimeout(resolve, clearTimeoutMs)),
      ])
    },
    destroy,
  }
}
