import { request } from './http.ts'
import { queryString, segment } from './query.ts'
import type { DocumentDetail, DocumentSummary, Page, Phase } from './types.ts'

/** Options for listing documents: the cursor of the page to fetch and its size. */
export interface ListDocumentsOptions {
  cursor?: string | null
  limit?: number
  signal?: AbortSignal
}

/** The documents the signed-in user is a member of, with their role and thread counts, one page at a time. */
export function listDocuments(options: ListDocumentsOptions = {}): Promise<Page<DocumentSummary>> {
  const search = queryString({ cursor: options.cursor, limit: options.limit })
  return request(`/api/documents${search}`, { signal: options.signal })
}

/** One document's metadata; rejects with ApiError `not_found` (404) when it is absent or not shared with the user. */
export function getDocument(id: string, signal?: AbortSignal): Promise<DocumentDetail> {
  return request(`/api/documents/${segment(id)}`, { signal })
}

/** A new document, with its first text as Markdown; the creator becomes its owner. 403 without the right. */
export function createDocument(input: { title: string; markdown?: string }): Promise<DocumentDetail> {
  return request('/api/documents', { method: 'POST', body: input })
}

/** What PATCH /api/documents/:id changes: the title, the phase (one step), the deadline (null removes it). */
export interface DocumentChanges {
  title?: string
  phase?: Phase
  commentDeadline?: string | null
}

/** Renames a document, moves its phase or sets its deadline (manage_phases); 409 `conflict` for a bad step. */
export function updateDocument(id: string, changes: DocumentChanges): Promise<DocumentDetail> {
  return request(`/api/documents/${segment(id)}`, { method: 'PATCH', body: changes })
}

/** Deletes a document for everyone (owners only). */
export function deleteDocument(id: string): Promise<void> {
  return request(`/api/documents/${segment(id)}`, { method: 'DELETE' })
}
