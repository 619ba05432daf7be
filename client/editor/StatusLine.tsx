import { type MessageKey, t } from '../i18n/i18n.ts'
import type { SessionSnapshot } from './session.ts'

/** The words for the session's state, for the status line. */
export function statusText(snapshot: SessionSnapshot): string {
  const { sync, readOnly, rejected } = snapshot
  if (readOnly) {
    if (rejected) return t('editor.status.rejected')
    if (sync.status === 'offline') return t('editor.status.offline')
    if (sync.status === 'connecting') return t('editor.status.connecting')
    return sync.unsaved ? t('editor.status.readOnlyUnsaved') : t('editor.status.readOnly')
  }
  if (sync.status === 'offline' && sync.unsaved) return t('editor.status.offlineUnsaved')
  return t(`editor.status.${sync.status}` as MessageKey)
}

/**
 * The status line: live, saving, saved, connecting or offline, in words, announced politely. "Saved" is only
 * ever shown after the server confirmed the changes are durable.
 */
export function StatusLine({ snapshot }: { snapshot: SessionSnapshot }) {
  const { status } = snapshot.sync
  return (
    <p class={`editor-status editor-status-${snapshot.readOnly ? 'read-only' : status}`} role="status">
      <span class="editor-status-dot" aria-hidden="true" />
      {statusText(snapshot)}
    </p>
  )
}
