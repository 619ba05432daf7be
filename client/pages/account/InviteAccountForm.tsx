import { useEffect, useState } from 'preact/hooks'
import { ApiError, isApiError } from '../../api/errors.ts'
import { acceptInvite } from '../../api/invites.ts'
import type { AcceptedInvite, InvitePreview } from '../../api/types.ts'
import { useAction } from '../../app/useAction.ts'
import { CountryPicker } from '../../components/CountryPicker.tsx'
import { describeError, fieldErrors } from '../../components/errorText.ts'
import { TextField } from '../../components/Field.tsx'
import { t } from '../../i18n/i18n.ts'
import {
  checkEmail,
  checkName,
  checkOrganization,
  checkPassword,
  firstProblem,
  minPasswordLength,
} from './checks.ts'

type Field = 'name' | 'email' | 'password' | 'country' | 'organization'
const order: Field[] = ['name', 'email', 'password', 'country', 'organization']

/**
 * The account a signed-out invitee creates: name, email (fixed when the invitation names one), password,
 * country (required) and organization. Each refused field says why beside it; an email that already has an
 * account offers to sign in and come back to this invitation.
 */
export function InviteAccountForm(props: {
  token: string
  invite: InvitePreview
  onAccepted: (answer: AcceptedInvite) => Promise<void>
  onGone: (error: ApiError) => void
}) {
  const { token, invite, onAccepted, onGone } = props
  const [name, setName] = useState('')
  const [email, setEmail] = useState(invite.email ?? '')
  const [password, setPassword] = useState('')
  const [country, setCountry] = useState<string | null>(null)
  const [organization, setOrganization] = useState('')
  const [tried, setTried] = useState(false)
  const accept = useAction(() =>
    acceptInvite(token, {
      name: name.trim(),
      ...(invite.email ? {} : { email: email.trim() }),
      password,
      country: country ?? '',
      organization: organization.trim() || null,
    }),
  )

  const local: Record<Field, string | null> = {
    name: checkName(name),
    email: invite.email ? null : checkEmail(email),
    password: checkPassword(password),
    country: country ? null : t('account.error.country'),
    organization: checkOrganization(organization),
  }
  const server = fieldErrors(accept.error, {
    name: 'account.error.name',
    email: 'account.error.email',
    password: 'account.error.passwordShort',
    country: 'account.error.country',
    organization: 'account.error.organization',
  })
  const exists = isApiError(accept.error, 'conflict')
  const error = (field: Field) => (tried ? local[field] : null) ?? (exists ? null : server[field]) ?? null

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    setTried(true)
    const first = firstProblem(order, local)
    if (first) return document.getElementById(`invite-${first}`)?.focus()
    const answer = await accept.run()
    if (answer) return onAccepted(answer.value)
  }
  useEffect(() => {
    if (accept.error instanceof ApiError && [404, 410].includes(accept.error.status)) onGone(accept.error)
  }, [accept.error])

  const loginHref = `/login?${new URLSearchParams({ next: `/invite/${token}` })}`
  const anyFieldError = order.some((field) => error(field))
  return (
    <form
      class="form"
      onSubmit={submit}
      noValidate
      aria-describedby={accept.error ? 'invite-problem' : undefined}
    >
      <h2>{t('invitePage.form.heading')}</h2>
      <p>
        {t('invitePage.form.haveAccount')} <a href={loginHref}>{t('invitePage.form.signIn')}</a>
      </p>
      {(accept.error !== null || (tried && anyFieldError)) && (
        <div id="invite-problem" class="form-error" role="alert">
          {exists ? (
            <p>
              {t('invitePage.form.exists')} <a href={loginHref}>{t('invitePage.form.existsLink')}</a>
            </p>
          ) : (
            <p>
              {accept.error && !anyFieldError
                ? describeError(accept.error, { forbidden: 'invitePage.form.otherEmail' })
                : t('common.error.fields')}
            </p>
          )}
        </div>
      )}
      <TextField
        id="invite-name"
        label={t('account.name')}
        value={name}
        onValue={setName}
        autocomplete="name"
        required
        error={error('name')}
      />
      <TextField
        id="invite-email"
        type="email"
        label={t('account.email')}
        value={email}
        onValue={setEmail}
        autocomplete="email"
        required
        readOnly={Boolean(invite.email)}
        hint={invite.email ? t('invitePage.form.emailFixed') : null}
        error={error('email')}
      />
      <TextField
        id="invite-password"
        type="password"
        label={t('account.newPassword')}
        hint={t('account.passwordHint', { min: minPasswordLength })}
        value={password}
        onValue={setPassword}
        autocomplete="new-password"
        minLength={minPasswordLength}
        required
        error={error('password')}
      />
      <CountryPicker
        id="invite-country"
        label={t('account.country')}
        hint={t('account.countryHint')}
        value={country}
        onChange={setCountry}
        required
        error={error('country')}
      />
      <TextField
        id="invite-organization"
        label={t('account.organization')}
        hint={t('account.optional')}
        value={organization}
        onValue={setOrganization}
        autocomplete="organization"
        error={error('organization')}
      />
      <button type="submit" class="button button-primary" aria-disabled={accept.busy} aria-busy={accept.busy}>
        {accept.busy ? t('invitePage.form.busy') : t('invitePage.form.submit')}
      </button>
    </form>
  )
}
