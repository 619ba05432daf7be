import { useEffect, useRef, useState } from 'preact/hooks'
import { requestPasswordReset } from '../../api/passwordResets.ts'
import { useAction } from '../../app/useAction.ts'
import { useDocumentTitle } from '../../app/useDocumentTitle.ts'
import { describeError, fieldErrors } from '../../components/errorText.ts'
import { TextField } from '../../components/Field.tsx'
import { t } from '../../i18n/i18n.ts'
import { checkEmail } from './checks.ts'

/**
 * /forgot: asks for a link to set a new password. The answer is the same whether or not an account exists
 * (so the page never tells who has one): "if an account exists, a link is on its way".
 */
export function ForgotPasswordPage() {
  useDocumentTitle(t('forgot.title'))
  const input = useRef<HTMLInputElement>(null)
  const [email, setEmail] = useState('')
  const [tried, setTried] = useState(false)
  const [sentTo, setSentTo] = useState<string | null>(null)
  const send = useAction((address: string) => requestPasswordReset(address))
  useEffect(() => input.current?.focus(), [])

  const problem =
    (tried ? checkEmail(email) : null) ?? fieldErrors(send.error, { email: 'account.error.email' }).email
  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    setTried(true)
    if (checkEmail(email)) return input.current?.focus()
    setSentTo(null)
    if (await send.run(email.trim())) setSentTo(email.trim())
  }

  return (
    <div class="narrow">
      <h1>{t('forgot.title')}</h1>
      <p class="lead">{t('forgot.intro')}</p>
      <form class="form" onSubmit={submit} noValidate>
        <TextField
          id="forgot-email"
          type="email"
          label={t('account.email')}
          value={email}
          onValue={setEmail}
          autocomplete="username"
          required
          inputRef={input}
          error={problem}
        />
        <button type="submit" class="button button-primary" aria-disabled={send.busy} aria-busy={send.busy}>
          {send.busy ? t('forgot.busy') : t('forgot.submit')}
        </button>
      </form>
      <div aria-live="polite">{sentTo && <p class="success">{t('forgot.sent', { email: sentTo })}</p>}</div>
      {send.error !== null && !problem && (
        <p class="form-error" role="alert">
          {describeError(send.error)}
        </p>
      )}
      <p class="hint">
        <a href="/login">{t('forgot.backToSignIn')}</a>
      </p>
    </div>
  )
}
