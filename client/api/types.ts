// The API's shapes come from shared/, which the server answers with, so the two cannot drift apart.
// Type-only imports: nothing from shared/ (nor zod, which it uses) ends up in the client bundle.
import type {
  AdminDocumentDto,
  DocumentDto,
  DocumentPhase,
  DocumentSummaryDto,
  Page as SharedPage,
} from '../../shared/api/documents.ts'
import type {
  AcceptedInviteDto,
  AuditEntryDto,
  CreatedInviteDto,
  InviteDto,
  InvitePreviewDto,
  MemberDto,
  InviteStatus as SharedInviteStatus,
} from '../../shared/api/members.ts'
import type {
  AnchorDto,
  CommentDto,
  ParticipantDto,
  ProgressDto,
  Resolution as SharedResolution,
  ThreadType as SharedThreadType,
  ThreadDto,
} from '../../shared/api/threads.ts'
import type { AdminUserDto, PasswordResetLinkDto, PersonDto, UserDto } from '../../shared/api/users.ts'
import type { DocumentRole, Capability as SharedCapability } from '../../shared/roles.ts'

/** A signed-in person: {id, email, name, country (alpha-2 or null), organization, locale, isAdmin, canCreateDocuments}. */
export type User = UserDto

/** A member's role in a document, each including the ones before it: viewer, commenter, author, editor, owner. */
export type Role = DocumentRole

/** One thing a member may do in a document, as the API lists it in `capabilities`. */
export type Capability = SharedCapability

/** Where a document stands: drafting, consultation, revision or final. */
export type Phase = DocumentPhase

/** One row of GET /api/documents: a document the caller is a member of, with its thread counts. */
export type DocumentSummary = DocumentSummaryDto

/** GET /api/documents/:id: one document's metadata, seen by a member, with the caller's capabilities. */
export type DocumentDetail = DocumentDto

/** A page of any list endpoint: `nextCursor` is null on the last page. */
export type Page<T> = SharedPage<T>

/** A person as other members see them. */
export type Person = PersonDto

/** A user as the admin page lists them: a user plus disabled, createdAt and documentCount. */
export type AdminUser = AdminUserDto

/** A single-use link to set a password, with when it stops working. */
export type PasswordResetLink = PasswordResetLinkDto

/** One member of a document, with their email and role. */
export type Member = MemberDto

/** What became of an invitation: pending, used, expired or revoked. */
export type InviteStatus = SharedInviteStatus

/** An invitation as editors see it later (without its token). */
export type Invite = InviteDto

/** A fresh invitation: the only answer that carries its URL and token. */
export type CreatedInvite = CreatedInviteDto

/** What an invitation link shows before anyone signs in. */
export type InvitePreview = InvitePreviewDto

/** The answer to accepting an invitation: the document joined, the role held, and the (new) session. */
export type AcceptedInvite = AcceptedInviteDto & { user: User; csrfToken: string }

/** One line of a document's audit log. */
export type AuditEntry = AuditEntryDto

/** A document as the admin overview lists it. */
export type AdminDocument = AdminDocumentDto

/** A comment thread: its anchor in the text, kind, status, author, comments and supporters. */
export type Thread = ThreadDto

/** One comment of a thread; a deleted one keeps its place (`deleted`, empty body). */
export type ThreadComment = CommentDto

/** Where a thread sits in the text: anchored, orphaned (its text was deleted) or the whole document. */
export type Anchor = AnchorDto

/** The kind of a thread: general, technical or editorial. */
export type ThreadType = SharedThreadType

/** What was decided when a thread was resolved: accepted, partially_accepted, rejected or noted. */
export type Resolution = SharedResolution

/** A document's progress (GET /api/documents/:id/progress): open threads, resolved ones by decision, per section. */
export type Progress = ProgressDto

/** Someone who wrote or supports a comment: id, name, country, organization. */
export type Participant = ParticipantDto

/** A member of a document as the @mention picker lists them (GET /api/documents/:id/people). */
export interface DocumentPerson {
  id: string
  name: string
  country: string | null
  organization: string | null
  role: Role
}

/** What a notification is about. */
export type NotificationKind = 'mention' | 'reply' | 'resolved' | 'assigned'

/** One line of the inbox (GET /api/notifications). */
export interface Notification {
  id: string
  kind: NotificationKind
  documentId: string
  documentTitle: string
  threadId: string
  commentId: string | null
  actor: { id: string; name: string; country: string | null } | null
  excerpt: string
  createdAt: string
  readAt: string | null
}

/** A page of the inbox, with how many notifications are unread in all. */
export interface NotificationPage extends Page<Notification> {
  unreadCount: number
}
