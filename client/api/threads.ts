import { request } from './http.ts'
import { queryString, segment } from './query.ts'
import type {
  DocumentPerson,
  Page,
  Progress,
  Resolution,
  Thread,
  ThreadComment,
  ThreadType,
} from './types.ts'

/** Where a new thread goes: two relative positions from the live text, or the whole document. */
export type NewAnchor = { start: string; end: string } | { document: true }

/** What POST /api/documents/:id/threads takes. */
export interface NewThread {
  anchor: NewAnchor
  body: string
  type: ThreadType
  proposedText?: string | null
}

/** One page of a document's threads, oldest first (at most 500 a page). */
export function listThreads(
  documentId: string,
  options: { cursor?: string | null; limit?: number; signal?: AbortSignal } = {},
): Promise<Page<Thread>> {
  const search = queryString({ cursor: options.cursor, limit: options.limit })
  return request(`/api/documents/${segment(documentId)}/threads${search}`, { signal: options.signal })
}

/** Every thread of a document, following `nextCursor` page by page. */
export async function listAllThreads(documentId: string, signal?: AbortSignal): Promise<Thread[]> {
  const all: Thread[] = []
  let cursor: string | null = null
  do {
    const page: Page<Thread> = await listThreads(documentId, { cursor, limit: 500, signal })
    all.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return all
}

/** Opens a thread; 422 `anchor_not_found` when the text is gone, 403 `phase_closed` outside the phase. */
export function createThread(documentId: string, input: NewThread): Promise<Thread> {
  return request(`/api/documents/${segment(documentId)}/threads`, { method: 'POST', body: input })
}

/** One thread as it is now. */
export function getThread(threadId: string, signal?: AbortSignal): Promise<Thread> {
  return request(`/api/threads/${segment(threadId)}`, { signal })
}

/** Replies to a thread; answers the new comment. */
export function addComment(threadId: string, body: string): Promise<ThreadComment> {
  return request(`/api/threads/${segment(threadId)}/comments`, { method: 'POST', body: { body } })
}

/** Changes the body of one of my comments (its history is kept). */
export function editComment(commentId: string, body: string): Promise<ThreadComment> {
  return request(`/api/comments/${segment(commentId)}`, { method: 'PATCH', body: { body } })
}

/** Deletes a comment (mine, or anyone's for editors); it stays as a tombstone. */
export function deleteComment(commentId: string): Promise<void> {
  return request(`/api/comments/${segment(commentId)}`, { method: 'DELETE' })
}

/** Endorses a thread ("+1"), or withdraws the endorsement; answers the thread. */
export function setSupport(threadId: string, supported: boolean): Promise<Thread> {
  return request(`/api/threads/${segment(threadId)}/support`, { method: supported ? 'POST' : 'DELETE' })
}

/** The members of a document, for the @mention picker (any member may ask). */
export function listPeople(documentId: string, signal?: AbortSignal): Promise<Page<DocumentPerson>> {
  return request(`/api/documents/${segment(documentId)}/people`, { signal })
}

/** Resolves a thread with a decision and an optional note; 409 `conflict` when it is resolved already. */
export function resolveThread(threadId: string, resolution: Resolution, note?: string): Promise<Thread> {
  const body = note?.trim() ? { resolution, note } : { resolution }
  return request(`/api/threads/${segment(threadId)}/resolve`, { method: 'POST', body })
}

/** Reopens a thread; the thread's own author (below author) must give the reason, added as a reply. */
export function reopenThread(threadId: string, reason?: string): Promise<Thread> {
  const body = reason?.trim() ? { body: reason } : {}
  return request(`/api/threads/${segment(threadId)}/reopen`, { method: 'POST', body })
}

/**
 * Replaces the anchored text with the proposal in the live draft and resolves the thread as accepted; 409
 * `conflict` with `details: {quote, currentText}` when the text changed since the comment (nothing changed).
 */
export function applyThread(threadId: string): Promise<Thread> {
  return request(`/api/threads/${segment(threadId)}/apply`, { method: 'POST' })
}

/** Assigns a thread to an author, editor or owner of the document, or to nobody (null). */
export function assignThread(threadId: string, assigneeId: string | null): Promise<Thread> {
  return request(`/api/threads/${segment(threadId)}`, { method: 'PATCH', body: { assigneeId } })
}

/** What resolving several threads at once did: the ids resolved, and those skipped (resolved already, or foreign). */
export interface BulkResolveResult {
  resolved: string[]
  skipped: string[]
}

/** Resolves up to 500 threads of a document with one decision. */
export function resolveThreads(
  documentId: string,
  threadIds: readonly string[],
  resolution: Resolution,
  note?: string,
): Promise<BulkResolveResult> {
  const body = note?.trim() ? { threadIds, resolution, note } : { threadIds, resolution }
  return request(`/api/documents/${segment(documentId)}/threads/resolve`, { method: 'POST', body })
}

/** A document's progress: open threads, resolved ones by decision, and both per top-level section. */
export function getProgress(documentId: string, signal?: AbortSignal): Promise<Progress> {
  return request(`/api/documents/${segment(documentId)}/progress`, { signal })
}
