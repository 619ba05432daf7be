import '../../styles/exports.css'
import { useMemo, useRef } from 'preact/hooks'
import { getDocument } from '../../api/documents.ts'
import { isApiError } from '../../api/errors.ts'
import { type DispositionRow, type DispositionFilters as Filters, getDisposition } from '../../api/exports.ts'
import type { DocumentDetail } from '../../api/types.ts'
import { useDocumentTitle } from '../../app/useDocumentTitle.ts'
import { useLoad } from '../../app/useLoad.ts'
import { LoadError, Loading } from '../../components/StatusMessage.tsx'
import { formatNumber, t, tp } from '../../i18n/i18n.ts'
import { navigate, usePlace } from '../../router.ts'
import { NotFoundPage } from '../NotFoundPage.tsx'
import { DispositionDownloads } from './DispositionDownloads.tsx'
import { DispositionFilters } from './DispositionFilters.tsx'
import { DispositionTable } from './DispositionTable.tsx'
import { facetsOf, filtersFromSearch, searchOf } from './filters.ts'

/**
 * The disposition of comments of a document: every thread in document order with its decision, filters by
 * country, status, type and section (kept in the address), and the same table as .xlsx, .csv or .docx.
 * Only for members who may export with comments (editors and owners); anyone else sees the not-found page,
 * as for a document not theirs.
 */
export function DispositionPage({ id }: { id: string }) {
  const [state, retry] = useLoad((signal) => getDocument(id, signal), id)
  if (state.status === 'error' && isApiError(state.error, 'not_found'))
    return <NotFoundPage kind="document" />
  if (state.status === 'ready' && !state.data.capabilities.includes('export_with_comments'))
    return <NotFoundPage />
  return (
    <>
      <p class="back-link">
        <a href={`/documents/${encodeURIComponent(id)}`}>
          {state.status === 'ready'
            ? t('disposition.back', { title: state.data.title })
            : t('disposition.backPlain')}
        </a>
      </p>
      {state.status === 'loading' && <Loading label={t('document.loading')} />}
      {state.status === 'error' && (
        <LoadError title={t('document.error')} error={state.error} onRetry={retry} />
      )}
      {state.status === 'ready' && <DispositionView document={state.data} />}
    </>
  )
}

function DispositionView({ document }: { document: DocumentDetail }) {
  useDocumentTitle(t('disposition.pageTitle', { title: document.title }))
  const place = usePlace()
  const filters = filtersFromSearch(place.search)
  const search = searchOf(filters)
  // Every row, for the filters' options; and the filtered rows (numbered as the files number them).
  const [all, retryAll] = useLoad((signal) => getDisposition(document.id, {}, signal), document.id)
  const [filtered, retryFiltered] = useLoad(
    async (signal) => ({ search, rows: search ? await getDisposition(document.id, filters, signal) : null }),
    `${document.id}${search}`,
  )
  const setFilters = (next: Filters) => navigate(`${place.pathname}${searchOf(next)}`, { replace: true })
  // Until its effect runs, a load still holds the answer for the previous filters: only rows for these count.
  const current = search
    ? filtered.status === 'ready' && filtered.data.search === search
      ? filtered.data.rows
      : null
    : all.status === 'ready'
      ? all.data
      : null
  // While other filters load, the last table stays (marked busy) instead of blinking away.
  const last = useRef<{ rows: DispositionRow[]; search: string } | null>(null)
  if (current) last.current = { rows: current, search }
  const shown = last.current
  const stale = current === null
  // The same vnodes while the rows are the same: changing a filter does not diff thousands of rows twice.
  const facets = useMemo(() => (all.status === 'ready' ? facetsOf(all.data) : null), [all])
  const table = useMemo(
    () => (shown && shown.rows.length > 0 ? <DispositionTable rows={shown.rows} /> : null),
    [shown?.rows],
  )
  const failed = all.status === 'error' ? all : search && filtered.status === 'error' ? filtered : null

  return (
    <section class="disposition" aria-labelledby="disposition-title">
      <h1 id="disposition-title">{t('disposition.title', { title: document.title })}</h1>
      <p class="muted">{t('disposition.intro')}</p>
      {failed && (
        <LoadError
          title={t('disposition.error')}
          error={failed.error}
          onRetry={() => (failed === all ? retryAll() : retryFiltered())}
        />
      )}
      {!failed && all.status === 'loading' && <Loading label={t('disposition.loading')} />}
      {all.status === 'ready' && all.data.length === 0 && <p class="empty-line">{t('disposition.empty')}</p>}
      {all.status === 'ready' && all.data.length > 0 && (
        <>
          <DispositionFilters facets={facets!} filters={filters} onChange={setFilters} />
          <DispositionDownloads documentId={document.id} title={document.title} filters={filters} />
          {!failed && stale && <Loading label={t('disposition.loading')} />}
          {shown && (
            <div class={stale ? 'disposition-rows is-stale' : 'disposition-rows'} aria-busy={stale}>
              <p class="disposition-count" role="status">
                {shown.search
                  ? tp('disposition.countFiltered', shown.rows.length, {
                      total: formatNumber(all.data.length),
                    })
                  : tp('disposition.count', shown.rows.length)}
              </p>
              {table ?? <p class="empty-line">{t('disposition.noMatch')}</p>}
            </div>
          )}
        </>
      )}
    </section>
  )
}
