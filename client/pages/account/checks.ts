import { t } from '../../i18n/i18n.ts'

/** The shortest password the server accepts for a new account. */
export const minPasswordLength = 10

/** What is wrong with a person's name as typed, or null: required, at most 120 characters. */
export function checkName(name: string): string | null {
  const trimmed = name.trim()
  return trimmed === '' || trimmed.length > 120 ? t('account.error.name') : null
}

/** What is wrong with an email address as typed, or null (`optional` allows it empty). */
export function checkEmail(email: string, optional = false): string | null {
  const trimmed = email.trim()
  if (trimmed === '' && optional) return null
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed) && trimmed.length <= 254 ? null : t('account.error.email')
}

/** What is wrong with a new password, or null (`optional` allows it empty): 10 to 200 characters. */
export function checkPassword(password: string, optional = false): string | null {
  if (password === '' && optional) return null
  return password.length < minPasswordLength || password.length > 200
    ? t('account.error.password', { min: minPasswordLength })
    : null
}

/** What is wrong with an organization's name, or null: at most 200 characters. */
export function checkOrganization(organization: string): string | null {
  return organization.trim().length > 200 ? t('account.error.organization') : null
}

/** The first field (in form order) that has a problem, to move focus to it. */
export function firstProblem<F extends string>(
  order: F[],
  problems: Partial<Record<F, string | null>>,
): F | null {
  return order.find((field) => problems[field]) ?? null
}
