import { useState } from 'preact/hooks'
import type { User } from '../../api/types.ts'
import { updateMe } from '../../api/users.ts'
import { useAction } from '../../app/useAction.ts'
import { useDocumentTitle } from '../../app/useDocumentTitle.ts'
import { CountryPicker } from '../../components/CountryPicker.tsx'
import { describeError, fieldErrors } from '../../components/errorText.ts'
import { FieldFrame, TextField } from '../../components/Field.tsx'
import { t } from '../../i18n/i18n.ts'
import { checkName, checkOrganization } from './checks.ts'

/** Languages offered: the six UN languages and Portuguese, each named in itself. */
const offeredLocales = ['en', 'fr', 'es', 'ar', 'zh', 'ru', 'pt']

/** A language's own name for itself ("français"), or the tag when the runtime has none. */
function autonym(tag: string): string {
  try {
    return new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag
  } catch {
    return tag
  }
}

/** /profile: my name, country, organization and language; saving switches the interface to that language. */
export function ProfilePage({ user, onSaved }: { user: User; onSaved: (user: User) => Promise<void> }) {
  useDocumentTitle(t('profile.title'))
  const [name, setName] = useState(user.name)
  const [country, setCountry] = useState(user.country)
  const [organization, setOrganization] = useState(user.organization ?? '')
  const [locale, setLocaleTag] = useState(user.locale)
  const [tried, setTried] = useState(false)
  const [saved, setSaved] = useState(false)
  const save = useAction(() =>
    updateMe({ name: name.trim(), country, organization: organization.trim() || null, locale }),
  )
  const locales = offeredLocales.includes(user.locale) ? offeredLocales : [user.locale, ...offeredLocales]

  const server = fieldErrors(save.error, {
    name: 'account.error.name',
    country: 'account.error.country',
    organization: 'account.error.organization',
    locale: 'profile.error.locale',
  })
  const errors = {
    name: (tried ? checkName(name) : null) ?? server.name,
    organization: (tried ? checkOrganization(organization) : null) ?? server.organization,
  }
  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    setTried(true)
    setSaved(false)
    if (checkName(name)) return document.getElementById('profile-name')?.focus()
    if (checkOrganization(organization)) return document.getElementById('profile-organization')?.focus()
    const answer = await save.run()
    if (!answer) return
    await onSaved(answer.value)
    setSaved(true)
  }

  return (
    <div class="narrow">
      <h1>{t('profile.title')}</h1>
      <p class="lead">{t('profile.intro', { email: user.email })}</p>
      <form class="form" onSubmit={submit} noValidate>
        <TextField
          id="profile-name"
          label={t('account.name')}
          value={name}
          onValue={setName}
          autocomplete="name"
          required
          error={errors.name}
        />
        <CountryPicker
          id="profile-country"
          label={t('account.country')}
          value={country}
          onChange={setCountry}
          error={server.country}
        />
        <TextField
          id="profile-organization"
          label={t('account.organization')}
          hint={t('account.optional')}
          value={organization}
          onValue={setOrganization}
          autocomplete="organization"
          error={errors.organization}
        />
        <FieldFrame
          id="profile-locale"
          label={t('profile.language')}
          hint={t('profile.languageHint')}
          error={server.locale}
        >
          <select
            id="profile-locale"
            value={locale}
            aria-describedby="profile-locale-hint"
            onChange={(event) => setLocaleTag(event.currentTarget.value)}
          >
            {locales.map((tag) => (
              <option key={tag} value={tag} lang={tag}>
                {autonym(tag)}
              </option>
            ))}
          </select>
        </FieldFrame>
        {save.error !== null && !Object.values(server).some(Boolean) && (
          <p class="form-error" role="alert">
            {describeError(save.error)}
          </p>
        )}
        <button type="submit" class="button button-primary" aria-disabled={save.busy} aria-busy={save.busy}>
          {save.busy ? t('common.saving') : t('profile.save')}
        </button>
        <p class="status-line" role="status">
          {saved ? t('profile.saved') : ''}
        </p>
      </form>
    </div>
  )
}
