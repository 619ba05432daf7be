import type { ComponentChildren } from 'preact'
import type { User } from '../api/types.ts'
import { t } from '../i18n/i18n.ts'
import { Inbox } from '../inbox/Inbox.tsx'
import { AccountMenu } from './AccountMenu.tsx'

/** What every page shares: the skip link, the site header (with the account when signed in) and the main region. */
export function Layout({
  user,
  onSignOut,
  children,
}: {
  user: User | null
  onSignOut: (stay?: string) => Promise<void>
  children: ComponentChildren
}) {
  return (
    <>
      <a class="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header class="site-header">
        <div class="site-header-inner">
          <a class="brand" href="/" aria-label={t('header.home')}>
            Marginalia
          </a>
          {user && (
            <nav class="site-nav" aria-label={t('header.nav')}>
              <ul>
                <li>
                  <a href="/">{t('header.documents')}</a>
                </li>
                {user.isAdmin && (
                  <li>
                    <a href="/admin">{t('header.admin')}</a>
                  </li>
                )}
              </ul>
            </nav>
          )}
          {user && <Inbox key={user.id} />}
          {user && <AccountMenu user={user} onSignOut={onSignOut} />}
        </div>
      </header>
      <main id="main" class="page" tabIndex={-1}>
        {children}
      </main>
    </>
  )
}
