import { useState } from 'preact/hooks'
import type { User } from '../api/types.ts'
import { formatCountry, t } from '../i18n/i18n.ts'

/** Who is signed in (name, organization, country) and the Sign out button, with its busy and failed states. */
export function AccountMenu({ user, onSignOut }: { user: User; onSignOut: () => Promise<void> }) {
  const [busy, setBusy] = useState(false)
  const [failed, setFailed] = useState(false)
  const affiliation = [user.organization, user.country && formatCountry(user.country)]
    .filter(Boolean)
    .join(' · ')

  const signOut = async () => {
    if (busy) return
    setBusy(true)
    setFailed(false)
    try {
      await onSignOut()
    } catch {
      setFailed(true)
      setBusy(false)
    }
  }

  return (
    <section class="account" aria-label={t('header.account')}>
      <p class="account-who">
        <a class="account-name" href="/profile" title={t('header.profile')}>
          {user.name}
        </a>
        {affiliation && <span class="account-affiliation">{affiliation}</span>}
      </p>
      <button
        type="button"
        class="button button-quiet"
        onClick={signOut}
        aria-disabled={busy}
        aria-busy={busy}
      >
        {busy ? t('header.signingOut') : t('header.signOut')}
      </button>
      {failed && (
        <p class="account-error" role="alert">
          {t('header.signOutFailed')}
        </p>
      )}
    </section>
  )
}
