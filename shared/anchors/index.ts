/** Anchors: where a comment thread lives in the live text, and how it follows (or loses) that text. */
export { lazyAnchorContext } from './context.ts'
export { type FuzzyMatch, fuzzyFind } from './fuzzy.ts'
export { buildPositionIndex, fastPosition, type PositionIndex } from './position-index.ts'
export {
  contextLength,
  type FoundQuote,
  findQuote,
  type QuoteMiss,
  quoteOf,
  type TextQuote,
} from './quote.ts'
export {
  decodeRelative,
  encodeRelative,
  type ProseMirrorMapping,
  positionFromRelative,
  relativeFromPosition,
} from './relative.ts'
export {
  type AnchorContext,
  anchorRange,
  type ResolvedAnchor,
  refindQuote,
  resolveAnchor,
  type StoredAnchor,
} from './resolve.ts'
export { sectionPath } from './section.ts'
export { buildTextIndex, offsetOf, rangeOf, type TextIndex } from './text-index.ts'
export { buildTextMap, type TextMap, textBetween } from './text-map.ts'
