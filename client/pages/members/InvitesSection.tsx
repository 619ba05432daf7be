import { useEffect, useState } from 'preact/hooks'
import { listInvites, revokeInvite } from '../../api/members.ts'
import type { CreatedInvite, DocumentDetail, Invite } from '../../api/types.ts'
import { useLoad } from '../../app/useLoad.ts'
import { describeError } from '../../components/errorText.ts'
import { LoadError, Loading } from '../../components/StatusMessage.tsx'
import { formatDate, t } from '../../i18n/i18n.ts'
import { InviteForm } from './InviteForm.tsx'

/** Invitations: the form to make one, and every invitation so far with what became of it. */
export function InvitesSection({ document, onChanged }: { document: DocumentDetail; onChanged: () => void }) {
  const [state, retry] = useLoad((signal) => listInvites(document.id, signal), document.id)
  const [items, setItems] = useState<Invite[]>([])
  useEffect(() => {
    if (state.status === 'ready') setItems(state.data.items)
  }, [state])
  const created = ({ url: _url, token: _token, ...invite }: CreatedInvite) => {
    setItems((shown) => [invite, ...shown])
    onChanged()
  }
  const revoked = (id: string) => {
    setItems((shown) => shown.map((invite) => (invite.id === id ? { ...invite, status: 'revoked' } : invite)))
    onChanged()
  }
  return (
    <section aria-labelledby="invites-heading">
      <h2 id="invites-heading">{t('invites.heading')}</h2>
      <InviteForm document={document} onCreated={created} />
      <h3 id="invites-list-heading" tabIndex={-1}>
        {t('invites.list.heading')}
      </h3>
      {state.status === 'loading' && <Loading label={t('invites.loading')} />}
      {state.status === 'error' && (
        <LoadError title={t('invites.error')} error={state.error} onRetry={retry} />
      )}
      {state.status === 'ready' && (
        <InvitesTable documentId={document.id} invites={items} onRevoked={revoked} />
      )}
    </section>
  )
}

function InvitesTable(props: { documentId: string; invites: Invite[]; onRevoked: (id: string) => void }) {
  const { documentId, invites, onRevoked } = props
  const [busy, setBusy] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [status, setStatus] = useState('')
  if (invites.length === 0) return <p class="empty-line">{t('invites.empty')}</p>

  const revoke = async (invite: Invite) => {
    if (busy) return
    setBusy(invite.id)
    setProblem(null)
    setStatus('')
    try {
      await revokeInvite(documentId, invite.id)
      onRevoked(invite.id)
      setStatus(t('invites.revoked'))
      // The Revoke button is gone with the invitation's pending state: keep focus near it.
      window.document.getElementById('invites-list-heading')?.focus()
    } catch (error) {
      setProblem(describeError(error, { conflict: 'invites.error.used' }))
    } finally {
      setBusy(null)
    }
  }
  return (
    <>
      <div class="table-scroll">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('invites.col.role')}</th>
              <th scope="col">{t('invites.col.for')}</th>
              <th scope="col">{t('invites.col.status')}</th>
              <th scope="col">{t('invites.col.expires')}</th>
              <th scope="col">{t('invites.col.createdBy')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invites.map((invite) => (
              <tr key={invite.id}>
                <td>{t(`role.${invite.role}`)}</td>
                <td dir={invite.email ? 'ltr' : undefined}>{invite.email ?? t('invites.anyone')}</td>
                <td>
                  <span class={`badge badge-${invite.status}`}>{t(`invites.status.${invite.status}`)}</span>
                  {invite.usedBy && (
                    <span class="muted"> {t('invites.usedBy', { name: invite.usedBy.name })}</span>
                  )}
                </td>
                <td>
                  <time dateTime={invite.expiresAt}>
                    {formatDate(invite.expiresAt, { dateStyle: 'medium', timeStyle: 'short' })}
                  </time>
                </td>
                <td>{invite.createdBy?.name ?? t('common.unknownPerson')}</td>
                <td>
                  {invite.status === 'pending' && (
                    <button
                      type="button"
                      class="button button-quiet button-small"
                      aria-busy={busy === invite.id}
                      onClick={() => revoke(invite)}
                    >
                      {t('invites.revoke')}
                      <span class="visually-hidden">
                        {' '}
                        {t('invites.revokeWhich', {
                          role: t(`role.${invite.role}`),
                          date: formatDate(invite.createdAt),
                        })}
                      </span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {problem && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
      <p class="status-line" role="status">
        {status}
      </p>
    </>
  )
}
