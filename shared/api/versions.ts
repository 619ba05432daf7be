import { z } from 'zod'
import type { Resolution, ThreadStatus, ThreadType } from './threads.ts'

/** How a version came to be. */
export type VersionKind = 'manual' | 'phase' | 'import' | 'restore'

/** A named version of a document. */
export interface VersionDto {
  id: string
  name: string
  kind: VersionKind
  createdAt: string
  createdBy: { id: string; name: string } | null
}

/** A thread as a version recorded it. */
export interface VersionThreadDto {
  id: string
  type: ThreadType
  status: ThreadStatus
  resolution: Resolution | null
  resolutionNote: string | null
  quote: string
  authorName: string | null
  authorCountry: string | null
}

/** `POST /api/documents/:id/versions`. */
export const CreateVersionInput = z
  .object({ name: z.string().trim().min(1, 'Name the version').max(200, 'At most 200 characters') })
  .strict()

/** One piece of a comparison: text both have, or text only the later (insert) or earlier (delete) has. */
export interface DiffPart {
  type: 'equal' | 'insert' | 'delete'
  text: string
}

/** `GET /api/documents/:id/compare`: the blocks of both texts aligned, with word changes inside changed blocks. */
export interface ComparisonDto {
  from: { id: string | 'current'; name: string }
  to: { id: string | 'current'; name: string }
  blocks: Array<{ section: string; parts: DiffPart[]; changed: boolean }>
  summary: { paragraphsChanged: number; sections: Array<{ section: string; paragraphsChanged: number }> }
}
