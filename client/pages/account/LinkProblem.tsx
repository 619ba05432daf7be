import { ApiError } from '../../api/errors.ts'
import { t } from '../../i18n/i18n.ts'

/** Why a link does not work: 404 not valid (unknown or revoked), 410 used or expired. */
function reasonOf(error: ApiError): 'invalid' | 'used' | 'expired' {
  // The contract answers 410 `invite_used` or `invite_expired` for both kinds of link; any other is not valid.
  return error.status !== 410 ? 'invalid' : error.code.endsWith('_used') ? 'used' : 'expired'
}

/** The link problem in `error` (a 404 or 410 answer), or null when it is some other failure. */
export function linkProblemOf(error: unknown): ApiError | null {
  return error instanceof ApiError && (error.status === 404 || error.status === 410) ? error : null
}

/** The page title for a link that does not work. */
export function linkProblemTitle(error: ApiError, kind: 'invite' | 'reset'): string {
  return t(`linkProblem.${kind}.${reasonOf(error)}.title`)
}

/**
 * A link that no longer works, in plain words: not valid (404: unknown or revoked), already used or expired
 * (410), and what to do about it: ask the editor for a new invitation, or ask for a new password link.
 * The page sets the tab title itself (linkProblemTitle), since its own effect runs after this one's.
 */
export function LinkProblem({ error, kind }: { error: ApiError; kind: 'invite' | 'reset' }) {
  const reason = reasonOf(error)
  return (
    <div class="narrow">
      <h1>{linkProblemTitle(error, kind)}</h1>
      <p role="alert">{t(`linkProblem.${kind}.${reason}.body`)}</p>
      <p>
        {kind === 'invite' ? (
          <a href="/">{t('notFound.home')}</a>
        ) : (
          <a href="/forgot">{t('linkProblem.reset.again')}</a>
        )}
      </p>
    </div>
  )
}
