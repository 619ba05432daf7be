import type { User } from '../../api/types.ts'
import { useDocumentTitle } from '../../app/useDocumentTitle.ts'
import { t } from '../../i18n/i18n.ts'
import { NotFoundPage } from '../NotFoundPage.tsx'
import { AdminDocuments } from './AdminDocuments.tsx'
import { AdminUsers } from './AdminUsers.tsx'

/** /admin: every account (search, create, disable, rights, password links) and every document. Admins only. */
export function AdminPage({ user }: { user: User }) {
  if (!user.isAdmin) return <NotFoundPage />
  return <AdminView user={user} />
}

function AdminView({ user }: { user: User }) {
  useDocumentTitle(t('admin.title'))
  return (
    <>
      <h1>{t('admin.title')}</h1>
      <AdminUsers me={user} />
      <AdminDocuments />
    </>
  )
}
