/**
 * The document model of Marginalia: the one ProseMirror schema, and Markdown, HTML and plain-text
 * serializers over it. Pure code (no DOM, no Node APIs), shared by the browser and the server.
 */
export { escapeHtml, htmlMarks, htmlNodes, serializeHtml } from './html.ts'
export {
  markdownMarks,
  markdownNodes,
  markdownParser,
  markdownParserBuiltIns,
  markdownParseTokens,
  markdownSerializer,
  markdownTokenizer,
  parseMarkdown,
  serializeMarkdown,
} from './markdown.ts'
export {
  clampHeadingLevel,
  type HeadingLevel,
  headingLevels,
  type MarkName,
  type NodeName,
  schema,
} from './schema.ts'
export { serializeText, textMarks, textNodes } from './text.ts'
export { maxDataImageUrlLength, safeHref, safeImageSrc } from './urls.ts'
