/**
 * Markdown in and out of the schema, with prosemirror-markdown over markdown-it 14 (the copy
 * prosemirror-markdown itself uses). The dialect is CommonMark without raw HTML, plus:
 *
 * - GFM pipe tables and `~~strikethrough~~` (markdown-it's own `table` and `strikethrough` rules);
 * - `++underline++` (the markdown-it-ins syntax), `~subscript~` and `^superscript^` (Pandoc's syntax:
 *   no unescaped whitespace inside, so spaces are written `\ `, and `~5 km to ~10 km` stays text), written by
 *   small markdown-it rules in `markdown-it-rules.ts`. Other Markdown readers show these as plain text.
 *
 * Where Markdown has no form, the serializer chooses, and a parse of its output shows the loss:
 *
 * - A table cell holds blocks, a GFM cell one line: a cell's blocks are joined with a space and its hard
 *   breaks become spaces (a list or quote in a cell keeps only its text). There is no `<br>` fallback,
 *   since raw HTML is read as text. The first row is always the header row; merged cells are written as
 *   their top-left cell plus empty cells; column widths are dropped.
 * - A hard break at the end of a block is dropped; a hard break loses `sub`, `sup` and `code`, and an image
 *   loses `code` (a code span holds only text).
 * - Empty paragraphs vanish, and so does whitespace at the start or end of a paragraph. Lists are written
 *   tight when every item is one block (plus nested lists); adjacent lists alternate `-`/`*` and `.`/`)`.
 * - Known gaps, both rare and found by fuzzing: a subscript that starts or ends exactly where a
 *   strikethrough does makes a run of three tildes, which reads back as text; a paragraph that opens with a
 *   link whose inline code holds `]:` reads back as a link reference definition.
 * - Reading: heading levels 5 and 6 become 4; a code block becomes a paragraph of `code` lines joined by hard
 *   breaks (the schema has no code block); a link or image whose URL fails `safeHref` / `safeImageSrc` is
 *   left as text.
 */
export {
  markdownParser,
  markdownParserBuiltIns,
  markdownParseTokens,
  markdownTokenizer,
  parseMarkdown,
} from './markdown-parser.ts'
export { markdownMarks, markdownNodes, markdownSerializer, serializeMarkdown } from './markdown-serializer.ts'
