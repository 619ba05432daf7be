import type { Node as ProseMirrorNode } from 'prosemirror-model'
import { schema, serializeMarkdown } from '../../shared/schema/index.ts'
import {
  authorLabel,
  commentBody,
  dateOnly,
  decisionText,
  resolutionLabel,
  sectionLabel,
  xmlSafe,
} from './labels.ts'
import { withNoteMarkers } from './note-markers.ts'
import type { PlacedThread } from './placement.ts'

const { nodes, marks } = schema

/** Text with its line breaks as hard breaks; empty text gives no nodes (the schema has no empty text). */
function lines(
  text: string,
  textMarks: readonly ReturnType<typeof marks.em.create>[] = [],
): ProseMirrorNode[] {
  const out: ProseMirrorNode[] = []
  xmlSafe(text)
    .split('\n')
    .forEach((line, i) => {
      if (i > 0) out.push(nodes.hard_break.create())
      if (line !== '') out.push(schema.text(line, textMarks))
    })
  return out
}

function paragraph(...content: ProseMirrorNode[][]): ProseMirrorNode {
  return nodes.paragraph.create(null, content.flat())
}

/** One note as a list item: who and what, the quote, the comment, the proposal, the replies and the decision. */
function noteItem(entry: PlacedThread): ProseMirrorNode {
  const { thread } = entry
  const [first, ...replies] = thread.comments
  const meta = [
    thread.type,
    thread.section.length > 0 ? sectionLabel(thread.section) : '',
    thread.status === 'resolved' ? `resolved (${resolutionLabel(thread.resolution)})` : 'open',
    dateOnly(first?.createdAt ?? thread.createdAt),
  ].filter((part) => part !== '')
  const blocks = [
    paragraph(lines(authorLabel(thread.author), [marks.strong.create()]), lines(` — ${meta.join(', ')}`)),
  ]
  const { anchor } = thread
  if (anchor.state === 'document') blocks.push(paragraph(lines('General comment', [marks.em.create()])))
  else {
    const quote = anchor.state === 'anchored' ? anchor.currentText : anchor.quote
    const gone = anchor.state === 'orphaned' ? ' (no longer in the draft)' : ''
    if (quote !== '') blocks.push(paragraph(lines(`“${quote}”${gone}`, [marks.em.create()])))
  }
  if (first) blocks.push(paragraph(lines(commentBody(first))))
  if (thread.proposedText) {
    blocks.push(paragraph(lines('Proposed change: ', [marks.em.create()]), lines(thread.proposedText)))
  }
  if (replies.length > 0) {
    blocks.push(
      nodes.bullet_list.create(
        null,
        replies.map((reply) =>
          nodes.list_item.create(null, [
            paragraph(
              lines(authorLabel(reply.author), [marks.strong.create()]),
              lines(` (${dateOnly(reply.createdAt)}): ${commentBody(reply)}`),
            ),
          ]),
        ),
      ),
    )
  }
  const decision = decisionText(thread)
  if (decision !== null) {
    const by = thread.resolvedBy ? `, ${thread.resolvedBy.name}` : ''
    blocks.push(
      paragraph(lines(decision, [marks.strong.create()]), lines(` (${dateOnly(thread.resolvedAt)}${by})`)),
    )
  }
  return nodes.list_item.create(null, blocks)
}

/** Notes written between two turns of the event loop. */
const notesPerTurn = 100

/**
 * The draft as Markdown, through the shared strict serializer. With threads, each is marked by its number in
 * superscript (`^3^`) after its text, and the notes follow under a "Comments" heading — built as document
 * nodes, so every user's text is escaped by the same serializer. Each note is written on its own (as a list
 * starting at its number) and the event loop gets a turn every hundred: the serializer's cost grows faster
 * than the text it has written, so one pass over 2,000 notes would take minutes.
 */
export async function exportMarkdown(doc: ProseMirrorNode, placed: readonly PlacedThread[]): Promise<string> {
  if (placed.length === 0) return serializeMarkdown(doc)
  const body = serializeMarkdown(withNoteMarkers(doc, placed, { link: false }))
  const notes: string[] = []
  for (let i = 0; i < placed.length; i++) {
    if (i > 0 && i % notesPerTurn === 0) await new Promise((resolve) => setImmediate(resolve))
    const entry = placed[i]!
    const list = nodes.ordered_list.create({ order: entry.number }, [noteItem(entry)])
    notes.push(serializeMarkdown(nodes.doc.create(null, [list])))
  }
  return `${body}\n---\n\n## Comments\n\n${notes.join('\n')}`
}
