import type { ComponentChildren } from 'preact'
import { useLayoutEffect, useRef, useState } from 'preact/hooks'
import type { EditorView } from 'prosemirror-view'
import { LoadError } from '../components/StatusMessage.tsx'
import { formatNumber, t } from '../i18n/i18n.ts'
import { Filters } from './Filters.tsx'
import type { ThreadFilters } from './filters.ts'
import { layoutCards } from './layout.ts'
import type { ThreadRange } from './ranges.ts'
import type { ThreadStoreSnapshot } from './store.ts'

/** One card of the column beside the text, with the id its highlight is known by. */
export interface Slot {
  id: string
  node: ComponentChildren
}

/** The props of the sidebar. */
export interface SidebarProps {
  view: EditorView
  /** Wide screens align cards with their highlights; narrow ones list them. */
  wide: boolean
  snapshot: ThreadStoreSnapshot
  onRetryLoad: () => void
  filters: ThreadFilters
  onFilters: (filters: ThreadFilters) => void
  shown: number
  userId: string
  /** "All comments" / "My comments". */
  viewTabs: ComponentChildren
  /** Select mode's toggle, for members who may resolve. */
  selectToggle: ComponentChildren
  /** Select mode's bar (decision, note, "Resolve N threads"), while selecting. */
  selectBar: ComponentChildren
  /** Said under the header when the filters leave nothing ("My comments" with none). */
  emptyNote: string | null
  /** The header's action: "General comment" or why comments are closed. */
  headerAction: ComponentChildren
  /** A composer for a general comment, shown under the header. */
  topComposer: ComponentChildren
  general: readonly Slot[]
  orphaned: readonly Slot[]
  /** Cards on text, in text order (the composer of a new thread among them). */
  aligned: readonly Slot[]
  ranges: ReadonlyMap<string, ThreadRange>
  /** The card placed exactly at its highlight (the composer, or the active thread). */
  focusId: string | null
  announcement: string
  /** Every thread loaded and highlighted: shown as `data-highlights="drawn"` (benchmarks and tests wait for it). */
  drawn: boolean
  onKeyDown: (event: KeyboardEvent) => void
}

/** Space between two cards in the column, in pixels. */
const gap = 8

/**
 * Above this many cards on text, the wide column draws only the cards whose highlight is near the visible
 * text (and the focused card), and the other lists show their first cards with a "Show all" button: a
 * 100-page draft with 2,000 threads would otherwise lay out every card on every render.
 */
export const windowedAbove = 60
/** Cards shown at first in a long list (general comments, on deleted text, the narrow-screen list). */
const firstCards = 10
/** How far beyond the visible text the wide column draws cards, in window heights. */
const windowMargin = 1

/** The text positions (from, to) of the highlights whose cards are drawn. */
type Band = { from: number; to: number }

/**
 * The band of text positions near the visible part of the page: a binary search over the cards on text
 * (in text order) by where their highlight is on screen, so a scroll costs a few dozen measurements.
 */
