import type { Node as ProseMirrorNode } from 'prosemirror-model'
import { type EditorState, Plugin, PluginKey, type Transaction } from 'prosemirror-state'
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view'
import { ySyncPluginKey } from 'y-prosemirror'
import type * as Y from 'yjs'
import { buildPositionIndex, fastPosition, type PositionIndex } from '../../shared/anchors/position-index.ts'
import { findQuote } from '../../shared/anchors/quote.ts'
import {
  decodeRelative,
  type ProseMirrorMapping,
  positionFromRelative,
} from '../../shared/anchors/relative.ts'
import { buildTextIndex, type TextIndex } from '../../shared/anchors/text-index.ts'
import { innermostAt, segmentsOf, sortRanges, type ThreadRange } from './ranges.ts'

/** A highlight to draw: a thread (or a comment being sent, or the text a comment is being written on). */
export interface HighlightItem {
  id: string
  /** Base64 Yjs relative positions of the start and end. */
  start: string
  end: string
  kind: 'thread' | 'pending' | 'draft'
  /** Tracked but not drawn (filtered out, or resolved while resolved threads are hidden). */
  hidden: boolean
  /** The text the thread was opened on: looked for again when the positions collapsed (as the server does). */
  quote?: string
}

/** Below this length a quote found again is too likely another occurrence of common words (the server's bar). */
const refindMinimum = 12

/** The plugin's state: what to highlight, where each range is now, which one is active. */
export interface HighlightState {
  items: readonly HighlightItem[]
  /** Every item whose text is still there, in text order (hidden ones included). */
  ranges: readonly ThreadRange[]
  active: string | null
  decorations: DecorationSet
}

/** What the host (the threads panel) learns from the highlights. */
export interface HighlightHandlers {
  /** A highlight was clicked: its (innermost) thread. `focus` when keyboard focus may move to the card. */
  onActivate(id: string, focus: boolean): void
  /** Ctrl+Alt+M / Cmd+Alt+M. */
  onCommentShortcut(): void
  /** Alt+ArrowDown / Alt+ArrowUp from the text: the next (or previous) thread after the cursor. */
  onNavigate(id: string): void
}

const handlersByView = new WeakMap<EditorView, HighlightHandlers>()

/**
 * Connects the threads panel to a view's highlights (null disconnects). The plugin itself is part of the
 * editor from the start: adding a plugin later (reconfigure) would rebuild every plugin view, and
 * y-prosemirror's undo manager does not survive that.
 */
export function setHighlightHandlers(view: EditorView, handlers: HighlightHandlers | null): void {
  if (handlers) handlersByView.set(view, handlers)
  else handlersByView.delete(view)
}

/** The highlights plugin's key: `highlightsKey.getState(state)` reads the ranges. */
export const highlightsKey = new PluginKey<HighlightState>('threadHighlights')

type Meta = { items?: readonly HighlightItem[]; active?: string | null }

/** Replaces the items to highlight. */
export function setHighlights(tr: Transaction, items: readonly HighlightItem[]): Transaction {
  return tr.setMeta(highlightsKey, { items } satisfies Meta)
}

/** Emphasises one thread's highlight (null: none). */
export function setActiveHighlight(tr: Transaction, active: string | null): Transaction {
  return tr.setMeta(highlightsKey, { active } satisfies Meta)
}

interface Binding {
  type: Y.XmlFragment
  mapping: ProseMirrorMapping
}

function bindingOf(state: EditorState): Binding | null {
  const sync = ySyncPluginKey.getState(state) as { binding?: Binding } | undefined
  return sync?.binding ?? null
}

/**
 * The thread highlights: inline decorations (never marks: nothing enters the document) over each thread's
 * range. Ranges come from the threads' relative positions through y-prosemirror's live mapping, so they follow
 * every edit without asking the server: exactly when the text changed through Yjs (someone else's edit, undo),
 * by ProseMirror's own step mapping for local edits (whose Yjs update happens after the transaction), with
 * the same edges as the relative positions (typing just outside a range never grows it). Positions that
 * collapsed (the text was deleted or moved) are looked for again by quote, exactly and only if unique. Overlaps get a
 * `data-depth` (a darker tint) and the active thread the `is-active` class.
 */
