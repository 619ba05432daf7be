import './threads.css'
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks'
import { type EditorState, TextSelection } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import { ySyncPluginKey } from 'y-prosemirror'
import type * as Y from 'yjs'
import type { ProseMirrorMapping } from '../../shared/anchors/relative.ts'
import { anchorRange } from '../../shared/anchors/resolve.ts'
import type { NewAnchor } from '../api/threads.ts'
import type { DocumentDetail, Thread, User } from '../api/types.ts'
import { useNow } from '../app/useNow.ts'
import type { CollabSession } from '../editor/session.ts'
import { formatDate, t } from '../i18n/i18n.ts'
import { usePlace } from '../router.ts'
import { threadRights } from './access.ts'
import { BulkResolve } from './BulkResolve.tsx'
import { CommentButton } from './CommentButton.tsx'
import { type ComposedThread, Composer } from './Composer.tsx'
import { defaultFilters, filterThreads, matches, type ThreadFilters } from './filters.ts'
import {
  type HighlightItem,
  highlightsKey,
  setActiveHighlight,
  setHighlightHandlers,
  setHighlights,
} from './highlights.ts'
import { PendingThreadCard } from './PendingThreadCard.tsx'
import { assigneesOf } from './Resolution.tsx'
import type { ThreadRange } from './ranges.ts'
import { Sidebar, type Slot } from './Sidebar.tsx'
import type { PendingReply, PendingThread } from './store.ts'
import { type CardActions, type Placement, ThreadCard } from './ThreadCard.tsx'
import { useMediaQuery } from './useMediaQuery.ts'
import { usePeople, useThreadStore } from './useThreadStore.ts'
import { useVNodeCache } from './useVNodeCache.ts'

/** The props of the threads panel. */
export interface ThreadsPanelProps {
  view: EditorView
  session: CollabSession
  document: DocumentDetail
  user: User
  /** The editor's latest state (selection, highlight ranges). */
  editorState: EditorState
  /** The text is known (synced, or restored on this device): ranges mean something. */
  ready: boolean
}

/** A composer being written: on selected text (its anchor and quote) or on the whole document. */
interface ComposerState {
  anchor: NewAnchor
  quote: string | null
  /** Where the selection was when it opened: places the composer until the highlight tracks it. */
  range?: ThreadRange
}

/** The pending replies of a thread that has none (one array, so cached cards stay cached). */
const noReplies: readonly PendingReply[] = []

/** The highlight id of the text a composer is being written on. */
const draftId = '__draft'

/** Wide screens put the cards beside their highlights. */
const wideQuery = '(min-width: 1000px)'

/** y-prosemirror's binding, as anchors need it: the shared fragment and the Yjs → ProseMirror mapping. */
interface Binding {
  type: Y.XmlFragment
  mapping: ProseMirrorMapping
}

/** Puts keyboard focus in the text; ProseMirror's own focus() does nothing while the text is read-only. */
function focusText(view: EditorView): void {
  if (view.isDestroyed) return
  view.focus()
  if (!view.editable) view.dom.focus({ preventScroll: true })
}

/** A thread's id from `#thread=ID`. */
function threadFromHash(hash: string): string | null {
  const match = /^#thread=([^&]+)$/.exec(hash)
  if (!match) return null
  try {
    return decodeURIComponent(match[1]!)
  } catch {
    return null
  }
}

/** Where a thread is as this client sees it: its own ranges once the text is known, the server's word before. */
function placementOf(thread: Thread, ranges: ReadonlyMap<string, ThreadRange>, tracked: boolean): Placement {
  const { anchor } = thread
  if (anchor.state === 'document' || !anchor.start || !anchor.end) return 'document'
  if (!tracked) return anchor.state === 'orphaned' ? 'orphaned' : 'anchored'
  return ranges.has(thread.id) ? 'anchored' : 'orphaned'
}

/**
 * The comment threads of the live draft: highlights in the text, the floating Comment button and composer,
 * and the sidebar of cards. Loaded as its own chunk after the editor.
 */
