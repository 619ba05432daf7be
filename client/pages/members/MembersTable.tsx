import { useEffect, useState } from 'preact/hooks'
import { documentRoles, roleAtLeast } from '../../../shared/roles.ts'
import { listMembers, removeMember, setMemberRole } from '../../api/members.ts'
import type { DocumentDetail, Member, Role, User } from '../../api/types.ts'
import { useAction } from '../../app/useAction.ts'
import { useLoad } from '../../app/useLoad.ts'
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx'
import { CountryName } from '../../components/CountryName.tsx'
import { describeError } from '../../components/errorText.ts'
import { LoadError, Loading } from '../../components/StatusMessage.tsx'
import { t } from '../../i18n/i18n.ts'

/**
 * The members of a document with a role menu each (up to the caller's own role) and Remove, confirmed.
 * `onChanged(self)` says a change was made, and whether it was to the caller's own membership.
 */
export function MembersTable(props: {
  document: DocumentDetail
  user: User
  onChanged: (self: boolean) => void
}) {
  const { document } = props
  const [state, retry] = useLoad((signal) => listMembers(document.id, signal), document.id)
  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading">{t('members.heading')}</h2>
      {state.status === 'loading' && <Loading label={t('members.loading')} />}
      {state.status === 'error' && (
        <LoadError title={t('members.error')} error={state.error} onRetry={retry} />
      )}
      {state.status === 'ready' && <Table {...props} loaded={state.data.items} />}
    </section>
  )
}

function Table({
  document,
  user,
  onChanged,
  loaded,
}: Parameters<typeof MembersTable>[0] & { loaded: Member[] }) {
  const [members, setMembers] = useState(loaded)
  const [status, setStatus] = useState('')
  const [failure, setFailure] = useState<string | null>(null)
  const [removing, setRemoving] = useState<Member | null>(null)
  useEffect(() => setMembers(loaded), [loaded])
  const grantable = documentRoles.filter((role) => roleAtLeast(document.role, role))
  const explain = (error: unknown) => describeError(error, { conflict: 'members.error.lastOwner' })

  const [saving, setSaving] = useState(false)
  const remove = useAction((member: Member) => removeMember(document.id, member.user.id))

  /** Changes a role; a refused change puts the menu back to the member's role (without moving focus). */
  const onRole = async (member: Member, select: HTMLSelectElement) => {
    const role = select.value as Role
    if (saving) {
      select.value = member.role
      return
    }
    setStatus('')
    setFailure(null)
    setSaving(true)
    try {
      const changed = await setMemberRole(document.id, member.user.id, role)
      setMembers((rows) => rows.map((row) => (row.user.id === member.user.id ? changed : row)))
      setStatus(t('members.roleChanged', { name: member.user.name, role: t(`role.${changed.role}`) }))
      onChanged(member.user.id === user.id)
    } catch (error) {
      setFailure(explain(error))
      select.value = member.role
    } finally {
      setSaving(false)
    }
  }

  const confirmRemove = async () => {
    if (!removing) return
    if (!(await remove.run(removing))) return
    setMembers((rows) => rows.filter((row) => row.user.id !== removing.user.id))
    setStatus(t('members.removed', { name: removing.user.name }))
    setRemoving(null)
    onChanged(removing.user.id === user.id)
  }

  if (members.length === 0) return <p class="empty-line">{t('members.empty')}</p>
  return (
    <>
      <div class="table-scroll">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('members.col.name')}</th>
              <th scope="col">{t('members.col.email')}</th>
              <th scope="col">{t('members.col.country')}</th>
              <th scope="col">{t('members.col.organization')}</th>
              <th scope="col">{t('members.col.role')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => {
              const mine = member.user.id === user.id
              const manageable = roleAtLeast(document.role, member.role)
              const selectId = `role-${member.user.id}`
              return (
                <tr key={member.user.id}>
                  <th scope="row">
                    {member.user.name}
                    {mine && <span class="muted"> {t('members.you')}</span>}
                  </th>
                  <td dir="ltr" class="cell-email">
                    {member.user.email}
                  </td>
                  <td>
                    <CountryName code={member.user.country} />
                  </td>
                  <td>{member.user.organization ?? ''}</td>
                  <td>
                    {manageable ? (
                      <>
                        <label for={selectId} class="visually-hidden">
                          {t('members.roleOf', { name: member.user.name })}
                        </label>
                        <select
                          id={selectId}
                          value={member.role}
                          aria-busy={saving}
                          onChange={(event) => onRole(member, event.currentTarget)}
                        >
                          {grantable.map((role) => (
                            <option key={role} value={role}>
                              {t(`role.${role}`)}
                            </option>
                          ))}
                        </select>
                      </>
                    ) : (
                      t(`role.${member.role}`)
                    )}
                  </td>
                  <td>
                    {manageable && (
                      <button
                        type="button"
                        class="button button-quiet button-small"
                        onClick={() => setRemoving(member)}
                      >
                        {t('members.remove')}
                        <span class="visually-hidden"> {member.user.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      {failure && (
        <p class="form-error" role="alert">
          {failure}
        </p>
      )}
      <p class="status-line" role="status">
        {status}
      </p>
      <ConfirmDialog
        open={removing !== null}
        title={t('members.removeTitle', { name: removing?.user.name ?? '' })}
        confirmLabel={remove.busy ? t('members.removing') : t('members.removeConfirm')}
        onConfirm={confirmRemove}
        onCancel={() => {
          setRemoving(null)
          remove.clear()
        }}
        busy={remove.busy}
        error={remove.error ? explain(remove.error) : null}
      >
        <p>{removing && t('members.removeBody', { name: removing.user.name })}</p>
      </ConfirmDialog>
    </>
  )
}
