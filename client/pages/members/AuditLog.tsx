import { useEffect, useState } from 'preact/hooks'
import { listAudit } from '../../api/members.ts'
import type { AuditEntry } from '../../api/types.ts'
import { useLoad } from '../../app/useLoad.ts'
import { LoadError, Loading } from '../../components/StatusMessage.tsx'
import { formatDate, t } from '../../i18n/i18n.ts'
import { auditAction, auditDetail } from './auditText.ts'

const pageSize = 25

/** The document's activity, newest first: when, who, what (in plain words) and to whom, with "Show more". */
export function AuditLog({ documentId, version }: { documentId: string; version: number }) {
  const [state, retry] = useLoad(
    (signal) => listAudit(documentId, { limit: pageSize, signal }),
    `${documentId}:${version}`,
  )
  const [items, setItems] = useState<AuditEntry[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [more, setMore] = useState<'idle' | 'loading' | { error: unknown }>('idle')
  useEffect(() => {
    if (state.status !== 'ready') return
    setItems(state.data.items)
    setCursor(state.data.nextCursor)
  }, [state])

  const loadMore = async () => {
    if (more === 'loading') return
    setMore('loading')
    try {
      const page = await listAudit(documentId, { cursor, limit: pageSize })
      setItems((shown) => [...shown, ...page.items])
      setCursor(page.nextCursor)
      setMore('idle')
    } catch (error) {
      setMore({ error })
    }
  }

  const firstLoad = state.status === 'loading' && items.length === 0
  return (
    <section aria-labelledby="activity-heading">
      <h2 id="activity-heading">{t('audit.heading')}</h2>
      {firstLoad && <Loading label={t('audit.loading')} />}
      {state.status === 'error' && <LoadError title={t('audit.error')} error={state.error} onRetry={retry} />}
      {state.status !== 'error' && !firstLoad && items.length === 0 && (
        <p class="empty-line">{t('audit.empty')}</p>
      )}
      {items.length > 0 && (
        <div class="table-scroll">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('audit.col.time')}</th>
                <th scope="col">{t('audit.col.actor')}</th>
                <th scope="col">{t('audit.col.action')}</th>
                <th scope="col">{t('audit.col.target')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((entry) => (
                <tr key={entry.id}>
                  <td class="cell-time">
                    <time dateTime={entry.createdAt}>
                      {formatDate(entry.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}
                    </time>
                  </td>
                  <td>{entry.actor?.name ?? t('common.unknownPerson')}</td>
                  <td>
                    {auditAction(entry.action)}
                    {auditDetail(entry) && <span class="muted"> {auditDetail(entry)}</span>}
                  </td>
                  <td>{entry.target?.name ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {typeof more === 'object' && (
        <LoadError title={t('audit.error')} error={more.error} onRetry={loadMore} />
      )}
      {cursor && typeof more !== 'object' && (
        <button type="button" class="button" onClick={loadMore} aria-busy={more === 'loading'}>
          {more === 'loading' ? t('audit.loadingMore') : t('audit.loadMore')}
        </button>
      )}
    </section>
  )
}
