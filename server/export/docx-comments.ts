import type { PlanComment, PlanInline } from './docx-plan.ts'
import { authorLabel, commentBody, decisionText, initialsOf, sectionLabel, xmlSafe } from './labels.ts'
import type { PlacedThread } from './placement.ts'

/** A comment-range marker at a document position; `phase` orders the markers that share a position. */
export interface PositionedMarker {
  pos: number
  /** 0: ends of ranges that hold text; 1: starts; 2: ends of empty ranges (so an empty range opens, then closes). */
  phase: 0 | 1 | 2
  item: PlanInline
}

/** The Word comments of the threads, and where their ranges start and end in the document. */
export interface CommentPlan {
  comments: PlanComment[]
  markers: PositionedMarker[]
  /** Markers of threads with no place in the document (one without text blocks): they go in a last paragraph. */
  unplaced: PlanInline[]
}

function lines(text: string): string[] {
  return xmlSafe(text).split('\n')
}

/** What the first Word comment of a thread says: its first comment, its proposal, and for threads without text, the quote. */
function rootParagraphs(placed: PlacedThread): string[] {
  const { thread } = placed
  const first = thread.comments[0]
  const paragraphs = first ? lines(commentBody(first)) : ['(no comment)']
  if (thread.proposedText) paragraphs.push(...lines(`Proposed change: ${thread.proposedText}`))
  if (thread.anchor.state === 'orphaned') {
    paragraphs.push(...lines(`On text no longer in the draft: “${thread.anchor.quote}”`))
  } else if (thread.anchor.state === 'document') {
    paragraphs.push(
      thread.section.length > 0
        ? xmlSafe(`General comment on ${sectionLabel(thread.section)}`)
        : 'General comment on the document',
    )
  }
  return paragraphs
}

/**
 * One Word comment per thread, with its replies (`parentId`) and, for a resolved thread, its decision as a
 * last reply ("Decision: accepted — note"); a resolved thread's comments are all marked done. Every comment of
 * a thread spans the thread's range, as Word writes replies, so readers that ignore `parentId` still place them.
 */
export function planComments(placed: readonly PlacedThread[]): CommentPlan {
  const comments: PlanComment[] = []
  const markers: PositionedMarker[] = []
  const unplaced: PlanInline[] = []
  for (const entry of placed) {
    const { thread } = entry
    const resolved = thread.status === 'resolved'
    const rootId = comments.length
    const author = thread.author ?? thread.comments[0]?.author ?? null
    comments.push({
      id: rootId,
      author: xmlSafe(authorLabel(author)),
      initials: initialsOf(author?.name ?? 'Unknown'),
      date: thread.comments[0]?.createdAt ?? thread.createdAt,
      resolved,
      paragraphs: rootParagraphs(entry),
    })
    for (const reply of thread.comments.slice(1)) {
      comments.push({
        id: comments.length,
        parentId: rootId,
        author: xmlSafe(authorLabel(reply.author)),
        initials: initialsOf(reply.author?.name ?? 'Unknown'),
        date: reply.createdAt,
        resolved,
        paragraphs: lines(commentBody(reply)),
      })
    }
    const decision = decisionText(thread)
    if (decision !== null) {
      const by = thread.resolvedBy?.name ?? 'Unknown'
      comments.push({
        id: comments.length,
        parentId: rootId,
        author: xmlSafe(by),
        initials: initialsOf(by),
        date: thread.resolvedAt ?? thread.updatedAt,
        resolved,
        paragraphs: lines(decision),
      })
    }
    if (entry.from === null || entry.to === null) {
      for (let id = rootId; id < comments.length; id++) unplaced.push({ kind: 'commentStart', id })
      for (let id = rootId; id < comments.length; id++) unplaced.push({ kind: 'commentEnd', id })
      for (let id = rootId; id < comments.length; id++) unplaced.push({ kind: 'commentReference', id })
      continue
    }
    const empty = entry.from === entry.to
    for (let id = rootId; id < comments.length; id++) {
      markers.push({ pos: entry.from, phase: 1, item: { kind: 'commentStart', id } })
    }
    for (let id = rootId; id < comments.length; id++) {
      markers.push({ pos: entry.to, phase: empty ? 2 : 0, item: { kind: 'commentEnd', id } })
    }
    for (let id = rootId; id < comments.length; id++) {
      markers.push({ pos: entry.to, phase: empty ? 2 : 0, item: { kind: 'commentReference', id } })
    }
  }
  // A stable sort keeps each thread's markers together and the threads in document order.
  markers.sort((a, b) => a.pos - b.pos || a.phase - b.phase)
  return { comments, markers, unplaced }
}
