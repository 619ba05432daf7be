import {
  anchorRange,
  buildTextIndex,
  decodeRelative,
  findQuote,
  positionFromRelative,
  quoteOf,
  sectionPath,
} from '../../../shared/anchors/index.ts'
import type { AppContext } from '../../context.ts'
import { AnchorNotFoundError } from '../../errors.ts'

/** An anchor request: a quote selector, two relative positions, or the whole document. */
export type AnchorRequest =
  | { quote: string; prefix?: string | undefined; suffix?: string | undefined }
  | { start: string; end: string }
  | { document: true }

/** What a new thread stores about where it is. */
export interface PlacedAnchor {
  anchorKind: 'text' | 'document'
  anchorStart: string | null
  anchorEnd: string | null
  quote: string
  prefix: string
  suffix: string
  section: string[]
}

/**
 * Places a new thread's anchor in the live text: a quote selector is looked up (422 when absent or
 * ambiguous), relative positions are checked to span text (422 otherwise), and either way the quote, its
 * context and the section path are stored beside the positions.
 */
export async function placeAnchor(
  ctx: AppContext,
  documentId: string,
  request: AnchorRequest,
): Promise<PlacedAnchor> {
  if ('document' in request) {
    return {
      anchorKind: 'document',
      anchorStart: null,
      anchorEnd: null,
      quote: '',
      prefix: '',
      suffix: '',
      section: [],
    }
  }
  return ctx.live.with(documentId, (live) => {
    const context = live.anchorContext()
    context.index ??= buildTextIndex(context.doc)
    let from: number
    let to: number
    let positions: { start: string; end: string }
    if ('quote' in request) {
      const found = findQuote(context.doc, request, context.index)
      if (!('from' in found)) {
        throw new AnchorNotFoundError(
          found.reason === 'absent'
            ? 'The quoted text is not in the document.'
            : `The quoted text occurs ${found.matches} times: add a prefix or suffix to say which.`,
          found,
        )
      }
      ;({ from, to } = found)
      positions = anchorRange(context, from, to)
    } else {
      let resolvedFrom: number | null = null
      let resolvedTo: number | null = null
      try {
        resolvedFrom = positionFromRelative(context.fragment, context.mapping, decodeRelative(request.start))
        resolvedTo = positionFromRelative(context.fragment, context.mapping, decodeRelative(request.end))
      } catch {
        // reported below
      }
      if (resolvedFrom === null || resolvedTo === null || resolvedTo <= resolvedFrom) {
        throw new AnchorNotFoundError('The start and end positions do not span any text of this document.', {
          reason: 'invalid_positions',
        })
      }
      from = resolvedFrom
      to = resolvedTo
      positions = { start: request.start, end: request.end }
    }
    const quoted = quoteOf(context.doc, from, to, context.index)
    return {
      anchorKind: 'text',
      anchorStart: positions.start,
      anchorEnd: positions.end,
      ...quoted,
      section: sectionPath(context.doc, from),
    }
  })
}