function bandNearView(
  view: EditorView,
  aligned: readonly Slot[],
  ranges: ReadonlyMap<string, ThreadRange>,
): Band | null {
  const froms = aligned.flatMap((slot) => {
    const range = ranges.get(slot.id)
    return range ? [range.from] : []
  })
  if (froms.length === 0) return null
  const height = window.innerHeight
  const top = (pos: number) => {
    try {
      return view.coordsAtPos(pos, 1).top
    } catch {
      return 0
    }
  }
  // The first highlight below `y` (froms are ascending, and so are their tops).
  const firstBelow = (y: number) => {
    let lo = 0
    let hi = froms.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (top(froms[mid]!) < y) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  const start = Math.min(firstBelow(-height * windowMargin), froms.length - 1)
  const end = Math.max(start, firstBelow(height * (1 + windowMargin)) - 1)
  return { from: froms[start]!, to: froms[end]! }
}

/** A long list (over `windowedAbove`) shows its first cards (and the focused one) until asked to show all. */
function FirstCards(props: { slots: readonly Slot[]; focusId: string | null }) {
  const [all, setAll] = useState(false)
  const { slots, focusId } = props
  if (all || slots.length <= windowedAbove) return <>{slots.map((slot) => slot.node)}</>
  const shown = slots.filter((slot, i) => i < firstCards || slot.id === focusId)
  return (
    <>
      {shown.map((slot) => slot.node)}
      <button
        type="button"
        class="button button-quiet button-small threads-show-all"
        onClick={() => setAll(true)}
      >
        {t('threads.showAll', { count: formatNumber(slots.length) })}
      </button>
    </>
  )
}

/**
 * The comments beside the draft: a header (count, filters, general comment), general comments, comments whose
 * text was deleted, and the cards on text: on wide screens each at the height of its highlight, pushed down
 * to avoid overlapping (view.coordsAtPos); on narrow screens a plain list in text order. Long lists are
 * drawn in part (`windowedAbove`).
 */
export function Sidebar(props: SidebarProps) {
  const { view, wide, snapshot, ranges, focusId } = props
  const column = useRef<HTMLDivElement>(null)
  const place = useRef<() => void>(() => {})
  const windowed = wide && props.aligned.length > windowedAbove
  const [band, setBand] = useState<Band | null>(null)
  // Cards whose highlight is not known yet (every card, before the highlights are resolved) count against
  // the first cards too: drawing and measuring all of them would lay out a thousand cards for one frame.
  let unplaced = 0
  const aligned = windowed
    ? props.aligned.filter((slot, i) => {
        const range = ranges.get(slot.id)
        if (slot.id === focusId) return true
        if (!range) return unplaced++ < firstCards
        return band ? range.from >= band.from && range.from <= band.to : i < firstCards
      })
    : props.aligned
  const measureBand = useRef<() => void>(() => {})
  measureBand.current = () => {
    if (!windowed || view.isDestroyed) return
    const next = bandNearView(view, props.aligned, ranges)
    if (next?.from !== band?.from || next?.to !== band?.to) setBand(next)
  }

  place.current = () => {
    const element = column.current
    if (!element || !wide || view.isDestroyed) return
    const top = element.getBoundingClientRect().top
    const slots = [...element.children] as HTMLElement[]
    const boxes = slots.map((slot) => {
      const id = slot.dataset.layoutId ?? ''
      const range = ranges.get(id)
      let desired = 0
      if (range) {
        try {
          desired = view.coordsAtPos(range.from, 1).top - top
        } catch {
          desired = 0
        }
      }
      return { id, desired, height: slot.offsetHeight }
    })
    const { tops, height } = layoutCards(boxes, gap, focusId)
    for (const slot of slots) {
      slot.style.insetBlockStart = `${tops.get(slot.dataset.layoutId ?? '') ?? 0}px`
      // Cards glide to new places, but appear in their first one at once.
      if (!slot.dataset.placed) requestAnimationFrame(() => slot.setAttribute('data-placed', ''))
    }
    element.style.minBlockSize = `${height}px`
  }

  // After every render: the text may have moved (edits, new highlights), cards may have grown.
  useLayoutEffect(() => {
    place.current()
    measureBand.current()
  })

  // A windowed column follows the scrolling.
  useLayoutEffect(() => {
    if (!windowed) return
    let frame = 0
    const onScroll = () => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(() => measureBand.current())
    }
    window.addEventListener('scroll', onScroll, { capture: true, passive: true })
    window.addEventListener('resize', onScroll)
    return () => {
      cancelAnimationFrame(frame)
      window.removeEventListener('scroll', onScroll, { capture: true })
      window.removeEventListener('resize', onScroll)
    }
  }, [windowed])

  useLayoutEffect(() => {
    const element = column.current
    if (!wide || !element) return
    let frame = 0
    const schedule = () => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(() => place.current())
    }
    const observer = new ResizeObserver(schedule)
    observer.observe(view.dom)
    const watch = new MutationObserver(() => {
      for (const child of element.children) observer.observe(child)
      schedule()
    })
    for (const child of element.children) observer.observe(child)
    watch.observe(element, { childList: true })
    window.addEventListener('resize', schedule)
    return () => {
      cancelAnimationFrame(frame)
      observer.disconnect()
      watch.disconnect()
      window.removeEventListener('resize', schedule)
      element.style.minBlockSize = ''
    }
  }, [wide, view])

  const count = snapshot.threads.length
  return (
    <aside
      class={wide ? 'threads is-wide' : 'threads'}
      aria-labelledby="threads-heading"
      data-highlights={props.drawn ? 'drawn' : 'pending'}
      onKeyDown={props.onKeyDown}
    >
      <div class="threads-head">
        <h3 id="threads-heading">
          {t('threads.heading')} <span class="threads-count">{formatNumber(count)}</span>
        </h3>
        {props.headerAction}
        {snapshot.status === 'ready' && count > 0 && props.viewTabs}
        {snapshot.status === 'ready' && count > 0 && (
          <Filters
            threads={snapshot.threads}
            filters={props.filters}
            onChange={props.onFilters}
            shown={props.shown}
            userId={props.userId}
          />
        )}
        {snapshot.status === 'ready' && count > 0 && props.selectToggle}
        {props.selectBar}
        {props.emptyNote && <p class="empty-line">{props.emptyNote}</p>}
        <p class="visually-hidden" role="status">
          {props.announcement}
        </p>
      </div>
      {snapshot.status === 'loading' && <p class="status-loading">{t('threads.loading')}</p>}
      {snapshot.status === 'error' && (
        <LoadError title={t('threads.loadError')} error={snapshot.error} onRetry={props.onRetryLoad} />
      )}
      {props.topComposer}
      {props.general.length > 0 && (
        <details class="threads-section" open>
          <summary>{t('threads.general', { count: formatNumber(props.general.length) })}</summary>
          <div class="threads-list">
            <FirstCards slots={props.general} focusId={focusId} />
          </div>
        </details>
      )}
      {props.orphaned.length > 0 && (
        <details class="threads-section threads-orphaned" open>
          <summary>{t('threads.orphaned', { count: formatNumber(props.orphaned.length) })}</summary>
          <p class="threads-section-hint">{t('threads.orphanedHint')}</p>
          <div class="threads-list">
            <FirstCards slots={props.orphaned} focusId={focusId} />
          </div>
        </details>
      )}
      <div ref={column} class={wide ? 'threads-column' : 'threads-list'}>
        {wide || aligned.length <= windowedAbove ? (
          aligned.map((slot) => (
            <div key={slot.id} class="thread-slot" data-layout-id={slot.id}>
              {slot.node}
            </div>
          ))
        ) : (
          <FirstCards slots={aligned} focusId={focusId} />
        )}
      </div>
      {snapshot.status === 'ready' && count === 0 && aligned.length === 0 && (
        <p class="empty-line">{t('threads.empty')}</p>
      )}
    </aside>
  )
}
