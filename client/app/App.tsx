import { useEffect, useRef } from 'preact/hooks'
import type { User } from '../api/types.ts'
import { Layout } from '../components/Layout.tsx'
import { LoadError, Loading } from '../components/StatusMessage.tsx'
import { t } from '../i18n/i18n.ts'
import { DocumentPage } from '../pages/DocumentPage.tsx'
import { DocumentsPage } from '../pages/DocumentsPage.tsx'
import { NotFoundPage } from '../pages/NotFoundPage.tsx'
import { SignInPage } from '../pages/SignInPage.tsx'
import { interceptLinks, matchRoute, navigate, type Route, redirectFor, usePlace } from '../router.ts'
import { lazyPage } from './lazyPage.tsx'
import { type Session, useSession } from './useSession.ts'

// Pages most visits never open, each in its own chunk: sign-in and the documents list stay small.
const InvitePage = lazyPage(() => import('../pages/account/InvitePage.tsx').then((m) => m.InvitePage))
const ForgotPasswordPage = lazyPage(() =>
  import('../pages/account/ForgotPasswordPage.tsx').then((m) => m.ForgotPasswordPage),
)
const ResetPasswordPage = lazyPage(() =>
  import('../pages/account/ResetPasswordPage.tsx').then((m) => m.ResetPasswordPage),
)
const ProfilePage = lazyPage(() => import('../pages/account/ProfilePage.tsx').then((m) => m.ProfilePage))
const MembersPage = lazyPage(() => import('../pages/members/MembersPage.tsx').then((m) => m.MembersPage))
const VersionsPage = lazyPage(() => import('../pages/versions/VersionsPage.tsx').then((m) => m.VersionsPage))
const DispositionPage = lazyPage(() =>
  import('../pages/disposition/DispositionPage.tsx').then((m) => m.DispositionPage),
)
const AdminPage = lazyPage(() => import('../pages/admin/AdminPage.tsx').then((m) => m.AdminPage))

/** The app shell: finds out who is signed in, sends them where they may go, and shows the page for the address. */
export function App() {
  const session = useSession()
  const place = usePlace()
  const route = matchRoute(place.pathname)
  const { state } = session
  const known = state.status === 'signedIn' || state.status === 'signedOut'
  const redirect = known ? redirectFor(state.status === 'signedIn', route, place) : null

  useEffect(() => interceptLinks(), [])
  useEffect(() => {
    if (redirect) navigate(redirect, { replace: true })
  }, [redirect])
  useFocusOnNavigation(place.pathname)

  const user = state.status === 'signedIn' ? state.user : null
  return (
    <Layout user={user} onSignOut={session.signOut}>
      {state.status === 'unreachable' && (
        <LoadError title={t('app.unreachable.title')} error={state.error} onRetry={session.retry} />
      )}
      {(state.status === 'loading' || redirect) && <Loading label={t('app.loading')} />}
      {known && !redirect && <Page route={route} user={user} session={session} />}
    </Layout>
  )
}

/** The page for a route; pages that need a session only render with a user (the redirect saw to that). */
function Page({ route, user, session }: { route: Route; user: User | null; session: Session }) {
  switch (route.name) {
    case 'login':
      return <SignInPage onSignedIn={session.signedIn} />
    case 'forgot':
      return <ForgotPasswordPage />
    case 'reset':
      return <ResetPasswordPage key={route.token} token={route.token} />
    case 'invite':
      return (
        <InvitePage
          key={route.token}
          token={route.token}
          user={user}
          onSignedIn={session.signedIn}
          onSignOut={session.signOut}
        />
      )
    case 'notFound':
      return <NotFoundPage />
  }
  if (!user) return <NotFoundPage />
  switch (route.name) {
    case 'documents':
      return <DocumentsPage user={user} />
    case 'document':
      return <DocumentPage key={route.id} id={route.id} user={user} />
    case 'members':
      return <MembersPage key={route.id} id={route.id} user={user} />
    case 'versions':
      return <VersionsPage key={route.id} id={route.id} />
    case 'disposition':
      return <DispositionPage key={route.id} id={route.id} />
    case 'profile':
      return <ProfilePage user={user} onSaved={session.signedIn} />
    case 'admin':
      return <AdminPage user={user} />
  }
}

/**
 * After moving to another page, puts focus on the main region so screen readers start reading the new page
 * there, unless the page already placed it inside (the sign-in form focuses its email field).
 */
function useFocusOnNavigation(pathname: string): void {
  const shown = useRef(pathname)
  useEffect(() => {
    if (shown.current === pathname) return
    shown.current = pathname
    const main = document.getElementById('main')
    if (main && !main.contains(document.activeElement)) main.focus()
  }, [pathname])
}
