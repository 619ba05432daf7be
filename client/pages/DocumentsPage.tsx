import { useRef, useState } from 'preact/hooks'
import { listDocuments } from '../api/documents.ts'
import type { DocumentSummary, Page, User } from '../api/types.ts'
import { useDocumentTitle } from '../app/useDocumentTitle.ts'
import { useLoad } from '../app/useLoad.ts'
import { LoadError, Loading } from '../components/StatusMessage.tsx'
import { t } from '../i18n/i18n.ts'
import { DocumentCard } from './DocumentCard.tsx'
import { NewDocumentForm } from './NewDocumentForm.tsx'

/** How many documents to ask for at a time. */
const pageSize = 50

/**
 * My documents: every draft shared with me, with my role, its phase, its threads and its last change; for
 * admins and people allowed to create documents, a New document form.
 */
export function DocumentsPage({ user }: { user: User }) {
  useDocumentTitle(t('documents.title'))
  const [first, retry] = useLoad((signal) => listDocuments({ limit: pageSize, signal }), 'documents')
  const [creating, setCreating] = useState(false)
  const opener = useRef<HTMLButtonElement>(null)
  const mayCreate = user.isAdmin || user.canCreateDocuments
  return (
    <>
      <div class="page-heading">
        <h1>{t('documents.title')}</h1>
        {mayCreate && (
          <button
            ref={opener}
            type="button"
            class="button button-primary"
            aria-expanded={creating}
            aria-controls="new-document-panel"
            onClick={() => setCreating(!creating)}
          >
            {t('newDocument.open')}
          </button>
        )}
      </div>
      <div id="new-document-panel" hidden={!creating}>
        {creating && (
          <NewDocumentForm
            onClose={() => {
              setCreating(false)
              opener.current?.focus()
            }}
          />
        )}
      </div>
      {first.status === 'loading' && <Loading label={t('documents.loading')} />}
      {first.status === 'error' && (
        <LoadError title={t('documents.error')} error={first.error} onRetry={retry} />
      )}
      {first.status === 'ready' && <DocumentList first={first.data} />}
    </>
  )
}

/** The list itself, or the empty state; "Show more" fetches the next page when there is one. */
function DocumentList({ first }: { first: Page<DocumentSummary> }) {
  const [items, setItems] = useState(first.items)
  const [cursor, setCursor] = useState(first.nextCursor)
  const [more, setMore] = useState<'idle' | 'loading' | { error: unknown }>('idle')

  if (items.length === 0) {
    return (
      <section class="empty" aria-labelledby="documents-empty">
        <h2 id="documents-empty">{t('documents.empty.title')}</h2>
        <p>{t('documents.empty.body')}</p>
      </section>
    )
  }

  const loadMore = async () => {
    if (more === 'loading') return
    setMore('loading')
    try {
      const page = await listDocuments({ cursor, limit: pageSize })
      setItems((shown) => [...shown, ...page.items])
      setCursor(page.nextCursor)
      setMore('idle')
    } catch (error) {
      setMore({ error })
    }
  }

  return (
    <>
      <ul class="document-list">
        {items.map((document) => (
          <DocumentCard key={document.id} document={document} />
        ))}
      </ul>
      {typeof more === 'object' && (
        <LoadError title={t('documents.error')} error={more.error} onRetry={loadMore} />
      )}
      {cursor && typeof more !== 'object' && (
        <button type="button" class="button" onClick={loadMore} aria-busy={more === 'loading'}>
          {more === 'loading' ? t('documents.loadingMore') : t('documents.loadMore')}
        </button>
      )}
    </>
  )
}
