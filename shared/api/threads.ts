import { z } from 'zod'

/** The kinds of comment. */
export const threadTypes = ['general', 'technical', 'editorial'] as const
/** A thread's kind. */
export type ThreadType = (typeof threadTypes)[number]

/** Open or resolved. */
export const threadStatuses = ['open', 'resolved'] as const
/** A thread's status. */
export type ThreadStatus = (typeof threadStatuses)[number]

/** What was decided when a thread was resolved. */
export const resolutions = ['accepted', 'partially_accepted', 'rejected', 'noted'] as const
/** A decision. */
export type Resolution = (typeof resolutions)[number]

/** Where a thread is in the current text (API.md "Threads and comments"), plus its relative positions. */
export interface AnchorDto {
  state: 'anchored' | 'orphaned' | 'document'
  from: number | null
  to: number | null
  quote: string
  currentText: string
  /** Base64 Yjs relative positions, so a live client can map the range itself. Null for general comments. */
  start: string | null
  end: string | null
  /** True when the thread was found again after its text moved (cut and pasted, or replaced by an import). */
  reanchored: boolean
}

/** Someone who wrote or supports a comment. */
export interface ParticipantDto {
  id: string
  name: string
  country: string | null
  organization: string | null
}

/** One comment of a thread; a deleted one keeps its place with an empty body. */
export interface CommentDto {
  id: string
  author: ParticipantDto | null
  body: string
  createdAt: string
  editedAt: string | null
  deleted: boolean
}

/** A comment thread. */
export interface ThreadDto {
  id: string
  documentId: string
  anchor: AnchorDto
  type: ThreadType
  status: ThreadStatus
  resolution: Resolution | null
  resolutionNote: string | null
  proposedText: string | null
  assigneeId: string | null
  author: ParticipantDto | null
  createdAt: string
  updatedAt: string
  resolvedAt: string | null
  resolvedBy: { id: string; name: string } | null
  section: string[]
  comments: CommentDto[]
  /** Members who endorsed the thread, with their countries. */
  supporters: ParticipantDto[]
}

/** A comment body: plain text, stored verbatim, at most 10,000 characters. */
export const CommentBody = z
  .string()
  .max(10_000, 'At most 10,000 characters')
  .refine((body) => body.trim().length > 0, 'Write something')

/** A proposed replacement for the anchored text. */
export const ProposedText = z.string().max(10_000, 'At most 10,000 characters')

/** An anchor in a request: a quote selector, two relative positions, or the whole document. */
export const AnchorInput = z.union(
  [
    z
      .object({
        quote: z.string().min(1, 'Quote some text').max(10_000),
        prefix: z.string().max(1_000).optional(),
        suffix: z.string().max(1_000).optional(),
      })
      .strict(),
    z.object({ start: z.string().min(1).max(200), end: z.string().min(1).max(200) }).strict(),
    z.object({ document: z.literal(true) }).strict(),
  ],
  { message: 'One of {quote, prefix?, suffix?}, {start, end} or {document: true}' },
)

/** `POST /api/documents/:id/threads`. */
export const CreateThreadInput = z
  .object({
    anchor: AnchorInput,
    body: CommentBody,
    type: z.enum(threadTypes, { message: `One of ${threadTypes.join(', ')}` }).default('general'),
    proposedText: ProposedText.nullable().optional(),
  })
  .strict()

/** `PATCH /api/threads/:id`. */
export const UpdateThreadInput = z
  .object({
    type: z.enum(threadTypes, { message: `One of ${threadTypes.join(', ')}` }),
    assigneeId: z.uuid('A user id').nullable(),
    proposedText: ProposedText.nullable(),
  })
  .partial()
  .strict()

/** `POST /api/threads/:id/comments` and `PATCH /api/comments/:id`. */
export const CommentInput = z.object({ body: CommentBody }).strict()

/** The events the collaboration socket carries for threads. */
export const threadEventNames = [
  'thread.created',
  'thread.updated',
  'thread.deleted',
  'comment.created',
  'comment.updated',
  'comment.deleted',
  'thread.resolved',
  'thread.reopened',
] as const

/** One of those events. */
export type ThreadEventName = (typeof threadEventNames)[number]

/** `POST /api/threads/:id/resolve`. */
export const ResolveThreadInput = z
  .object({
    resolution: z.enum(resolutions, { message: `One of ${resolutions.join(', ')}` }),
    note: z.string().max(10_000, 'At most 10,000 characters').optional(),
  })
  .strict()

/** `POST /api/threads/:id/reopen`: the thread's own author must say why (a reply); authors may. */
export const ReopenThreadInput = z.object({ body: CommentBody.optional() }).strict()

/** `POST /api/documents/:id/threads/resolve`: several threads with one decision. */
export const BulkResolveInput = z
  .object({
    threadIds: z
      .array(z.uuid('A thread id'))
      .min(1, 'Choose at least one thread')
      .max(500, 'At most 500 at once'),
    resolution: z.enum(resolutions, { message: `One of ${resolutions.join(', ')}` }),
    note: z.string().max(10_000, 'At most 10,000 characters').optional(),
  })
  .strict()

/** A document's progress: open threads, resolved ones by decision, and both per section. */
export interface ProgressDto {
  open: number
  resolved: Record<Resolution, number>
  sections: Array<{ section: string; open: number; resolved: number }>
}
