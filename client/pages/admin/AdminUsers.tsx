import { useState } from 'preact/hooks'
import { listUsers, type UserChanges, updateUser } from '../../api/admin.ts'
import type { AdminUser, PasswordResetLink, User } from '../../api/types.ts'
import { useDebounced } from '../../app/useDebounced.ts'
import { usePagedList } from '../../app/usePagedList.ts'
import { describeError } from '../../components/errorText.ts'
import { LoadMore } from '../../components/LoadMore.tsx'
import { LoadError, Loading } from '../../components/StatusMessage.tsx'
import { t, tp } from '../../i18n/i18n.ts'
import { CreateUserForm } from './CreateUserForm.tsx'
import { PasswordLink } from './PasswordLink.tsx'
import { UsersTable } from './UsersTable.tsx'

/** A password link just made, and for whom. */
interface ShownLink {
  name: string
  link: PasswordResetLink
}

/** The people section of /admin: search, the accounts table with its actions, and the Create user form. */
export function AdminUsers({ me }: { me: User }) {
  const [search, setSearch] = useState('')
  const q = useDebounced(search.trim(), 300)
  const list = usePagedList((cursor, signal) => listUsers({ q, cursor, limit: 50, signal }), q)
  const [busy, setBusy] = useState<string | null>(null)
  const [status, setStatus] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [shown, setShown] = useState<ShownLink | null>(null)
  const [creating, setCreating] = useState(false)

  const replace = (user: AdminUser) =>
    list.setItems((rows) => rows.map((row) => (row.id === user.id ? user : row)))
  const change = async (user: AdminUser, changes: UserChanges, done: string) => {
    if (busy) return
    setBusy(user.id)
    setProblem(null)
    setStatus('')
    try {
      const answer = await updateUser(user.id, changes)
      replace(answer.user)
      if (answer.passwordReset) setShown({ name: answer.user.name, link: answer.passwordReset })
      setStatus(done)
    } catch (error) {
      setProblem(describeError(error, { conflict: 'admin.users.error.self' }))
    } finally {
      setBusy(null)
    }
  }
  const created = (user: AdminUser, link: PasswordResetLink | undefined) => {
    list.setItems((rows) => [user, ...rows.filter((row) => row.id !== user.id)])
    setShown(link ? { name: user.name, link } : null)
    setStatus(t('admin.users.created', { name: user.name }))
  }

  return (
    <section aria-labelledby="admin-users-heading">
      <h2 id="admin-users-heading">{t('admin.users.heading')}</h2>
      <div class="toolbar">
        <div class="field field-inline">
          <label for="admin-search">{t('admin.users.search')}</label>
          <input
            id="admin-search"
            type="search"
            value={search}
            onInput={(event) => setSearch(event.currentTarget.value)}
            aria-describedby="admin-search-hint"
          />
          <p id="admin-search-hint" class="field-hint">
            {t('admin.users.searchHint')}
          </p>
        </div>
        <button
          type="button"
          class="button"
          aria-expanded={creating}
          aria-controls="create-user"
          onClick={() => setCreating(!creating)}
        >
          {t('admin.users.create')}
        </button>
      </div>
      <div id="create-user" hidden={!creating}>
        {creating && <CreateUserForm onCreated={created} onClose={() => setCreating(false)} />}
      </div>
      <p class="status-line" role="status">
        {list.status === 'loading' && list.loaded
          ? t('admin.users.searching')
          : list.status === 'ready' && q !== ''
            ? tp('admin.users.found', list.items.length)
            : status}
      </p>
      {problem && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
      {shown && <PasswordLink name={shown.name} link={shown.link} onDone={() => setShown(null)} />}
      {list.status === 'loading' && !list.loaded && <Loading label={t('admin.users.loading')} />}
      {list.status === 'error' && (
        <LoadError title={t('admin.users.error')} error={list.error} onRetry={list.retry} />
      )}
      {list.loaded && list.items.length === 0 && (
        <p class="empty-line">{q ? t('admin.users.noMatch', { q }) : t('admin.users.empty')}</p>
      )}
      {list.items.length > 0 && <UsersTable users={list.items} me={me} busy={busy} onChange={change} />}
      <LoadMore
        list={list}
        label={t('admin.users.loadMore')}
        busyLabel={t('admin.users.loadingMore')}
        errorTitle={t('admin.users.error')}
      />
    </section>
  )
}
