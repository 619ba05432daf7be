import { z } from 'zod'
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

/** A document title: what the list and the exports show. */
export const DocumentTitle = z.string().trim().min(1, 'Enter a title').max(300, 'At most 300 characters')

/** `POST /api/documents`. `markdown` is the first text of the draft (at most 2 MB). */
export const CreateDocumentInput = z
  .object({
    title: DocumentTitle,
    markdown: z.string().max(2_000_000, 'At most 2 MB of Markdown').optional(),
  })
  .strict()

/** `PATCH /api/documents/:id`. A deadline is an ISO 8601 time in the future, or null to remove it. */
export const UpdateDocumentInput = z
  .object({
    title: DocumentTitle,
    phase: z.enum(documentPhases, { message: `One of ${documentPhases.join(', ')}` }),
    commentDeadline: z.iso
      .datetime({ offset: true, message: 'An ISO 8601 date and time, such as 2026-12-31T17:00:00Z' })
      .nullable(),
  })
  .partial()
  .strict()

/** A document as the admin overview lists it. */
export interface AdminDocumentDto {
  id: string
  title: string
  phase: DocumentPhase
  createdAt: string
  updatedAt: string
  memberCount: number
  owners: Array<{ id: string; name: string }>
}
