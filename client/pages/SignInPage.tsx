import { useEffect, useRef, useState } from 'preact/hooks'
import { ApiError, invalidFields } from '../api/errors.ts'
import { signIn } from '../api/session.ts'
import type { User } from '../api/types.ts'
import { useDocumentTitle } from '../app/useDocumentTitle.ts'
import { formatRelative, t } from '../i18n/i18n.ts'

type Field = 'email' | 'password'

/** What went wrong with the last attempt: a message for the form, and the fields to mark. */
interface Problem {
  message: string
  fields: Field[]
}

/** Checks what the browser can check before asking the server. */
function checkFields(email: string, password: string): Field[] {
  const fields: Field[] = []
  if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) fields.push('email')
  if (password === '') fields.push('password')
  return fields
}

/** A wait in milliseconds, rounded up to the whole minute past one minute, so we never promise too soon. */
function waitMs(seconds: number): number {
  return (seconds < 60 ? seconds : Math.ceil(seconds / 60) * 60) * 1000
}

/** Turns a refused sign-in into words: wrong credentials, too many attempts (and how long to wait), bad fields. */
function describe(error: unknown): Problem {
  if (!(error instanceof ApiError)) return { message: t('common.error.unexpected'), fields: [] }
  switch (error.code) {
    case 'invalid_credentials':
      return { message: t('signIn.error.invalidCredentials'), fields: [] }
    case 'rate_limited':
      return {
        message:
          error.retryAfter === null
            ? t('signIn.error.rateLimitedNoWait')
            : t('signIn.error.rateLimited', { when: formatRelative(Date.now() + waitMs(error.retryAfter)) }),
        fields: [],
      }
    case 'invalid_request': {
      const fields = invalidFields(error).filter((f): f is Field => f === 'email' || f === 'password')
      return { message: t('signIn.error.invalidRequest'), fields }
    }
    case 'network_error':
      return { message: t('common.error.network'), fields: [] }
    default:
      return { message: t('common.error.unexpected'), fields: [] }
  }
}

/** The sign-in form: email and password, one clear message per refusal, and a busy button while waiting. */
export function SignInPage({ onSignedIn }: { onSignedIn: (user: User) => Promise<void> }) {
  useDocumentTitle(t('signIn.title'))
  const emailInput = useRef<HTMLInputElement>(null)
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<Problem | null>(null)

  useEffect(() => emailInput.current?.focus(), [])

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy) return
    const fields = checkFields(email, password)
    if (fields.length > 0) {
      setProblem({ message: t('signIn.error.invalidRequest'), fields })
      document.getElementById(`sign-in-${fields[0]}`)?.focus()
      return
    }
    setBusy(true)
    setProblem(null)
    try {
      await onSignedIn(await signIn(email.trim(), password))
    } catch (error) {
      setProblem(describe(error))
      setBusy(false)
    }
  }

  const invalid = (field: Field) => problem?.fields.includes(field) ?? false
  return (
    <div class="narrow">
      <h1>{t('signIn.title')}</h1>
      <p class="lead">{t('signIn.intro')}</p>
      <form
        class="form"
        onSubmit={submit}
        noValidate
        aria-describedby={problem ? 'sign-in-problem' : undefined}
      >
        {problem && (
          <p id="sign-in-problem" class="form-error" role="alert">
            {problem.message}
          </p>
        )}
        <div class="field">
          <label for="sign-in-email">{t('signIn.email')}</label>
          <input
            ref={emailInput}
            id="sign-in-email"
            name="email"
            type="email"
            autocomplete="username"
            required
            value={email}
            onInput={(event) => setEmail(event.currentTarget.value)}
            aria-invalid={invalid('email')}
            aria-describedby={invalid('email') ? 'sign-in-email-error' : undefined}
          />
          {invalid('email') && (
            <p id="sign-in-email-error" class="field-error">
              {t('signIn.error.email')}
            </p>
          )}
        </div>
        <div class="field">
          <label for="sign-in-password">{t('signIn.password')}</label>
          <input
            id="sign-in-password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            value={password}
            onInput={(event) => setPassword(event.currentTarget.value)}
            aria-invalid={invalid('password')}
            aria-describedby={invalid('password') ? 'sign-in-password-error' : undefined}
          />
          {invalid('password') && (
            <p id="sign-in-password-error" class="field-error">
              {t('signIn.error.password')}
            </p>
          )}
        </div>
        {/* aria-disabled, not disabled: the button keeps focus while the request runs. */}
        <button type="submit" class="button button-primary" aria-disabled={busy} aria-busy={busy}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
      </form>
      <p>
        <a href="/forgot">{t('signIn.forgot')}</a>
      </p>
      <p class="hint">{t('signIn.invitationHint')}</p>
    </div>
  )
}
