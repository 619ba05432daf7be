import { request } from './http.ts'
import { queryString, segment } from './query.ts'
import type { DocumentPerson, Page, Thread, ThreadComment, ThreadType } from './types.ts'

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
