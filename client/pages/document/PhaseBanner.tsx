import type { DocumentDetail } from '../../api/types.ts'
import { useNow } from '../../app/useNow.ts'
import { t } from '../../i18n/i18n.ts'
import { deadlineLine } from './deadline.ts'

/**
 * Where the document stands, for everyone: its phase and, while it is open for comments with a deadline,
 * how long is left ("Comments close in 3 days, on 12 March 2026 at 17:00") or that comments have closed.
 */
export function PhaseBanner({ document }: { document: DocumentDetail }) {
  const now = useNow()
  const { phase, commentDeadline } = document
  const deadline = deadlineLine(phase, commentDeadline, now)
  return (
    <section class={`phase-banner phase-banner-${phase}`} aria-label={t('document.banner.label')}>
      <p class="phase-banner-phase">
        <span class="phase-banner-label">{t('document.phase')}</span>{' '}
        <span class={`phase phase-${phase}`}>{t(`phase.${phase}`)}</span>
      </p>
      {deadline && commentDeadline && (
        <p class={deadline.closed ? 'phase-banner-deadline is-closed' : 'phase-banner-deadline'}>
          <time dateTime={commentDeadline}>{deadline.text}</time>
        </p>
      )}
    </section>
  )
}
