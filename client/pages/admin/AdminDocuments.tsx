import { listAdminDocuments } from '../../api/admin.ts'
import { usePagedList } from '../../app/usePagedList.ts'
import { LoadMore } from '../../components/LoadMore.tsx'
import { LoadError, Loading } from '../../components/StatusMessage.tsx'
import { formatAnd, formatDate, formatNumber, t } from '../../i18n/i18n.ts'

/** Every document on this server: title, phase, how many members, its owners, when it last changed. */
export function AdminDocuments() {
  const list = usePagedList(
    (cursor, signal) => listAdminDocuments({ cursor, limit: 50, signal }),
    'documents',
  )
  return (
    <section aria-labelledby="admin-documents-heading">
      <h2 id="admin-documents-heading">{t('admin.documents.heading')}</h2>
      {list.status === 'loading' && !list.loaded && <Loading label={t('admin.documents.loading')} />}
      {list.status === 'error' && (
        <LoadError title={t('admin.documents.error')} error={list.error} onRetry={list.retry} />
      )}
      {list.loaded && list.items.length === 0 && <p class="empty-line">{t('admin.documents.empty')}</p>}
      {list.items.length > 0 && (
        <div class="table-scroll">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('admin.documents.col.title')}</th>
                <th scope="col">{t('admin.documents.col.phase')}</th>
                <th scope="col" class="cell-number">
                  {t('admin.documents.col.members')}
                </th>
                <th scope="col">{t('admin.documents.col.owners')}</th>
                <th scope="col">{t('admin.documents.col.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((document) => (
                <tr key={document.id}>
                  <th scope="row">
                    <a href={`/documents/${encodeURIComponent(document.id)}`}>{document.title}</a>
                  </th>
                  <td>
                    <span class={`phase phase-${document.phase}`}>{t(`phase.${document.phase}`)}</span>
                  </td>
                  <td class="cell-number">{formatNumber(document.memberCount)}</td>
                  <td>
                    {document.owners.length > 0
                      ? formatAnd(document.owners.map((owner) => owner.name))
                      : t('admin.documents.noOwner')}
                  </td>
                  <td>
                    <time dateTime={document.updatedAt}>
                      {formatDate(document.updatedAt, { dateStyle: 'medium', timeStyle: 'short' })}
                    </time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore
        list={list}
        label={t('admin.documents.loadMore')}
        busyLabel={t('admin.documents.loadingMore')}
        errorTitle={t('admin.documents.error')}
      />
    </section>
  )
}
