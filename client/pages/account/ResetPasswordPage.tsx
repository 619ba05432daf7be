import { useState } from 'preact/hooks'
import { checkPasswordReset, completePasswordReset } from '../../api/passwordResets.ts'
import { useAction } from '../../app/useAction.ts'
import { useDocumentTitle } from '../../app/useDocumentTitle.ts'
import { useLoad } from '../../app/useLoad.ts'
import { describeError, fieldErrors } from '../../components/errorText.ts'
import { TextField } from '../../components/Field.tsx'
import { LoadError, Loading } from '../../components/StatusMessage.tsx'
import { formatDate, t } from '../../i18n/i18n.ts'
import { checkPassword, minPasswordLength } from './checks.ts'
import { LinkProblem, linkProblemOf, linkProblemTitle } from './LinkProblem.tsx'

/**
 * /reset/:token: checks the link first (not valid, used or expired each say so), then sets a new password,
 * typed twice. Every session of the account ends, so the page then offers to sign in.
 */
export function ResetPasswordPage({ token }: { token: string }) {
  const [state, retry] = useLoad((signal) => checkPasswordReset(token, signal), token)
  const [password, setPassword] = useState('')
  const [repeat, setRepeat] = useState('')
  const [tried, setTried] = useState(false)
  const [done, setDone] = useState(false)
  const save = useAction(() => completePasswordReset(token, password))

  const problem = linkProblemOf(save.error ?? (state.status === 'error' ? state.error : null))
  useDocumentTitle(
    problem ? linkProblemTitle(problem, 'reset') : done ? t('reset.doneTitle') : t('reset.title'),
  )
  if (problem) return <LinkProblem error={problem} kind="reset" />
  if (done) {
    return (
      <div class="narrow">
        <h1>{t('reset.doneTitle')}</h1>
        <p role="status">{t('reset.done')}</p>
        <p>
          <a class="button button-primary" href="/login">
            {t('reset.signIn')}
          </a>
        </p>
      </div>
    )
  }

  const passwordError =
    (tried ? checkPassword(password) : null) ??
    fieldErrors(save.error, { password: 'account.error.passwordShort' }).password
  const repeatError = tried && !passwordError && repeat !== password ? t('reset.mismatch') : null
  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    setTried(true)
    if (checkPassword(password)) return document.getElementById('reset-password')?.focus()
    if (repeat !== password) return document.getElementById('reset-repeat')?.focus()
    if (await save.run()) setDone(true)
  }

  return (
    <div class="narrow">
      <h1>{t('reset.title')}</h1>
      {state.status === 'loading' && <Loading label={t('reset.checking')} />}
      {state.status === 'error' && <LoadError title={t('reset.error')} error={state.error} onRetry={retry} />}
      {state.status === 'ready' && (
        <form class="form" onSubmit={submit} noValidate>
          <p class="hint">
            {t('reset.expires', {
              date: formatDate(state.data.expiresAt, { dateStyle: 'long', timeStyle: 'short' }),
            })}
          </p>
          <TextField
            id="reset-password"
            type="password"
            label={t('account.newPassword')}
            hint={t('account.passwordHint', { min: minPasswordLength })}
            value={password}
            onValue={setPassword}
            autocomplete="new-password"
            minLength={minPasswordLength}
            required
            error={passwordError}
          />
          <TextField
            id="reset-repeat"
            type="password"
            label={t('reset.repeat')}
            value={repeat}
            onValue={setRepeat}
            autocomplete="new-password"
            required
            error={repeatError}
          />
          {save.error !== null && !passwordError && (
            <p class="form-error" role="alert">
              {describeError(save.error)}
            </p>
          )}
          <button type="submit" class="button button-primary" aria-disabled={save.busy} aria-busy={save.busy}>
            {save.busy ? t('reset.busy') : t('reset.submit')}
          </button>
        </form>
      )}
    </div>
  )
}
