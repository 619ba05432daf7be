import { useState } from 'preact/hooks'
import { getDocument } from '../../api/documents.ts'
import { isApiError } from '../../api/errors.ts'
import type { DocumentDetail, User } from '../../api/types.ts'
import { useDocumentTitle } from '../../app/useDocumentTitle.ts'
import { useLoad } from '../../app/useLoad.ts'
import { LoadError, Loading } from '../../components/StatusMessage.tsx'
import { t } from '../../i18n/i18n.ts'
import { NotFoundPage } from '../NotFoundPage.tsx'
import { AuditLog } from './AuditLog.tsx'
import { InvitesSection } from './InvitesSection.tsx'
import { MembersTable } from './MembersTable.tsx'

/**
 * Who is in a document and how they got there: members and their roles, invitations, and the activity log.
 * Only for members with `manage_members`; anyone else sees the not-found page, as for a document not theirs.
 */
export function MembersPage({ id, user }: { id: string; user: User }) {
  const [state, retry] = useLoad((signal) => getDocument(id, signal), id)
  if (state.status === 'error' && isApiError(state.error, 'not_found'))
    return <NotFoundPage kind="document" />
  if (state.status === 'ready' && !state.data.capabilities.includes('manage_members')) return <NotFoundPage />
  return (
    <>
      <p class="back-link">
        <a href={`/documents/${encodeURIComponent(id)}`}>
          {state.status === 'ready' ? t('members.back', { title: state.data.title }) : t('members.backPlain')}
        </a>
      </p>
      {state.status === 'loading' && <Loading label={t('members.loadingDocument')} />}
      {state.status === 'error' && (
        <LoadError title={t('document.error')} error={state.error} onRetry={retry} />
      )}
      {state.status === 'ready' && <MembersView document={state.data} user={user} onReload={retry} />}
    </>
  )
}

function MembersView({
  document,
  user,
  onReload,
}: {
  document: DocumentDetail
  user: User
  onReload: () => void
}) {
  useDocumentTitle(t('members.pageTitle', { title: document.title }))
  // Every change bumps this, so the activity log shows it without a reload. A change to my own membership
  // reloads the document: my role, and so what I may do here, may have changed.
  const [changes, setChanges] = useState(0)
  const changed = (self = false) => (self ? onReload() : setChanges((n) => n + 1))
  return (
    <>
      <h1>{t('members.title', { title: document.title })}</h1>
      <MembersTable document={document} user={user} onChanged={changed} />
      <InvitesSection document={document} onChanged={changed} />
      <AuditLog documentId={document.id} version={changes} />
    </>
  )
}
