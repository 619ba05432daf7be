import { ApiError, fieldMessages } from '../api/errors.ts'
import { formatRelative, type MessageKey, t } from '../i18n/i18n.ts'

/**
 * A refused or failed call in plain words, for the message above a form. `overrides` words the codes that
 * mean something particular where the call was made (say `conflict` on the members page).
 */
export function describeError(error: unknown, overrides: Partial<Record<string, MessageKey>> = {}): string {
  if (!(error instanceof ApiError)) return t('common.error.unexpected')
  const override = overrides[error.code]
  if (override) return t(override)
  switch (error.code) {
    case 'network_error':
      return t('common.error.network')
    case 'invalid_request':
      return t('common.error.fields')
    case 'forbidden':
      return t('common.error.forbidden')
    case 'not_found':
      return t('common.error.notFound')
    case 'conflict':
      return t('common.error.conflict')
    case 'too_large':
      return t('common.error.tooLarge')
    case 'rate_limited':
      return error.retryAfter === null
        ? t('common.error.rateLimitedNoWait')
        : t('common.error.rateLimited', { when: formatRelative(Date.now() + error.retryAfter * 1000) })
    default:
      return t('common.error.unexpected')
  }
}

/**
 * The message beside each field the server refused (`details.fields`), in the UI language: `known` words each
 * field the form shows, by what that field requires. Fields the form does not show are left out.
 */
export function fieldErrors<F extends string>(
  error: unknown,
  known: Record<F, MessageKey>,
): Partial<Record<F, string>> {
  const errors: Partial<Record<F, string>> = {}
  for (const field of Object.keys(fieldMessages(error))) {
    if (Object.hasOwn(known, field)) errors[field as F] = t(known[field as F])
  }
  return errors
}
