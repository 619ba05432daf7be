import './versions.css'
import { useRef, useState } from 'preact/hooks'
import { getDocument } from '../../api/documents.ts'
import { isApiError } from '../../api/errors.ts'
import type { DocumentDetail } from '../../api/types.ts'
import { listVersions, type Version } from '../../api/versions.ts'
import { useDocumentTitle } from '../../app/useDocumentTitle.ts'
import { useLoad } from '../../app/useLoad.ts'
import { LoadError, Loading } from '../../components/StatusMessage.tsx'
import { t } from '../../i18n/i18n.ts'
import { NotFoundPage } from '../NotFoundPage.tsx'
import { type CompareChoice, CompareForm } from './CompareForm.tsx'
import { CompareView } from './CompareView.tsx'
import { RestoreDialog } from './RestoreDialog.tsx'
import { SaveVersionForm } from './SaveVersionForm.tsx'
import { VersionTable } from './VersionTable.tsx'
import { VersionText } from './VersionText.tsx'

/**
 * A document's versions (`/documents/:id/versions`), for every member: the list, each version read-only,
 * a comparison of any two (or one and the current text); for editors, saving a named version and restoring
 * one. A document that is absent or not shared shows as not found.
 */
export function VersionsPage({ id }: { id: string }) {
  const [state, retry] = useLoad((signal) => getDocument(id, signal), id)
  if (state.status === 'error' && isApiError(state.error, 'not_found'))
    return <NotFoundPage kind="document" />
  return (
    <>
      <p class="back-link">
        <a href={`/documents/${encodeURIComponent(id)}`}>
          {state.status === 'ready'
            ? t('versions.back', { title: state.data.title })
            : t('versions.backPlain')}
        </a>
      </p>
      {state.status === 'loading' && <Loading label={t('versions.loadingDocument')} />}
      {state.status === 'error' && (
        <LoadError title={t('document.error')} error={state.error} onRetry={retry} />
      )}
      {state.status === 'ready' && <VersionsView document={state.data} />}
    </>
  )
}

/** What the lower part of the page shows: nothing, one version's text, or a comparison. */
type Shown =
  | { kind: 'none' }
  | { kind: 'text'; version: Version }
  | { kind: 'compare'; choice: CompareChoice }

function VersionsView({ document }: { document: DocumentDetail }) {
  useDocumentTitle(t('versions.pageTitle', { title: document.title }))
  const [reloads, setReloads] = useState(0)
  const [versions, retry] = useLoad(
    (signal) => listVersions(document.id, signal),
    `${document.id}:${reloads}`,
  )
  const [shown, setShown] = useState<Shown>({ kind: 'none' })
  const [restoring, setRestoring] = useState<Version | null>(null)
  const [restored, setRestored] = useState<string | null>(null)
  const mayManage = document.capabilities.includes('manage_versions')
  const reload = () => setReloads((n) => n + 1)
  // While the list reloads (after a save or a restore), the last one stays on screen.
  const lastItems = useRef<Version[] | null>(null)
  if (versions.status === 'ready') lastItems.current = versions.data.items
  const items = lastItems.current ?? []

  return (
    <>
      <h1>{t('versions.title', { title: document.title })}</h1>
      <p class="lead">{t('versions.intro')}</p>
      {mayManage && <SaveVersionForm documentId={document.id} onSaved={reload} />}
      <p class="status-line" role="status">
        {restored ? t('versions.restore.done', { name: restored }) : ''}
      </p>
      <section class="versions-list" aria-labelledby="versions-list-heading">
        <h2 id="versions-list-heading">{t('versions.listHeading')}</h2>
        {versions.status === 'loading' && lastItems.current === null && (
          <Loading label={t('versions.loading')} />
        )}
        {versions.status === 'error' && (
          <LoadError title={t('versions.error')} error={versions.error} onRetry={retry} />
        )}
        {lastItems.current !== null && items.length === 0 && (
          <div class="empty">
            <p class="status-title">{t('versions.empty.title')}</p>
            <p>{t('versions.empty.body')}</p>
          </div>
        )}
        {items.length > 0 && (
          <VersionTable
            versions={items}
            actions={{
              onView: (version) => setShown({ kind: 'text', version }),
              onCompareNow: (version) =>
                setShown({ kind: 'compare', choice: { from: version.id, to: 'current' } }),
              onRestore: mayManage
                ? (version) => {
                    setRestored(null)
                    setRestoring(version)
                  }
                : undefined,
            }}
          />
        )}
      </section>
      {items.length > 0 && (
        <CompareForm
          versions={items}
          chosen={shown.kind === 'compare' ? shown.choice : null}
          onCompare={(choice) => setShown({ kind: 'compare', choice })}
        />
      )}
      {shown.kind === 'text' && (
        <VersionText
          key={shown.version.id}
          documentId={document.id}
          version={shown.version}
          onClose={() => setShown({ kind: 'none' })}
        />
      )}
      {shown.kind === 'compare' && (
        <CompareView
          documentId={document.id}
          choice={shown.choice}
          onClose={() => setShown({ kind: 'none' })}
        />
      )}
      {mayManage && (
        <RestoreDialog
          documentId={document.id}
          version={restoring}
          onCancel={() => setRestoring(null)}
          onRestored={(version) => {
            setRestoring(null)
            setRestored(version.name)
            setShown({ kind: 'none' })
            reload()
          }}
        />
      )}
    </>
  )
}
