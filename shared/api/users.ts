import { z } from 'zod'
import { isCountryCode } from '../countries.ts'

/** A user as the API shows it (API.md "Session and users"). */
export interface UserDto {
  id: string
  email: string
  name: string
  /** ISO 3166-1 alpha-2, upper case. */
  country: string | null
  organization: string | null
  /** A BCP 47 tag such as `en` or `fr-CA`. */
  locale: string
  isAdmin: boolean
  /** May create documents (admins always may). */
  canCreateDocuments: boolean
}

/** A user as the admin page lists them. */
export interface AdminUserDto extends UserDto {
  disabled: boolean
  createdAt: string
  /** How many documents the user is a member of. */
  documentCount: number
}

/** A single-use link that lets a user set a new password. */
export interface PasswordResetLinkDto {
  url: string
  expiresAt: string
}

/** A person as other members see them, next to their comments and in member lists. */
export interface PersonDto {
  id: string
  name: string
  country: string | null
  organization: string | null
}

/** An ISO 3166-1 alpha-2 country code; lower case is accepted and upper-cased. */
export const CountryCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, 'Use a two-letter ISO 3166-1 country code, such as ZA or GB')
  .transform((code) => code.toUpperCase())
  .refine(isCountryCode, 'Not an ISO 3166-1 country code')

/** An email address, trimmed; its case is kept but compared case-insensitively. */
export const Email = z.string().trim().max(254, 'At most 254 characters').email('Enter a valid email address')

/** A password for a new account: long enough to resist guessing, short enough to hash cheaply. */
export const NewPassword = z.string().min(10, 'At least 10 characters').max(200, 'At most 200 characters')

/** A person's display name. */
export const PersonName = z.string().trim().min(1, 'Enter a name').max(120, 'At most 120 characters')

/** An organization's name, or nothing. */
export const OrganizationName = z.string().trim().max(200, 'At most 200 characters')

/** A BCP 47 language tag, checked by `Intl`. */
export const LocaleTag = z
  .string()
  .trim()
  .max(35)
  .refine((tag) => {
    try {
      return Intl.getCanonicalLocales(tag).length === 1
    } catch {
      return false
    }
  }, 'Use a BCP 47 language tag, such as en or fr-CA')

/** `PATCH /api/users/me`. */
export const UpdateProfileInput = z
  .object({
    name: PersonName,
    country: CountryCode.nullable(),
    organization: OrganizationName.nullable(),
    locale: LocaleTag,
  })
  .partial()
  .strict()

/** `POST /api/admin/users`: without a password, the answer carries a link to set one. */
export const AdminCreateUserInput = z
  .object({
    email: Email,
    name: PersonName,
    password: NewPassword.optional(),
    country: CountryCode.nullable().optional(),
    organization: OrganizationName.nullable().optional(),
    isAdmin: z.boolean().default(false),
    canCreateDocuments: z.boolean().default(false),
  })
  .strict()

/** `PATCH /api/admin/users/:id`. `resetPassword: true` answers a fresh password-reset link. */
export const AdminUpdateUserInput = z
  .object({
    disabled: z.boolean(),
    isAdmin: z.boolean(),
    canCreateDocuments: z.boolean(),
    resetPassword: z.literal(true),
  })
  .partial()
  .strict()

/** `POST /api/password-resets`. */
export const RequestPasswordResetInput = z.object({ email: Email }).strict()

/** `POST /api/password-resets/:token`. */
export const CompletePasswordResetInput = z.object({ password: NewPassword }).strict()
