import { getDocument } from '../api/documents.ts'
import { isApiError } from '../api/errors.ts'
import type { DocumentDetail } from '../api/types.ts'
import { useDocumentTitle } from '../app/useDocumentTitle.ts'
import { useLoad } from '../app/useLoad.ts'
import { LoadError, Loading } from '../components/StatusMessage.tsx'
import { formatDate, t } from '../i18n/i18n.ts'
import { NotFoundPage } from './NotFoundPage.tsx'

/**
 * One document: for now its title, my role and its phase, with a placeholder where the live draft and its
 * threads will go. A document that is absent or not shared with me shows as not found.
 */
export function DocumentPage({ id }: { id: string }) {
  const [state, retry] = useLoad((signal) => getDocument(id, signal), id)
  if (state.status === 'error' && isApiError(state.error, 'not_found'))
    return <NotFoundPage kind="document" />
  return (
    <>
      <p class="back-link">
        <a href="/">{t('common.backToDocuments')}</a>
      </p>
      {state.status === 'loading' && <Loading label={t('document.loading')} />}
      {state.status === 'error' && (
        <LoadError title={t('document.error')} error={state.error} onRetry={retry} />
      )}
      {state.status === 'ready' && <DocumentView document={state.data} />}
    </>
  )
}

function DocumentView({ document }: { document: DocumentDetail }) {
  useDocumentTitle(document.title)
  return (
    <article class="document" aria-labelledby="document-title">
      <h1 id="document-title">{document.title}</h1>
      <dl class="facts">
        <div>
          <dt>{t('document.role')}</dt>
          <dd>{t(`role.${document.role}`)}</dd>
        </div>
        <div>
          <dt>{t('document.phase')}</dt>
          <dd>
            <span class={`phase phase-${document.phase}`}>{t(`phase.${document.phase}`)}</span>
          </dd>
        </div>
        {document.commentDeadline && (
          <div>
            <dt>{t('document.deadline')}</dt>
            <dd>
              <time dateTime={document.commentDeadline}>{formatDate(document.commentDeadline)}</time>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('document.updated')}</dt>
          <dd>
            <time dateTime={document.updatedAt}>
              {formatDate(document.updatedAt, { dateStyle: 'long', timeStyle: 'short' })}
            </time>
          </dd>
        </div>
      </dl>
      <section class="live-draft" aria-labelledby="live-draft-heading">
        <h2 id="live-draft-heading">{t('document.liveDraftHeading')}</h2>
        <p>{t('document.liveDraftPlaceholder')}</p>
      </section>
    </article>
  )
}
