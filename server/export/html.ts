import type { Node as ProseMirrorNode } from 'prosemirror-model'
import type { ThreadDto } from '../../shared/api/threads.ts'
import { escapeHtml, serializeHtml } from '../../shared/schema/index.ts'
import { authorLabel, commentBody, dateOnly, decisionText, resolutionLabel, sectionLabel } from './labels.ts'
import { withImagePlaceholders, withNoteMarkers } from './note-markers.ts'
import type { PlacedThread } from './placement.ts'

/** What the HTML export is for: a download (images keep their URLs) or Chromium's print-to-PDF (no URL is fetched). */
export type HtmlPurpose = 'download' | 'print'

/**
 * The page's policy: no script of any kind, styles only from the page itself, images (for a download) from
 * where the document says — for print, only inline ones.
 */
function contentSecurityPolicy(purpose: HtmlPurpose): string {
  const images = purpose === 'print' ? 'data:' : 'https: http: data:'
  return `default-src 'none'; img-src ${images}; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'`
}

const printCss = `
@page { size: A4; margin: 20mm 18mm 22mm; }
:root { color: #1a1a1a; background: #fff; }
body { font: 11pt/1.45 "Noto Serif", "DejaVu Serif", Georgia, serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
@media print { body { max-width: none; margin: 0; padding: 0; } }
h1, h2, h3, h4 { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; line-height: 1.2; break-after: avoid; }
h1 { font-size: 20pt; } h2 { font-size: 15pt; margin-top: 1.6em; } h3 { font-size: 12.5pt; } h4 { font-size: 11pt; }
p, li { orphans: 3; widows: 3; }
blockquote { margin: 1em 0 1em 1.5em; padding-left: 1em; border-left: 3px solid #aaa; color: #404040; font-style: italic; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; break-inside: auto; }
tr { break-inside: avoid; }
th, td { border: 1px solid #888; padding: 0.3em 0.5em; vertical-align: top; text-align: left; }
th { background: #e7e6e6; }
th p, td p { margin: 0; }
code { font: 0.92em "DejaVu Sans Mono", "Courier New", monospace; }
hr { border: 0; border-top: 1px solid #999; margin: 1.5em 0; }
img { max-width: 100%; }
a { color: #1f4e9b; }
a[href^="#note-"] { text-decoration: none; }
.notes { border-top: 2px solid #444; margin-top: 3em; font-size: 9.5pt; }
@media print { .notes { break-before: page; border-top: 0; margin-top: 0; } }
.notes > ol { padding-left: 2em; }
.notes > ol > li { margin-bottom: 1em; break-inside: avoid; }
.note-meta { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: #555; }
.note-quote { font-style: italic; margin: 0.3em 0 0.3em 0.5em; }
.note-replies { list-style: none; padding-left: 1em; border-left: 2px solid #ddd; }
.note-decision { font-weight: bold; }
`

/** Text of a comment with its line breaks, escaped. */
function multiline(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>')
}

function noteQuote(thread: ThreadDto): string {
  const { anchor } = thread
  if (anchor.state === 'document') {
    const on = thread.section.length > 0 ? sectionLabel(thread.section) : 'the whole document'
    return `<p class="note-quote">General comment on ${escapeHtml(on)}</p>`
  }
  const quote = anchor.state === 'anchored' ? anchor.currentText : anchor.quote
  const gone = anchor.state === 'orphaned' ? ' <span class="note-gone">(no longer in the draft)</span>' : ''
  return `<p class="note-quote">“${multiline(quote)}”${gone}</p>`
}

/** One numbered note: who, what kind, where, the comment, the proposal, the replies and the decision. */
function noteHtml(entry: PlacedThread): string {
  const { thread } = entry
  const [first, ...replies] = thread.comments
  const meta = [
    `<strong>${escapeHtml(authorLabel(thread.author))}</strong>`,
    escapeHtml(thread.type),
    thread.section.length > 0 ? escapeHtml(sectionLabel(thread.section)) : '',
    escapeHtml(thread.status === 'resolved' ? `resolved (${resolutionLabel(thread.resolution)})` : 'open'),
    escapeHtml(dateOnly(first?.createdAt ?? thread.createdAt)),
  ].filter((part) => part !== '')
  const parts = [`<p class="note-meta">${meta.join(' · ')}</p>`, noteQuote(thread)]
  if (first) parts.push(`<p class="note-body">${multiline(commentBody(first))}</p>`)
  if (thread.proposedText) {
    parts.push(`<p class="note-proposal"><em>Proposed change:</em> ${multiline(thread.proposedText)}</p>`)
  }
  if (replies.length > 0) {
    const items = replies.map(
      (reply) =>
        `<li><strong>${escapeHtml(authorLabel(reply.author))}</strong> (${escapeHtml(dateOnly(reply.createdAt))}): ${multiline(commentBody(reply))}</li>`,
    )
    parts.push(`<ul class="note-replies">\n${items.join('\n')}\n</ul>`)
  }
  const decision = decisionText(thread)
  if (decision !== null) {
    const by = thread.resolvedBy ? `, ${thread.resolvedBy.name}` : ''
    parts.push(
      `<p class="note-decision">${multiline(decision)} <span class="note-meta">(${escapeHtml(`${dateOnly(thread.resolvedAt)}${by}`)})</span></p>`,
    )
  }
  return `<li id="note-${entry.number}">\n${parts.join('\n')}\n</li>`
}

/** The notes list: every thread, numbered as its marker in the text. */
function notesHtml(placed: readonly PlacedThread[]): string {
  if (placed.length === 0) return ''
  return `<section class="notes" aria-labelledby="notes-title">\n<h2 id="notes-title">Comments</h2>\n<ol>\n${placed.map(noteHtml).join('\n')}\n</ol>\n</section>\n`
}

/**
 * The draft as a standalone printable page: a `<title>`, print CSS, no script and a policy forbidding any;
 * with threads, a numbered marker after each thread's text (general and orphaned threads after their
 * section's heading) and the notes at the end. All text is escaped by the shared serializer or here.
 */
export function exportHtml(
  doc: ProseMirrorNode,
  options: { title: string; placed: readonly PlacedThread[]; purpose: HtmlPurpose },
): string {
  let body = options.placed.length > 0 ? withNoteMarkers(doc, options.placed, { link: true }) : doc
  if (options.purpose === 'print') body = withImagePlaceholders(body)
  return `<!doctype html>
<html>
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(options.purpose)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Marginalia">
<title>${escapeHtml(options.title)}</title>
<style>${printCss}</style>
</head>
<body>
<main>
${serializeHtml(body)}
</main>
${notesHtml(options.placed)}</body>
</html>
`
}
