import { useCallback, useEffect, useState } from 'preact/hooks'
import { setUnauthenticatedHandler } from '../api/http.ts'
import { getSession, signOut } from '../api/session.ts'
import type { User } from '../api/types.ts'
import { applyDocumentLocale, setLocale } from '../i18n/i18n.ts'
import { navigate } from '../router.ts'

/** Whether we know who is signed in yet, and who. */
export type SessionState =
  | { status: 'loading' }
  | { status: 'unreachable'; error: unknown }
  | { status: 'signedOut' }
  | { status: 'signedIn'; user: User }

/** The session and what changes it, as the app shell uses them. */
export interface Session {
  state: SessionState
  /** Asks the server again, after it could not be reached. */
  retry: () => void
  /** Records a successful sign-in, switching the interface to the user's language. */
  signedIn: (user: User) => Promise<void>
  /**
   * Signs out on the server and goes to sign-in, or stays on `stay` (a page open to signed-out visitors, such
   * as an invitation); rejects (staying signed in) when that fails.
   */
  signOut: (stay?: string) => Promise<void>
}

/** Speaks the user's language when we know it, else the browser's. */
async function speakLanguageOf(user: User | null): Promise<void> {
  const browser = typeof navigator === 'undefined' ? [] : navigator.languages
  await setLocale(user ? [user.locale, ...browser] : browser)
  applyDocumentLocale()
}

/** Loads the session once at start and keeps it current, including when a request finds it expired. */
export function useSession(): Session {
  const [state, setState] = useState<SessionState>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    let live = true
    setUnauthenticatedHandler(() => setState({ status: 'signedOut' }))
    getSession()
      .then(async (user) => {
        await speakLanguageOf(user)
        if (live) setState(user ? { status: 'signedIn', user } : { status: 'signedOut' })
      })
      .catch(async (error: unknown) => {
        await speakLanguageOf(null)
        if (live) setState({ status: 'unreachable', error })
      })
    return () => {
      live = false
      setUnauthenticatedHandler(null)
    }
  }, [attempt])

  const retry = useCallback(() => {
    setState({ status: 'loading' })
    setAttempt((n) => n + 1)
  }, [])

  const signedIn = useCallback(async (user: User) => {
    await speakLanguageOf(user)
    setState({ status: 'signedIn', user })
  }, [])

  const signOutNow = useCallback(async (stay?: string) => {
    await signOut()
    // Go to sign-in first, so the guard does not send the user there with a `next` back to where they were.
    if (stay) navigate(stay, { replace: true })
    else navigate('/login')
    setState({ status: 'signedOut' })
  }, [])

  return { state, retry, signedIn, signOut: signOutNow }
}
