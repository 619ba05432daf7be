import { useEffect, useState } from 'preact/hooks'
import { ApiError, isApiError } from '../../api/errors.ts'
import { acceptInvite, previewInvite } from '../../api/invites.ts'
import type { InvitePreview, User } from '../../api/types.ts'
import { useAction } from '../../app/useAction.ts'
import { useDocumentTitle } from '../../app/useDocumentTitle.ts'
import { useLoad } from '../../app/useLoad.ts'
import { describeError } from '../../components/errorText.ts'
import { LoadError, Loading } from '../../components/StatusMessage.tsx'
import { formatDate, t } from '../../i18n/i18n.ts'
import { navigate } from '../../router.ts'
import { InviteAccountForm } from './InviteAccountForm.tsx'
import { LinkProblem, linkProblemOf, linkProblemTitle } from './LinkProblem.tsx'

/** What the invitation page needs from the app: who is signed in, and how to record a sign-in or sign out. */
export interface InvitePageProps {
  token: string
  user: User | null
  onSignedIn: (user: User) => Promise<void>
  onSignOut: (stay?: string) => Promise<void>
}

/**
 * /invite/:token: what the invitation is for (document, role, who invited) and how to accept it: a new account
 * when signed out, one button when signed in. A link that is not valid, used or expired says so plainly.
 */
export function InvitePage(props: InvitePageProps) {
  const [state, retry] = useLoad((signal) => previewInvite(props.token, signal), props.token)
  const [gone, setGone] = useState<ApiError | null>(null)
  const problem = gone ?? linkProblemOf(state.status === 'error' ? state.error : null)
  const heading =
    state.status === 'ready' ? t('invitePage.heading', { title: state.data.documentTitle }) : null
  useDocumentTitle(problem ? linkProblemTitle(problem, 'invite') : (heading ?? t('invitePage.title')))
  if (problem) return <LinkProblem error={problem} kind="invite" />
  return (
    <div class="narrow">
      {state.status === 'loading' && <Loading label={t('invitePage.loading')} />}
      {state.status === 'error' && (
        <LoadError title={t('invitePage.error')} error={state.error} onRetry={retry} />
      )}
      {state.status === 'ready' && <Invitation {...props} invite={state.data} onGone={setGone} />}
    </div>
  )
}

function Invitation({
  token,
  user,
  invite,
  onSignedIn,
  onSignOut,
  onGone,
}: InvitePageProps & {
  invite: InvitePreview
  onGone: (error: ApiError) => void
}) {
  const role = t(`role.${invite.role}`)
  const join = useAction(() => acceptInvite(token))
  const [signingOut, setSigningOut] = useState(false)
  const accepted = async (answer: { user: User; documentId: string }) => {
    await onSignedIn(answer.user)
    navigate(`/documents/${encodeURIComponent(answer.documentId)}`)
  }
  const joinNow = async () => {
    const answer = await join.run()
    if (answer) await accepted(answer.value)
  }
  useEffect(() => {
    if (join.error instanceof ApiError && [404, 410].includes(join.error.status)) onGone(join.error)
  }, [join.error])

  return (
    <>
      <h1>{t('invitePage.heading', { title: invite.documentTitle })}</h1>
      <p class="lead">
        {invite.invitedBy
          ? t('invitePage.invitedBy', { name: invite.invitedBy, role })
          : t('invitePage.invited', { role })}
      </p>
      <p>{t(`invitePage.roleMeans.${invite.role}`)}</p>
      <p class="hint">
        {t('invitePage.expires', {
          date: formatDate(invite.expiresAt, { dateStyle: 'long', timeStyle: 'short' }),
        })}
      </p>
      {user ? (
        <div class="invite-join">
          <p>{t('invitePage.signedInAs', { name: user.name, email: user.email })}</p>
          <button
            type="button"
            class="button button-primary"
            onClick={joinNow}
            aria-busy={join.busy}
            aria-disabled={join.busy}
          >
            {join.busy ? t('invitePage.joining') : t('invitePage.join', { name: user.name })}
          </button>
          <p>
            <button
              type="button"
              class="link-button"
              aria-busy={signingOut}
              onClick={async () => {
                setSigningOut(true)
                await onSignOut(`/invite/${encodeURIComponent(token)}`).catch(() => setSigningOut(false))
              }}
            >
              {t('invitePage.notYou')}
            </button>
          </p>
          {join.error !== null &&
            !isApiError(join.error, 'invite_used') &&
            !isApiError(join.error, 'invite_expired') && (
              <p class="form-error" role="alert">
                {describeError(join.error)}
              </p>
            )}
        </div>
      ) : (
        <InviteAccountForm token={token} invite={invite} onAccepted={accepted} onGone={onGone} />
      )}
    </>
  )
}
