import { request } from './http.ts'
import type { DocumentDetail, DocumentSummary, Page } from './types.ts'

/** Options for listing documents: the cursor of the page to fetch and its size. */
export interface ListDocumentsOptions {
  cursor?: string | null
  limit?: number
  signal?: AbortSignal
}

/** The documents the signed-in user is a member of, with their role and thread counts, one page at a time. */
export function listDocuments(options: ListDocumentsOptions = {}): Promise<Page<DocumentSummary>> {
  const query = new URLSearchParams()
  if (options.cursor) query.set('cursor', options.cursor)
  if (options.limit !== undefined) query.set('limit', String(options.limit))
  const search = query.size > 0 ? `?${query}` : ''
  return request(`/api/documents${search}`, { signal: options.signal })
}

/** One document's metadata; rejects with ApiError `not_found` (404) when it is absent or not shared with the user. */
export function getDocument(id: string, signal?: AbortSignal): Promise<DocumentDetail> {
  return request(`/api/documents/${encodeURIComponent(id)}`, { signal })
}
