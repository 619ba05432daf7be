import { useEffect, useRef } from 'preact/hooks'
import { Layout } from '../components/Layout.tsx'
import { LoadError, Loading } from '../components/StatusMessage.tsx'
import { t } from '../i18n/i18n.ts'
import { DocumentPage } from '../pages/DocumentPage.tsx'
import { DocumentsPage } from '../pages/DocumentsPage.tsx'
import { NotFoundPage } from '../pages/NotFoundPage.tsx'
import { SignInPage } from '../pages/SignInPage.tsx'
import { interceptLinks, matchRoute, navigate, type Route, redirectFor, usePlace } from '../router.ts'
import { useSession } from './useSession.ts'

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
      {known && !redirect && <Page route={route} onSignedIn={session.signedIn} />}
    </Layout>
  )
}

function Page({
  route,
  onSignedIn,
}: {
  route: Route
  onSignedIn: Parameters<typeof SignInPage>[0]['onSignedIn']
}) {
  switch (route.name) {
    case 'documents':
      return <DocumentsPage />
    case 'document':
      return <DocumentPage key={route.id} id={route.id} />
    case 'login':
      return <SignInPage onSignedIn={onSignedIn} />
    case 'notFound':
      return <NotFoundPage />
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
