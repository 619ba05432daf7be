import { useCallback, useEffect, useState } from 'preact/hooks'
import { getDocument } from '../api/documents.ts'
import { isApiError } from '../api/errors.ts'
import type { DocumentDetail, User } from '../api/types.ts'
import { lazyPage } from '../app/lazyPage.tsx'
import { useDocumentTitle } from '../app/useDocumentTitle.ts'
import { useLoad } from '../app/useLoad.ts'
import { LoadError, Loading } from '../components/StatusMessage.tsx'
import { formatDate, t } from '../i18n/i18n.ts'
import { DeleteDocument } from './document/DeleteDocument.tsx'
import { DocumentTitle } from './document/DocumentTitle.tsx'
import { ExportDialogButton } from './document/ExportDialogButton.tsx'
import { ManageDocument } from './document/ManageDocument.tsx'
import { PhaseBanner } from './document/PhaseBanner.tsx'
import { ImportPanel } from './import/ImportPanel.tsx'
import { NotFoundPage } from './NotFoundPage.tsx'

// The editor (ProseMirror, Yjs and their plugins) is its own chunk: the documents list and sign-in stay small.
const loadEditor = () => import('../editor/LiveEditor.tsx')
const LiveEditor = lazyPage(() => loadEditor().then((m) => m.LiveEditor), {
  loading: 'editor.loading',
  failed: 'editor.loadFailed',
})

/**
 * One document: its title, phase banner and my role, the controls my capabilities allow (rename, phase,
 * deadline, members, versions, export, the disposition of comments, delete), and the live draft (the
 * collaborative editor, loaded on demand). A document that is absent or not shared with me, or that I lose
 * access to while reading it, shows as not found.
 */
export function DocumentPage({ id, user }: { id: string; user: User }) {
  const [state, retry] = useLoad((signal) => getDocument(id, signal), id)
  const [gone, setGone] = useState(false)
  // The editor's code is fetched while the document's facts load (a failure shows when it is rendered).
  useEffect(() => {
    loadEditor().catch(() => {})
  }, [])
  if (gone || (state.status === 'error' && isApiError(state.error, 'not_found')))
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
      {state.status === 'ready' && (
        <DocumentView loaded={state.data} user={user} onReload={retry} onGone={() => setGone(true)} />
      )}
    </>
  )
}

function DocumentView({
  loaded,
  user,
  onReload,
  onGone,
}: {
  loaded: DocumentDetail
  user: User
  onReload: () => void
  onGone: () => void
}) {
  const [document, setDocument] = useState(loaded)
  useEffect(() => setDocument(loaded), [loaded])
  // After the collaboration socket said our access changed: fetch the role and phase again, in place.
  const refresh = useCallback(() => {
    getDocument(loaded.id).then(setDocument, (error: unknown) => {
      if (isApiError(error, 'not_found')) onGone()
    })
  }, [loaded.id, onGone])
  useDocumentTitle(document.title)
  const can = (capability: DocumentDetail['capabilities'][number]) =>
    document.capabilities.includes(capability)
  return (
    <article class="document" aria-labelledby="document-title">
      <DocumentTitle document={document} onUpdated={setDocument} />
      <PhaseBanner document={document} />
      <dl class="facts">
        <div>
          <dt>{t('document.role')}</dt>
          <dd>{t(`role.${document.role}`)}</dd>
        </div>
        <div>
          <dt>{t('document.updated')}</dt>
          <dd>
            <time dateTime={document.updatedAt}>
              {formatDate(document.updatedAt, { dateStyle: 'long', timeStyle: 'short' })}
            </time>
          </dd>
        </div>
      </dl>
      <p class="document-links">
        <a href={`/documents/${encodeURIComponent(document.id)}/versions`}>{t('document.versionsLink')}</a>
        {can('manage_members') && (
          <a href={`/documents/${encodeURIComponent(document.id)}/members`}>{t('document.membersLink')}</a>
        )}
        {can('export_with_comments') && (
          <a href={`/documents/${encodeURIComponent(document.id)}/disposition`}>
            {t('document.dispositionLink')}
          </a>
        )}
        <ExportDialogButton document={document} />
      </p>
      <section class="live-draft" aria-labelledby="live-draft-heading">
        <h2 id="live-draft-heading">{t('document.liveDraftHeading')}</h2>
        <LiveEditor document={document} user={user} onGone={onGone} onAccessChanged={refresh} />
      </section>
      {can('import') && <ImportPanel document={document} />}
      {can('manage_phases') && (
        <ManageDocument key={document.id} document={document} onUpdated={setDocument} onReload={onReload} />
      )}
      {can('delete') && <DeleteDocument document={document} />}
    </article>
  )
}