export function ThreadsPanel(props: ThreadsPanelProps) {
  const { view, session, document, user, editorState, ready } = props
  const [store, snapshot] = useThreadStore(document.id, user.id, session)
  const everyone = usePeople(document.id)
  const people = useMemo(() => everyone.filter((person) => person.id !== user.id), [everyone, user.id])
  const assignees = useMemo(() => assigneesOf(everyone), [everyone])
  const now = useNow(30_000)
  const wide = useMediaQuery(wideQuery)
  const place = usePlace()
  const [filters, setFilters] = useState<ThreadFilters>(defaultFilters)
  const [active, setActive] = useState<string | null>(null)
  const [composer, setComposer] = useState<ComposerState | null>(null)
  const [announcement, setAnnouncement] = useState('')
  /** Select mode: the ticked threads; null outside it. */
  const [selected, setSelected] = useState<ReadonlySet<string> | null>(null)
  const [installed, setInstalled] = useState(false)
  const focusRequest = useRef<{ id: string; focus: boolean; scrollText: boolean } | null>(null)
  const rights = threadRights(document, now)

  // ----- Highlights: the editor's plugin reports clicks and shortcuts to this panel while it lives.
  const handlers = useRef({
    activate: (_id: string, _focus: boolean) => {},
    shortcut: () => {},
  })
  useEffect(() => {
    setHighlightHandlers(view, {
      onActivate: (id, focus) => handlers.current.activate(id, focus),
      onCommentShortcut: () => handlers.current.shortcut(),
      onNavigate: (id) => handlers.current.activate(id, true),
    })
    setInstalled(Boolean(highlightsKey.get(view.state)))
    return () => setHighlightHandlers(view, null)
  }, [view])

  const highlight = installed ? highlightsKey.getState(editorState) : undefined
  const rangesList = highlight?.ranges
  const ranges = useMemo(() => new Map((rangesList ?? []).map((range) => [range.id, range])), [rangesList])
  const trackedIds = useMemo(
    () => new Set((highlight?.items ?? []).map((item) => item.id)),
    [highlight?.items],
  )

  const visible = useMemo(() => filterThreads(snapshot.threads, filters), [snapshot.threads, filters])
  const visibleIds = useMemo(() => new Set(visible.map((thread) => thread.id)), [visible])

  const items = useMemo(() => {
    const list: HighlightItem[] = []
    for (const thread of snapshot.threads) {
      const { start, end, state } = thread.anchor
      if (state === 'document' || !start || !end) continue
      list.push({
        id: thread.id,
        start,
        end,
        kind: 'thread',
        hidden: !visibleIds.has(thread.id),
        quote: thread.anchor.quote,
      })
    }
    for (const pending of snapshot.pending) {
      if (pending.kind === 'thread' && 'start' in pending.input.anchor)
        list.push({ id: pending.localId, ...pending.input.anchor, kind: 'pending', hidden: false })
    }
    if (composer && 'start' in composer.anchor)
      list.push({ id: draftId, ...composer.anchor, kind: 'draft', hidden: false })
    return list
  }, [snapshot.threads, snapshot.pending, visibleIds, composer])

  // Before the browser lays out and paints: the highlights arrive in the same frame as the cards, so a long
  // draft is laid out once, not twice.
  useLayoutEffect(() => {
    if (!installed || view.isDestroyed) return
    view.dispatch(setHighlights(view.state.tr, items).setMeta('addToHistory', false))
  }, [installed, items, view])

  useEffect(() => {
    if (!installed || view.isDestroyed) return
    view.dispatch(
      setActiveHighlight(view.state.tr, composer ? draftId : active).setMeta('addToHistory', false),
    )
  }, [installed, active, composer, view])

  const tracked = ready && installed
  /** Every thread loaded and its highlight drawn (the plugin holds the latest items): what a reader waits for. */
  const drawn = snapshot.status === 'ready' && tracked && highlight?.items === items
  useEffect(() => {
    if (drawn) performance.mark('marginalia:threads-drawn')
  }, [drawn])
  useEffect(() => {
    if (snapshot.status === 'ready') performance.mark('marginalia:threads-loaded')
  }, [snapshot.status])
  useEffect(() => {
    if (tracked) performance.mark('marginalia:text-ready')
  }, [tracked])
  const placements = useMemo(() => {
    const map = new Map<string, Placement>()
    for (const thread of snapshot.threads)
      map.set(thread.id, placementOf(thread, ranges, tracked && trackedIds.has(thread.id)))
    return map
  }, [snapshot.threads, ranges, tracked, trackedIds])

  // ----- Opening threads.
  const announce = useCallback((message: string) => {
    setAnnouncement('')
    requestAnimationFrame(() => setAnnouncement(message))
  }, [])
  const closedText = rights.closedReason
    ? t(rights.closedReason, { date: document.commentDeadline ? formatDate(document.commentDeadline) : '' })
    : null

  const openOnSelection = () => {
    if (!rights.open) return announce(closedText ?? '')
    const { from, to } = view.state.selection
    const quote = view.state.doc.textBetween(from, to, '\n', ' ')
    const binding = (ySyncPluginKey.getState(view.state) as { binding?: Binding } | undefined)?.binding
    if (from >= to || quote.trim() === '' || !binding) return announce(t('threads.selectFirst'))
    const anchor = anchorRange(
      { doc: view.state.doc, fragment: binding.type, mapping: binding.mapping },
      from,
      to,
    )
    setComposer({ anchor, quote, range: { id: draftId, from, to } })
    setActive(null)
  }
  const openOnDocument = () => {
    setComposer({ anchor: { document: true }, quote: null })
    setActive(null)
  }
  const submit = (composed: ComposedThread) => {
    if (!composer) return
    store.openThread(
      {
        anchor: composer.anchor,
        body: composed.body,
        type: composed.type,
        ...(composed.proposedText !== null ? { proposedText: composed.proposedText } : {}),
      },
      composer.quote ?? '',
    )
    setComposer(null)
    announce(t('threads.composer.sent'))
    focusText(view)
    // The selection has its comment: collapse it, so the Comment button does not offer a second one.
    if (composer.range && !view.isDestroyed) {
      const end = Math.min(view.state.selection.to, view.state.doc.content.size)
      view.dispatch(view.state.tr.setSelection(TextSelection.near(view.state.doc.resolve(end))))
    }
  }
  const cancel = () => {
    setComposer(null)
    focusText(view)
  }

  // ----- Moving between the text and the cards.
  const cardElement = (id: string) =>
    view.dom.ownerDocument.querySelector<HTMLElement>(`.threads [data-thread-id="${CSS.escape(id)}"]`)

  const activate = useCallback((id: string, focus: boolean) => {
    setActive(id)
    focusRequest.current = { id, focus, scrollText: false }
  }, [])

  const toText = useCallback(
    (id: string) => {
      const range = highlightsKey.getState(view.state)?.ranges.find((r) => r.id === id)
      focusText(view)
      if (range)
        view.dispatch(
          view.state.tr.setSelection(TextSelection.create(view.state.doc, range.from)).scrollIntoView(),
        )
    },
    [view],
  )

  handlers.current = { activate, shortcut: openOnSelection }

  // After a render that changed the active card: scroll it (and its highlight) into view, focus it if asked.
  useLayoutEffect(() => {
    const request = focusRequest.current
    if (!request) return
    const card = cardElement(request.id)
    if (!card) return
    focusRequest.current = null
    requestAnimationFrame(() => {
      const details = card.closest('details')
      if (details && !details.open) details.open = true
      if (request.scrollText) {
        const range = ranges.get(request.id)
        if (range) {
          const { node } = view.domAtPos(range.from)
          const element = node instanceof Element ? node : node.parentElement
          element?.scrollIntoView({ block: 'center' })
        }
      }
      card.scrollIntoView({ block: 'nearest' })
      if (request.focus) card.focus({ preventScroll: true })
    })
  })

  // `#thread=ID`: open that thread (loosening the filters if they hide it) and bring it into view.
  const opened = useRef<string | null>(null)
  const hashThread = threadFromHash(place.hash)
  useEffect(() => {
    if (!hashThread || snapshot.status !== 'ready' || (!tracked && ready)) return
    if (opened.current === place.hash) return
    const thread = snapshot.byId.get(hashThread)
    if (!thread) return
    opened.current = place.hash
    if (!matches(thread, filters))
      setFilters({ ...defaultFilters, status: thread.status === 'open' ? 'open' : 'all' })
    setActive(thread.id)
    focusRequest.current = { id: thread.id, focus: true, scrollText: true }
  }, [hashThread, place.hash, snapshot, tracked, ready])

  useEffect(() => {
    // A same-page link to another thread changes only the hash.
    const onHash = () => {
      opened.current = null
    }
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])

  // ----- Keyboard in the sidebar.
  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement
    const card = target.closest<HTMLElement>('article.thread-card')
    if (!card) return
    const onCard = target === card
    const plain = !event.ctrlKey && !event.metaKey && !event.altKey
    const step =
      event.altKey && event.key === 'ArrowDown'
        ? 1
        : event.altKey && event.key === 'ArrowUp'
          ? -1
          : onCard && plain && event.key.toLowerCase() === 'j'
            ? 1
            : onCard && plain && event.key.toLowerCase() === 'k'
              ? -1
              : 0
    if (step !== 0) {
      event.preventDefault()
      const cards = [
        ...(card.closest('.threads')?.querySelectorAll<HTMLElement>('article.thread-card') ?? []),
      ].filter((element) => element.getClientRects().length > 0)
      const next = cards[cards.indexOf(card) + step]
      if (next) {
        const id = next.dataset.threadId ?? ''
        setActive(id)
        focusRequest.current = { id, focus: true, scrollText: false }
        next.focus()
      }
      return
    }
    if (onCard && plain && event.key === 'Enter') {
      event.preventDefault()
      const id = card.dataset.threadId ?? ''
      setActive(id)
      requestAnimationFrame(() =>
        (
          card.querySelector<HTMLElement>('textarea') ?? card.querySelector<HTMLElement>('button, a[href]')
        )?.focus(),
      )
      return
    }
    if (event.key === 'Escape' && !target.matches('textarea, input, select')) {
      event.preventDefault()
      toText(card.dataset.threadId ?? '')
    }
  }

  // ----- Cards.
  const actions: CardActions = useMemo(
    () => ({
      activate: (id) => activate(id, false),
      reply: (threadId, body) => {
        store.reply(threadId, body)
      },
      retry: (id) => store.retry(id),
      discard: (id) => store.discard(id),
      put: (thread) => store.put(thread),
      toText,
      toggleSelected: (id) =>
        setSelected((current) => {
          if (!current) return current
          const next = new Set(current)
          if (!next.delete(id)) next.add(id)
          return next
        }),
      announce,
    }),
    [store, activate, toText, announce],
  )

  const repliesByThread = useMemo(() => {
    const map = new Map<string, PendingReply[]>()
    for (const pending of snapshot.pending)
      if (pending.kind === 'reply') map.set(pending.threadId, [...(map.get(pending.threadId) ?? []), pending])
    return map
  }, [snapshot.pending])

  const cached = useVNodeCache()
  /** "My comments": the threads I opened, open and resolved. */
  const mine = filters.author === user.id && filters.status === 'all'
  const showMine = (on: boolean) =>
    setFilters(on ? { ...defaultFilters, status: 'all', author: user.id } : defaultFilters)
  // Ticked threads that a filter hid or someone resolved stay out of the bulk call.
  const shownOpen = visible.filter((thread) => thread.status === 'open').map((thread) => thread.id)
  const selectedShown = selected ? new Set([...selected].filter((id) => shownOpen.includes(id))) : null
  const tabbableId = active && visibleIds.has(active) ? active : null
  const cardOf = (thread: Thread, first: boolean): Slot => {
    const placement = placements.get(thread.id) ?? 'anchored'
    const isActive = active === thread.id
    const tabbable = tabbableId ? tabbableId === thread.id : first
    const replies = repliesByThread.get(thread.id) ?? noReplies
    const ticked = selected ? selected.has(thread.id) : null
    const inputs = [
      ticked,
      mine,
      rights.resolve,
      rights.apply,
      assignees,
      thread,
      placement,
      isActive,
      tabbable,
      now,
      rights.reply,
      rights.moderate,
      replies,
      people,
      actions,
    ]
    return {
      id: thread.id,
      node: cached(thread.id, inputs, () => (
        <ThreadCard
          key={thread.id}
          thread={thread}
          placement={placement}
          userId={user.id}
          active={isActive}
          tabbable={tabbable}
          now={now}
          canReply={rights.reply}
          canModerate={rights.moderate}
          pendingReplies={replies}
          people={people}
          canResolve={rights.resolve}
          canApply={rights.apply}
          assignees={assignees}
          selected={ticked}
          showStatus={mine}
          actions={actions}
        />
      )),
    }
  }
  const pendingCard = (pending: PendingThread): Slot => ({
    id: pending.localId,
    node: (
      <PendingThreadCard
        key={pending.localId}
        pending={pending}
        onRetry={actions.retry}
        onDiscard={actions.discard}
      />
    ),
  })

  const layoutRanges =
    composer?.range && !ranges.has(draftId) ? new Map(ranges).set(draftId, composer.range) : ranges
  const byPosition = (a: Thread, b: Thread) =>
    (ranges.get(a.id)?.from ?? Number.MAX_SAFE_INTEGER) - (ranges.get(b.id)?.from ?? Number.MAX_SAFE_INTEGER)
  const onText = visible.filter((thread) => placements.get(thread.id) === 'anchored').sort(byPosition)
  const general = visible.filter((thread) => placements.get(thread.id) === 'document')
  const orphaned = visible.filter((thread) => placements.get(thread.id) === 'orphaned')
  let first = true
  const take = () => {
    const was = first
    first = false
    return was
  }

  const composerNode =
    composer && composer.quote !== null ? (
      <Composer key="composer" quote={composer.quote} people={people} onSubmit={submit} onCancel={cancel} />
    ) : null
  const alignedSlots: Slot[] = onText.map((thread) => cardOf(thread, take()))
  for (const pending of snapshot.pending)
    if (pending.kind === 'thread' && 'start' in pending.input.anchor) alignedSlots.push(pendingCard(pending))
  if (composerNode) alignedSlots.unshift({ id: draftId, node: composerNode })
  if (wide)
    alignedSlots.sort(
      (a, b) =>
        (layoutRanges.get(a.id)?.from ?? Number.MAX_SAFE_INTEGER) -
        (layoutRanges.get(b.id)?.from ?? Number.MAX_SAFE_INTEGER),
    )
  const generalSlots = [
    ...general.map((thread) => cardOf(thread, take())),
    ...snapshot.pending.flatMap((p) =>
      p.kind === 'thread' && 'document' in p.input.anchor ? [pendingCard(p)] : [],
    ),
  ]
  const orphanedSlots = orphaned.map((thread) => cardOf(thread, take()))

  const selection = editorState.selection
  const selectionText =
    !selection.empty && !composer
      ? editorState.doc.textBetween(selection.from, selection.to, ' ', ' ').trim()
      : ''

  return (
    <>
      {rights.open && selectionText && ready && <CommentButton view={view} onComment={openOnSelection} />}
      <Sidebar
        view={view}
        wide={wide}
        snapshot={snapshot}
        onRetryLoad={() => void store.load()}
        filters={filters}
        onFilters={setFilters}
        shown={visible.length}
        userId={user.id}
        viewTabs={
          <fieldset class="threads-views">
            <legend class="visually-hidden">{t('threads.view.label')}</legend>
            <button
              type="button"
              class="button button-quiet button-small"
              aria-pressed={!mine}
              onClick={() => showMine(false)}
            >
              {t('threads.view.all')}
            </button>
            <button
              type="button"
              class="button button-quiet button-small"
              aria-pressed={mine}
              title={t('threads.view.mineHint')}
              onClick={() => showMine(true)}
            >
              {t('threads.view.mine')}
            </button>
          </fieldset>
        }
        selectToggle={
          rights.resolve ? (
            <button
              type="button"
              class="button button-quiet button-small threads-select-toggle"
              aria-pressed={selected !== null}
              onClick={() => setSelected(selected ? null : new Set())}
            >
              {selected ? t('threads.select.stop') : t('threads.select.start')}
            </button>
          ) : null
        }
        selectBar={
          rights.resolve && selectedShown ? (
            <BulkResolve
              documentId={document.id}
              selected={selectedShown}
              shownOpen={shownOpen}
              onSelect={setSelected}
              announce={announce}
            />
          ) : null
        }
        emptyNote={
          mine && visible.length === 0 && snapshot.status === 'ready' ? t('threads.view.mineEmpty') : null
        }
        headerAction={
          rights.open ? (
            <button
              type="button"
              class="button button-quiet button-small"
              onClick={openOnDocument}
              aria-expanded={composer?.quote === null}
            >
              {t('threads.generalComment')}
            </button>
          ) : (
            <p class="threads-closed">{closedText}</p>
          )
        }
        topComposer={
          composer && composer.quote === null ? (
            <Composer key="general" quote={null} people={people} onSubmit={submit} onCancel={cancel} />
          ) : null
        }
        general={generalSlots}
        orphaned={orphanedSlots}
        aligned={alignedSlots}
        ranges={layoutRanges}
        focusId={composer ? draftId : active}
        drawn={drawn}
        announcement={announcement}
        onKeyDown={onKeyDown}
      />
    </>
  )
}

export { Progress } from './Progress.tsx'
