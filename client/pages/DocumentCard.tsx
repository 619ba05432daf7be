import type { DocumentSummary } from '../api/types.ts'
import { formatDate, formatList, formatRelative, t, tp } from '../i18n/i18n.ts'

/** One document in my list: its title as a link, my role, its phase, its threads and when it last changed. */
export function DocumentCard({ document }: { document: DocumentSummary }) {
  const { id, title, role, phase, threadCounts, updatedAt, commentDeadline } = document
  const headingId = `document-${id}`
  return (
    <li class="document-card">
      <article aria-labelledby={headingId}>
        <h2 id={headingId} class="document-card-title">
          <a href={`/documents/${encodeURIComponent(id)}`}>{title}</a>
        </h2>
        <dl class="facts">
          <div>
            <dt>{t('document.role')}</dt>
            <dd>{t(`role.${role}`)}</dd>
          </div>
          <div>
            <dt>{t('document.phase')}</dt>
            <dd>
              <span class={`phase phase-${phase}`}>{t(`phase.${phase}`)}</span>
            </dd>
          </div>
          <div>
            <dt>{t('document.threads')}</dt>
            <dd>
              {formatList([
                tp('documents.threads.open', threadCounts.open),
                tp('documents.threads.resolved', threadCounts.resolved),
              ])}
            </dd>
          </div>
          {commentDeadline && (
            <div>
              <dt>{t('document.deadline')}</dt>
              <dd>
                <time dateTime={commentDeadline}>{formatDate(commentDeadline)}</time>
              </dd>
            </div>
          )}
          <div>
            <dt>{t('document.updated')}</dt>
            <dd>
              <time
                dateTime={updatedAt}
                title={formatDate(updatedAt, { dateStyle: 'long', timeStyle: 'short' })}
              >
                {formatRelative(updatedAt)}
              </time>
            </dd>
          </div>
        </dl>
      </article>
    </li>
  )
}
