import { useEffect, useRef, useState } from 'preact/hooks'
import { createUser } from '../../api/admin.ts'
import { isApiError } from '../../api/errors.ts'
import type { AdminUser, PasswordResetLink } from '../../api/types.ts'
import { useAction } from '../../app/useAction.ts'
import { CountryPicker } from '../../components/CountryPicker.tsx'
import { describeError, fieldErrors } from '../../components/errorText.ts'
import { CheckboxField, TextField } from '../../components/Field.tsx'
import { t } from '../../i18n/i18n.ts'
import {
  checkEmail,
  checkName,
  checkOrganization,
  checkPassword,
  firstProblem,
  minPasswordLength,
} from '../account/checks.ts'

type Field = 'email' | 'name' | 'password' | 'organization'
const order: Field[] = ['email', 'name', 'password', 'organization']

/**
 * Creates an account: email, name, country, organization, rights, and a password or none, in which case the
 * answer's link (shown by the caller) lets the person set one.
 */
export function CreateUserForm({
  onCreated,
  onClose,
}: {
  onCreated: (user: AdminUser, link: PasswordResetLink | undefined) => void
  onClose: () => void
}) {
  const first = useRef<HTMLInputElement>(null)
  const [email, setEmail] = useState('')
  const [name, setName] = useState('')
  const [country, setCountry] = useState<string | null>(null)
  const [organization, setOrganization] = useState('')
  const [isAdmin, setIsAdmin] = useState(false)
  const [canCreate, setCanCreate] = useState(false)
  const [password, setPassword] = useState('')
  const [tried, setTried] = useState(false)
  const create = useAction(() =>
    createUser({
      email: email.trim(),
      name: name.trim(),
      country,
      organization: organization.trim() || null,
      isAdmin,
      canCreateDocuments: canCreate,
      ...(password ? { password } : {}),
    }),
  )
  useEffect(() => first.current?.focus(), [])

  const local: Record<Field, string | null> = {
    email: checkEmail(email),
    name: checkName(name),
    password: checkPassword(password, true),
    organization: checkOrganization(organization),
  }
  const server = fieldErrors(create.error, {
    email: 'account.error.email',
    name: 'account.error.name',
    password: 'account.error.passwordShort',
    country: 'account.error.country',
    organization: 'account.error.organization',
  })
  const taken = isApiError(create.error, 'conflict')
  const error = (field: Field) =>
    (tried ? local[field] : null) ??
    server[field] ??
    (field === 'email' && taken ? t('admin.create.error.taken') : null)

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    setTried(true)
    const wrong = firstProblem(order, local)
    if (wrong) return document.getElementById(`create-${wrong}`)?.focus()
    const answer = await create.run()
    if (!answer) return
    onCreated(answer.value.user, answer.value.passwordReset)
    onClose()
  }

  const fieldsWrong = order.some((field) => error(field)) || Boolean(server.country)
  return (
    <form class="form panel" onSubmit={submit} noValidate aria-labelledby="create-user-heading">
      <h3 id="create-user-heading">{t('admin.create.heading')}</h3>
      <TextField
        id="create-email"
        type="email"
        label={t('account.email')}
        value={email}
        onValue={setEmail}
        autocomplete="off"
        required
        inputRef={first}
        error={error('email')}
      />
      <TextField
        id="create-name"
        label={t('account.name')}
        value={name}
        onValue={setName}
        autocomplete="off"
        required
        error={error('name')}
      />
      <CountryPicker
        id="create-country"
        label={t('account.country')}
        hint={t('account.optional')}
        value={country}
        onChange={setCountry}
        error={server.country}
      />
      <TextField
        id="create-organization"
        label={t('account.organization')}
        hint={t('account.optional')}
        value={organization}
        onValue={setOrganization}
        autocomplete="off"
        error={error('organization')}
      />
      <CheckboxField
        id="create-admin"
        label={t('admin.create.isAdmin')}
        checked={isAdmin}
        onChecked={setIsAdmin}
      />
      <CheckboxField
        id="create-can-create"
        label={t('admin.create.canCreate')}
        checked={canCreate}
        onChecked={setCanCreate}
      />
      <TextField
        id="create-password"
        type="password"
        label={t('admin.create.password')}
        hint={t('admin.create.passwordHint', { min: minPasswordLength })}
        value={password}
        onValue={setPassword}
        autocomplete="new-password"
        error={error('password')}
      />
      {create.error !== null && !fieldsWrong && (
        <p class="form-error" role="alert">
          {describeError(create.error)}
        </p>
      )}
      <div class="actions">
        <button
          type="submit"
          class="button button-primary"
          aria-disabled={create.busy}
          aria-busy={create.busy}
        >
          {create.busy ? t('admin.create.busy') : t('admin.create.submit')}
        </button>
        <button type="button" class="button button-quiet" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  )
}
