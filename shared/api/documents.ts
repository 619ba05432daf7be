import type { Capability, DocumentRole } from '../roles.ts'

/** The stages of a consultation, in order. */
export const documentPhases = ['drafting', 'consultation', 'revision', 'final'] as const

/** A document's stage. */
export type DocumentPhase = (typeof documentPhases)[number]

/** `GET /api/documents/:id`: a document as one of its members sees it. */
export interface DocumentDto {
  id: string
  title: string
  role: DocumentRole
  capabilities: Capability[]
  phase: DocumentPhase
  commentDeadline: string | null
  createdAt: string
  updatedAt: string
}

/** One row of `GET /api/documents`. */
export interface DocumentSummaryDto extends DocumentDto {
  threadCounts: { open: number; resolved: number }
}

/** A page of a list answer. */
export interface Page<T> {
  items: T[]
  nextCursor: string | null
}
