import { z } from 'zod'

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
}

/** An ISO 3166-1 alpha-2 country code; lower case is accepted and upper-cased. */
export const CountryCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, 'Use a two-letter ISO 3166-1 country code, such as ZA or GB')
  .transform((code) => code.toUpperCase())

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
