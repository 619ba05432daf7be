import { Transform } from 'prosemirror-transform'
import { updateYFragment } from 'y-prosemirror'
import * as Y from 'yjs'
import {
  type AnchorContext,
  anchorRange,
  buildPositionIndex,
  resolveAnchor,
  type StoredAnchor,
} from '../../../shared/anchors/index.ts'
import { schema } from '../../../shared/schema/index.ts'
import type { LiveDocument } from '../../collab/live-document.ts'
import type { UpdateOrigin } from '../../collab/origins.ts'
import { ConflictError } from '../../errors.ts'

/** Replaces [from, to) with plain text: inside one text, as a Yjs edit that keeps the surrounding formatting. */
function replaceRange(context: AnchorContext, ydoc: Y.Doc, from: number, to: number, text: string): void {
  context.positions ??= buildPositionIndex(context.fragment, context.mapping)
  for (const [ytext, start] of context.positions) {
    if (from >= start && to <= start + ytext.length) {
      ytext.delete(from - start, to - from)
      if (text.length > 0) ytext.insert(from - start, text)
      return
    }
  }
  // Across blocks: replace in ProseMirror and let y-prosemirror write the difference.
  const next = new Transform(context.doc).replaceWith(from, to, text ? schema.text(text) : []).doc
  updateYFragment(ydoc, context.fragment, next, { mapping: context.mapping as never, isOMark: new Map() })
}

/**
 * Replaces exactly the anchored text with `proposedText` in the live document (origin `server`), checking in
 * the same synchronous step that the anchor still holds its quote (409 otherwise, with both versions, and
 * nothing changed). Resolves once the edit is durable, with an undo that reverses it (for when the rest of
 * the step fails).
 */
export async function applyToLiveText(
  live: LiveDocument,
  anchor: StoredAnchor,
  proposedText: string,
): Promise<{ undo: () => Promise<void>; anchor: { start: string; end: string } | null }> {
  const context = live.anchorContext()
  const resolved = resolveAnchor(context, anchor)
  if (resolved.state !== 'anchored' || resolved.from === null || resolved.to === null) {
    throw new ConflictError('The commented text is no longer in the document.', {
      quote: anchor.quote,
      currentText: '',
    })
  }
  if (resolved.currentText !== anchor.quote) {
    throw new ConflictError('The commented text has changed since the proposal was made.', {
      quote: anchor.quote,
      currentText: resolved.currentText,
    })
  }
  const origin: UpdateOrigin = { source: 'server' }
  const undoManager = new Y.UndoManager(context.fragment, {
    trackedOrigins: new Set([origin]),
    captureTimeout: 0,
  })
  const { from, to } = resolved
  await live.transactServer((ydoc) => replaceRange(context, ydoc, from, to, proposedText), origin)
  // The thread now points at the text that replaced its quote (none when the proposal deleted it).
  const after = live.anchorContext()
  const moved = proposedText.length > 0 ? anchorRange(after, from, from + proposedText.length) : null
  return {
    anchor: moved,
    undo: async () => {
      await live.transactServer(() => undoManager.undo())
      undoManager.destroy()
    },
  }
}
