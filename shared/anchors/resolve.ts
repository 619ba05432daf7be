import type { Node as ProseMirrorNode, Schema } from 'prosemirror-model'
import type * as Y from 'yjs'
import { fuzzyFind } from './fuzzy.ts'
import { itemPosition } from './item-position.ts'
import { buildPositionIndex, fastPosition, type PositionIndex } from './position-index.ts'
import { findQuote } from './quote.ts'
import {
  decodeRelative,
  encodeRelative,
  type ProseMirrorMapping,
  positionFromRelative,
  relativeFromPosition,
} from './relative.ts'
import { buildTextIndex, rangeOf, type TextIndex } from './text-index.ts'
import { buildTextMap, type TextMap, textBetween } from './text-map.ts'

/** An anchor as stored beside a thread. */
export interface StoredAnchor {
  kind: 'text' | 'document'
  /** Base64 relative positions of the range's start and end (text anchors). */
  start: string | null
  end: string | null
  quote: string
  prefix: string
  suffix: string
}

/** Where an anchor is now. */
export interface ResolvedAnchor {
  state: 'anchored' | 'orphaned' | 'document'
  from: number | null
  to: number | null
  currentText: string
  /** Set when the relative positions had collapsed and the quote was found again: the new positions to store. */
  reanchored?: { start: string; end: string }
}

/**
 * The current text of a document, its Yjs form and the mapping between them: what resolving needs. `doc` and
 * `mapping` may be getters that build the ProseMirror view on first use (`lazyAnchorContext`): resolving
 * anchors that follow their text reads the Yjs form through `text` and never needs them.
 */
export interface AnchorContext {
  readonly doc: ProseMirrorNode
  readonly fragment: Y.XmlFragment
  readonly mapping: ProseMirrorMapping
  /** The schema of `doc`; given by contexts whose `doc` is built on demand. */
  readonly schema?: Schema
  /** The text read from the Yjs form (null when it would not convert as it is); built on first use. */
  text?: TextMap | null
  /** Built on first use and kept: resolving many anchors against one text shares it. */
  index?: TextIndex
  /** Where each text starts; built on first use and kept, like `index`. */
  positions?: PositionIndex
  /** Anchors already resolved against this text, by their relative positions. */
  resolved?: Map<string, ResolvedAnchor>
}

/** The context's text map, built on first use; null when the Yjs form would not convert as it is. */
function textMapOf(context: AnchorContext): TextMap | null {
  if (context.text === undefined) {
    context.text = buildTextMap(context.fragment, context.schema ?? context.doc.type.schema)
  }
  return context.text
}

/** Where each text starts: from the text map, else (after building the view) from the ProseMirror view. */
function positionsOf(context: AnchorContext): PositionIndex {
  context.positions ??= textMapOf(context)?.positions ?? buildPositionIndex(context.fragment, context.mapping)
  return context.positions
}

/** The text between two positions, as `doc.textBetween(from, to, '\n', ' ')`, from the text map when there is one. */
function currentTextOf(context: AnchorContext, from: number, to: number): string {
  const map = textMapOf(context)
  return map ? textBetween(map, from, to) : context.doc.textBetween(from, to, '\n', ' ')
}

/** A relative position's ProseMirror position: the fast lookup when it points into a text, else y-prosemirror's walk. */
function positionOf(context: AnchorContext, base64: string): number | null {
  const map = textMapOf(context)
  if (map && context.fragment.doc) {
    const direct = itemPosition(context.fragment.doc, map.items, base64)
    if (direct !== undefined) return direct
  }
  const relative = decodeRelative(base64)
  if (context.fragment.doc) {
    const fast = fastPosition(context.fragment.doc, positionsOf(context), relative)
    if (fast !== undefined) return fast
  }
  return positionFromRelative(context.fragment, context.mapping, relative)
}

/** Below these, a quote found again is too likely to be another occurrence of common words. */
const confidentQuoteLength = 12
const confidentContext = 12
const fuzzyMinimumLength = 20
const fuzzyMinimumSimilarity = 0.85

function indexOf(context: AnchorContext): TextIndex {
  context.index ??= buildTextIndex(context.doc)
  return context.index
}

/** Relative positions for a ProseMirror range: the start sticks right, the end sticks left. */
export function anchorRange(
  context: AnchorContext,
  from: number,
  to: number,
): { start: string; end: string } {
  return {
    start: encodeRelative(relativeFromPosition(context.fragment, context.mapping, from, 0)),
    end: encodeRelative(relativeFromPosition(context.fragment, context.mapping, to, -1)),
  }
}

/**
 * Finds a lost quote again: exactly (long enough or with agreeing context), else approximately (long
 * quotes, high similarity, one best place). Anything less certain leaves the thread orphaned.
 */
export function refindQuote(
  context: AnchorContext,
  stored: StoredAnchor,
): { from: number; to: number } | undefined {
  const index = indexOf(context)
  const exact = findQuote(context.doc, stored, index)
  if ('from' in exact) {
    if (stored.quote.length >= confidentQuoteLength || exact.contextScore >= confidentContext) return exact
    return undefined
  }
  if (exact.reason === 'ambiguous' || stored.quote.length < fuzzyMinimumLength) return undefined
  const fuzzy = fuzzyFind(index.text, stored.quote)
  if (!fuzzy?.unique || fuzzy.similarity < fuzzyMinimumSimilarity) return undefined
  return rangeOf(index, fuzzy.start, fuzzy.end)
}

/**
 * Where a thread's anchor is in the current text. Its relative positions follow every edit; when they have
 * collapsed (the text was deleted, or cut and pasted elsewhere, or replaced by an import) the quote is looked
 * for again: found, the thread is `anchored` with new positions to store (`reanchored`); not found, `orphaned`.
 */
export function resolveAnchor(context: AnchorContext, stored: StoredAnchor): ResolvedAnchor {
  if (stored.kind === 'document' || !stored.start || !stored.end) {
    return { state: 'document', from: null, to: null, currentText: '' }
  }
  const key = `${stored.start} ${stored.end}`
  const known = context.resolved?.get(key)
  if (known) return known
  let from: number | null = null
  let to: number | null = null
  try {
    from = positionOf(context, stored.start)
    to = positionOf(context, stored.end)
  } catch {
    from = null
  }
  if (from !== null && to !== null && to > from) {
    const anchored: ResolvedAnchor = {
      state: 'anchored',
      from,
      to,
      currentText: currentTextOf(context, from, to),
    }
    context.resolved ??= new Map()
    context.resolved.set(key, anchored)
    return anchored
  }
  const found = refindQuote(context, stored)
  if (!found) return { state: 'orphaned', from: null, to: null, currentText: '' }
  return {
    state: 'anchored',
    from: found.from,
    to: found.to,
    currentText: currentTextOf(context, found.from, found.to),
    reanchored: anchorRange(context, found.from, found.to),
  }
}
