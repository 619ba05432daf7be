import { useState } from 'preact/hooks'
import { documentRoles, roleAtLeast } from '../../../shared/roles.ts'
import { createInvite } from '../../api/members.ts'
import type { CreatedInvite, DocumentDetail, Role } from '../../api/types.ts'
import { useAction } from '../../app/useAction.ts'
import { CopyField } from '../../components/CopyField.tsx'
import { describeError, fieldErrors } from '../../components/errorText.ts'
import { FieldFrame, TextField } from '../../components/Field.tsx'
import { t } from '../../i18n/i18n.ts'

/**
 * Makes an invitation link: a role (up to the caller's own; commenter unless changed), optionally one person's
 * email (the link is then mailed too), and how many days it works. The link is shown once, with Copy.
 */
export function InviteForm({
  document,
  onCreated,
}: {
  document: DocumentDetail
  onCreated: (invite: CreatedInvite) => void
}) {
  const roles = documentRoles.filter((role) => roleAtLeast(document.role, role))
  const [role, setRole] = useState<Role>(roles.includes('commenter') ? 'commenter' : roles[0]!)
  const [email, setEmail] = useState('')
  const [days, setDays] = useState('14')
  const [tried, setTried] = useState(false)
  const [created, setCreated] = useState<CreatedInvite | null>(null)
  const create = useAction(() =>
    createInvite(document.id, {
      role,
      expiresInDays: Number(days),
      ...(email.trim() ? { email: email.trim() } : {}),
    }),
  )

  const daysValid = /^\d+$/.test(days) && Number(days) >= 1 && Number(days) <= 90
  const emailValid = email.trim() === '' || /^[^\s@]+@[^\s@]+$/.test(email.trim())
  const server = fieldErrors(create.error, {
    email: 'invite.error.email',
    expiresInDays: 'invite.error.days',
    role: 'invite.error.role',
  })
  const errors = {
    email: (tried && !emailValid ? t('invite.error.email') : null) ?? server.email,
    days: (tried && !daysValid ? t('invite.error.days') : null) ?? server.expiresInDays,
  }

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    setTried(true)
    if (!daysValid || !emailValid) return
    setCreated(null)
    const answer = await create.run()
    if (!answer) return
    setCreated(answer.value)
    setTried(false)
    setEmail('')
    onCreated(answer.value)
  }

  return (
    <div class="invite-create">
      <h3 id="invite-form-heading">{t('invite.form.heading')}</h3>
      <form class="form form-grid" onSubmit={submit} noValidate aria-labelledby="invite-form-heading">
        <FieldFrame id="invite-role" label={t('invite.form.role')} error={server.role}>
          <select
            id="invite-role"
            value={role}
            onChange={(event) => setRole(event.currentTarget.value as Role)}
          >
            {roles.map((option) => (
              <option key={option} value={option}>
                {t(`role.${option}`)}
              </option>
            ))}
          </select>
        </FieldFrame>
        <TextField
          id="invite-email"
          type="email"
          label={t('invite.form.email')}
          hint={t('invite.form.emailHint')}
          value={email}
          onValue={setEmail}
          autocomplete="off"
          error={errors.email}
        />
        <TextField
          id="invite-days"
          type="number"
          label={t('invite.form.days')}
          hint={t('invite.form.daysHint')}
          value={days}
          onValue={setDays}
          min={1}
          max={90}
          error={errors.days}
        />
        <div class="form-actions">
          <button
            type="submit"
            class="button button-primary"
            aria-disabled={create.busy}
            aria-busy={create.busy}
          >
            {create.busy ? t('invite.form.busy') : t('invite.form.submit')}
          </button>
        </div>
      </form>
      {create.error !== null && !server.email && !server.expiresInDays && (
        <p class="form-error" role="alert">
          {describeError(create.error)}
        </p>
      )}
      <div aria-live="polite">
        {created && (
          <div class="created-link">
            <p class="success">
              {created.email
                ? t('invite.created.mailed', { role: t(`role.${created.role}`), email: created.email })
                : t('invite.created', { role: t(`role.${created.role}`) })}
            </p>
            <CopyField
              id="invite-url"
              label={t('invite.created.url')}
              value={created.url}
              hint={t('invite.created.once')}
            />
          </div>
        )}
      </div>
    </div>
  )
}
