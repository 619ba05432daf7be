import { z } from 'zod'
import { type DocumentRole, documentRoles } from '../roles.ts'
import { CountryCode, Email, NewPassword, OrganizationName, type PersonDto, PersonName } from './users.ts'

/** A role, as a request field. */
export const RoleField = z.enum(documentRoles, { message: `One of ${documentRoles.join(', ')}` })

/** One member of a document. */
export interface MemberDto {
  user: PersonDto & { email: string }
  role: DocumentRole
  joinedAt: string
}

/** `PUT /api/documents/:id/members/:userId`. */
export const SetMemberRoleInput = z.object({ role: RoleField }).strict()

/** `POST /api/documents/:id/invites`. With `email`, the link is also mailed. */
export const CreateInviteInput = z
  .object({
    role: RoleField,
    email: Email.optional(),
    expiresInDays: z
      .number()
      .int('A whole number of days')
      .min(1, 'At least 1 day')
      .max(90, 'At most 90 days')
      .default(14),
  })
  .strict()

/** What became of an invitation. */
export type InviteStatus = 'pending' | 'used' | 'expired' | 'revoked'

/** An invitation as editors see it (the token itself is never shown again after creation). */
export interface InviteDto {
  id: string
  role: DocumentRole
  email: string | null
  status: InviteStatus
  createdAt: string
  expiresAt: string
  usedAt: string | null
  createdBy: { id: string; name: string } | null
  usedBy: { id: string; name: string } | null
}

/** `POST /api/documents/:id/invites` answer: the only time the token is shown. */
export interface CreatedInviteDto extends InviteDto {
  url: string
  token: string
}

/** `GET /api/invites/:token`: what the invite page shows before anyone signs in. */
export interface InvitePreviewDto {
  documentId: string
  documentTitle: string
  role: DocumentRole
  email: string | null
  expiresAt: string
  invitedBy: string | null
}

/**
 * `POST /api/invites/:token/accept`. Signed out: the account fields are required (email may be omitted when the
 * invite names one). Signed in: an empty body adds the role to the signed-in account.
 */
export const AcceptInviteInput = z
  .object({
    name: PersonName,
    email: Email.optional(),
    password: NewPassword,
    country: CountryCode,
    organization: OrganizationName.nullable().optional(),
  })
  .strict()

/** `POST /api/invites/:token/accept` answer. */
export interface AcceptedInviteDto {
  documentId: string
  role: DocumentRole
}

/** One line of a document's audit log. */
export interface AuditEntryDto {
  id: string
  action: string
  actor: { id: string; name: string } | null
  target: { id: string; name: string } | null
  details: Record<string, unknown>
  createdAt: string
}
