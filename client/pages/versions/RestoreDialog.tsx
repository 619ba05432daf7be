import { restoreVersion, type Version } from '../../api/versions.ts'
import { useAction } from '../../app/useAction.ts'
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx'
import { describeError } from '../../components/errorText.ts'
import { t } from '../../i18n/i18n.ts'

/**
 * Asks before restoring a version (for editors): the current text is replaced as a new change, and a
 * version of it is kept first. Closed when `version` is null.
 */
export function RestoreDialog({
  documentId,
  version,
  onRestored,
  onCancel,
}: {
  documentId: string
  version: Version | null
  onRestored: (version: Version) => void
  onCancel: () => void
}) {
  const restore = useAction((id: string) => restoreVersion(documentId, id))
  const confirm = async () => {
    if (!version) return
    const answer = await restore.run(version.id)
    if (answer) onRestored(version)
  }
  return (
    <ConfirmDialog
      open={version !== null}
      title={t('versions.restore.title', { name: version?.name ?? '' })}
      confirmLabel={t('versions.restore.confirm')}
      onConfirm={confirm}
      onCancel={() => {
        restore.clear()
        onCancel()
      }}
      busy={restore.busy}
      error={restore.error ? describeError(restore.error) : null}
    >
      <p>{t('versions.restore.body')}</p>
      <p>
        <strong>{t('versions.restore.kept')}</strong>
      </p>
      <p class="hint">{t('versions.restore.threads')}</p>
    </ConfirmDialog>
  )
}
