import { useEffect, useRef, useState } from 'preact/hooks'
import { type Version, versionDocument } from '../../api/versions.ts'
import { useLoad } from '../../app/useLoad.ts'
import { LoadError, Loading } from '../../components/StatusMessage.tsx'
import { formatDate, t } from '../../i18n/i18n.ts'
import { renderVersion } from './renderVersion.ts'
import { useFocusOnOpen } from './useFocusOnOpen.ts'

/** One version's text, read-only, drawn through the shared schema from the JSON the API gives. */
export function VersionText({
  documentId,
  version,
  onClose,
}: {
  documentId: string
  version: Version
  onClose: () => void
}) {
  const [state, retry] = useLoad((signal) => versionDocument(documentId, version.id, signal), version.id)
  const target = useRef<HTMLDivElement>(null)
  const heading = useFocusOnOpen<HTMLHeadingElement>(version.id)
  const [broken, setBroken] = useState<unknown>(null)
  useEffect(() => {
    setBroken(null)
    if (state.status !== 'ready' || !target.current) return
    try {
      renderVersion(state.data.doc, target.current)
    } catch (error) {
      setBroken(error)
    }
  }, [state])

  return (
    <section class="version-panel panel" aria-labelledby="version-text-heading">
      <div class="page-heading">
        <h2 id="version-text-heading" ref={heading} tabIndex={-1}>
          {version.name}
        </h2>
        <button type="button" class="button button-quiet" onClick={onClose}>
          {t('versions.close')}
        </button>
      </div>
      <p class="hint">
        {t('versions.view.readOnly', {
          date: formatDate(version.createdAt, { dateStyle: 'long', timeStyle: 'short' }),
        })}
      </p>
      {state.status === 'loading' && <Loading label={t('versions.view.loading')} />}
      {(state.status === 'error' || broken !== null) && (
        <LoadError
          title={t('versions.view.error')}
          error={state.status === 'error' ? state.error : broken}
          onRetry={retry}
        />
      )}
      <div ref={target} class="version-text" hidden={state.status !== 'ready' || broken !== null} />
    </section>
  )
}
