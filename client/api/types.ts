// The API's shapes come from shared/, which the server answers with, so the two cannot drift apart.
// Type-only imports: nothing from shared/ (nor zod, which it uses) ends up in the client bundle.
import type {
  DocumentDto,
  DocumentPhase,
  DocumentSummaryDto,
  Page as SharedPage,
} from '../../shared/api/documents.ts'
import type { UserDto } from '../../shared/api/users.ts'
import type { DocumentRole } from '../../shared/roles.ts'

/** A signed-in person: {id, email, name, country (ISO 3166-1 alpha-2 or null), organization, locale, isAdmin}. */
export type User = UserDto

/** A member's role in a document, each including the ones before it: viewer, commenter, author, editor, owner. */
export type Role = DocumentRole

/** Where a document stands: drafting, consultation, revision or final. */
export type Phase = DocumentPhase

/** One row of GET /api/documents: a document the caller is a member of, with its thread counts. */
export type DocumentSummary = DocumentSummaryDto

/** GET /api/documents/:id: one document's metadata, seen by a member. */
export type DocumentDetail = DocumentDto

/** A page of any list endpoint: `nextCursor` is null on the last page. */
export type Page<T> = SharedPage<T>