export function threadHighlights(): Plugin<HighlightState> {
  const decoded = new Map<string, Y.RelativePosition | null>()
  const decode = (base64: string) => {
    if (!decoded.has(base64)) {
      let relative: Y.RelativePosition | null = null
      try {
        relative = decodeRelative(base64)
      } catch {
        relative = null
      }
      decoded.set(base64, relative)
    }
    return decoded.get(base64) ?? null
  }

  const resolve = (items: readonly HighlightItem[], state: EditorState): ThreadRange[] => {
    const binding = bindingOf(state)
    if (!binding) return []
    const size = state.doc.content.size
    const ranges: ThreadRange[] = []
    let index: TextIndex | undefined
    // Where each text starts, found in one walk (as the server resolves): y-prosemirror's own lookup walks the
    // siblings before each position, which for a long draft's thousands of highlights grows with the square.
    const yDoc = binding.type.doc
    let starts: PositionIndex | undefined
    const position = (relative: Y.RelativePosition) => {
      if (yDoc) {
        starts ??= buildPositionIndex(binding.type, binding.mapping)
        const fast = fastPosition(yDoc, starts, relative)
        if (fast !== undefined) return fast
      }
      return positionFromRelative(binding.type, binding.mapping, relative)
    }
    for (const item of items) {
      const start = decode(item.start)
      const end = decode(item.end)
      if (!start || !end) continue
      let from: number | null = null
      let to: number | null = null
      try {
        from = position(start)
        to = position(end)
      } catch {
        // The mapping does not know this part of the text yet: no highlight until it does.
        continue
      }
      if (from !== null && to !== null && from < to && to <= size) {
        ranges.push({ id: item.id, from, to })
      } else if (item.quote && item.quote.length >= refindMinimum) {
        // The text was deleted, or cut and pasted (undo re-inserts it as new text): find the quote again.
        index ??= buildTextIndex(state.doc)
        const found = findQuote(state.doc, { quote: item.quote }, index)
        if ('from' in found && found.from < found.to)
          ranges.push({ id: item.id, from: found.from, to: found.to })
      }
    }
    return sortRanges(ranges)
  }

  return new Plugin<HighlightState>({
    key: highlightsKey,
    state: {
      init: (_config, state) => {
        const ranges = resolve([], state)
        return { items: [], ranges, active: null, decorations: DecorationSet.empty }
      },
      apply(tr, previous, _old, state) {
        const meta = tr.getMeta(highlightsKey) as Meta | undefined
        const sync = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined
        const items = meta?.items ?? previous.items
        const active = meta && 'active' in meta ? (meta.active ?? null) : previous.active
        let ranges = previous.ranges
        if (meta?.items || sync?.isChangeOrigin) {
          // The Yjs side is current (a remote change rebuilt the document, or new anchors): map exactly.
          ranges = resolve(items, state)
        } else if (tr.docChanged) {
          ranges = sortRanges(
            previous.ranges.flatMap((range) => {
              const from = tr.mapping.map(range.from, 1)
              const to = tr.mapping.map(range.to, -1)
              return from < to ? [{ id: range.id, from, to }] : []
            }),
          )
        }
        if (ranges === previous.ranges && items === previous.items && active === previous.active)
          return previous
        return { items, ranges, active, decorations: decorate(state.doc, items, ranges, active) }
      },
    },
    props: {
      decorations: (state) => highlightsKey.getState(state)?.decorations ?? DecorationSet.empty,
      handleClick(view, pos) {
        const state = highlightsKey.getState(view.state)
        const handlers = handlersByView.get(view)
        if (!state || !handlers || !view.state.selection.empty) return false
        const hit = innermostAt(state.ranges, pos, (id) => isClickable(state.items, id))
        if (hit) handlers.onActivate(hit.id, !view.editable)
        return false
      },
      handleDOMEvents: {
        // A DOM handler, not handleKeyDown: ProseMirror skips key handlers while the text is read-only, and
        // commenters (read-only) are the ones who comment.
        keydown(view, event) {
          const handlers = handlersByView.get(view)
          if (!handlers) return false
          if ((event.ctrlKey || event.metaKey) && event.altKey && event.code === 'KeyM') {
            event.preventDefault()
            handlers.onCommentShortcut()
            return true
          }
          if (
            event.altKey &&
            !event.ctrlKey &&
            !event.metaKey &&
            (event.key === 'ArrowDown' || event.key === 'ArrowUp')
          ) {
            event.preventDefault()
            const next = neighbour(view, event.key === 'ArrowDown' ? 1 : -1)
            if (next) handlers.onNavigate(next)
            return true
          }
          return false
        },
      },
    },
  })
}

function isClickable(items: readonly HighlightItem[], id: string): boolean {
  const item = items.find((candidate) => candidate.id === id)
  return Boolean(item && !item.hidden && item.kind === 'thread')
}

/** The visible thread whose highlight starts next after the cursor (or before it, going up). */
function neighbour(view: EditorView, direction: 1 | -1): string | null {
  const state = highlightsKey.getState(view.state)
  if (!state) return null
  const pos = view.state.selection.from
  const visible = state.ranges.filter((range) => isClickable(state.items, range.id))
  if (direction === 1) return visible.find((range) => range.from > pos)?.id ?? null
  return visible.findLast((range) => range.to < pos)?.id ?? null
}

function decorate(
  doc: ProseMirrorNode,
  items: readonly HighlightItem[],
  ranges: readonly ThreadRange[],
  active: string | null,
): DecorationSet {
  const kinds = new Map(items.filter((item) => !item.hidden).map((item) => [item.id, item.kind]))
  const shown = ranges.filter((range) => kinds.has(range.id))
  const decorations = segmentsOf(shown).map((segment) => {
    const classes = ['thread-highlight']
    if (active !== null && segment.ids.includes(active)) classes.push('is-active')
    if (segment.ids.some((id) => kinds.get(id) === 'draft')) classes.push('is-draft')
    if (segment.ids.some((id) => kinds.get(id) === 'pending')) classes.push('is-pending')
    return Decoration.inline(segment.from, segment.to, {
      class: classes.join(' '),
      'data-threads': segment.ids.join(' '),
      'data-depth': String(Math.min(segment.ids.length, 4)),
    })
  })
  return DecorationSet.create(doc, decorations)
}
