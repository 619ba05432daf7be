import type { UserChanges } from '../../api/admin.ts'
import type { AdminUser, User } from '../../api/types.ts'
import { CountryName } from '../../components/CountryName.tsx'
import { formatNumber, t } from '../../i18n/i18n.ts'

/** The props of the accounts table: the rows, who I am, which row is saving, and how to change one. */
export interface UsersTableProps {
  users: AdminUser[]
  me: User
  busy: string | null
  onChange: (user: AdminUser, changes: UserChanges, done: string) => void
}

/**
 * Every account with its rights and a row of actions: enable or disable, make or remove admin, allow or
 * disallow creating documents, and a fresh password link. I cannot disable or demote myself, so my own row
 * offers neither.
 */
export function UsersTable({ users, me, busy, onChange }: UsersTableProps) {
  const yes = (value: boolean) => (value ? t('common.yes') : t('common.no'))
  return (
    <div class="table-scroll wide">
      <table class="table table-compact">
        <thead>
          <tr>
            <th scope="col">{t('admin.users.col.name')}</th>
            <th scope="col">{t('admin.users.col.email')}</th>
            <th scope="col">{t('admin.users.col.country')}</th>
            <th scope="col">{t('admin.users.col.organization')}</th>
            <th scope="col">{t('admin.users.col.admin')}</th>
            <th scope="col">{t('admin.users.col.canCreate')}</th>
            <th scope="col">{t('admin.users.col.disabled')}</th>
            <th scope="col" class="cell-number">
              {t('admin.users.col.documents')}
            </th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => {
            const self = user.id === me.id
            const action = (label: string, changes: UserChanges, done: string) => (
              <button
                type="button"
                class="button button-quiet button-small"
                aria-busy={busy === user.id}
                aria-disabled={busy !== null}
                onClick={() => onChange(user, changes, done)}
              >
                {label}
                <span class="visually-hidden"> ({user.name})</span>
              </button>
            )
            const name = { name: user.name }
            return (
              <tr key={user.id} class={user.disabled ? 'is-disabled' : undefined}>
                <th scope="row">
                  {user.name}
                  {self && <span class="muted"> {t('members.you')}</span>}
                </th>
                <td dir="ltr" class="cell-email">
                  {user.email}
                </td>
                <td>
                  <CountryName code={user.country} />
                </td>
                <td>{user.organization ?? ''}</td>
                <td>{yes(user.isAdmin)}</td>
                <td>{yes(user.canCreateDocuments)}</td>
                <td>{yes(user.disabled)}</td>
                <td class="cell-number">{formatNumber(user.documentCount)}</td>
                <td>
                  <div class="row-actions">
                    {!self &&
                      (user.disabled
                        ? action(t('admin.users.enable'), { disabled: false }, t('admin.users.enabled', name))
                        : action(
                            t('admin.users.disable'),
                            { disabled: true },
                            t('admin.users.disabledDone', name),
                          ))}
                    {!self &&
                      (user.isAdmin
                        ? action(
                            t('admin.users.removeAdmin'),
                            { isAdmin: false },
                            t('admin.users.adminRemoved', name),
                          )
                        : action(
                            t('admin.users.makeAdmin'),
                            { isAdmin: true },
                            t('admin.users.adminMade', name),
                          ))}
                    {user.canCreateDocuments
                      ? action(
                          t('admin.users.disallowCreate'),
                          { canCreateDocuments: false },
                          t('admin.users.createDisallowed', name),
                        )
                      : action(
                          t('admin.users.allowCreate'),
                          { canCreateDocuments: true },
                          t('admin.users.createAllowed', name),
                        )}
                    {action(
                      t('admin.users.passwordLink'),
                      { resetPassword: true },
                      t('admin.users.linkMade', name),
                    )}
                  </div>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
