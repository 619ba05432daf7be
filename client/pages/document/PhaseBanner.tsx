import type { DocumentDetail } from '../../api/types.ts'
import { useNow } from '../../app/useNow.ts'
import { formatDate, formatRelative, t } from '../../i18n/i18n.ts'

const deadlineFormat: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeStyle: 'short' }

/**
 * Where the document stands, for everyone: its phase and, while it is open for comments with a deadline,
 * how long is left ("Comments close in 3 days, on 12 March 2026 at 17:00") or that comments have closed.
 */
export function PhaseBanner({ document }: { document: DocumentDetail }) {
  const now = useNow()
  const { phase, commentDeadline } = document
  const deadline = commentDeadline ? Date.parse(commentDeadline) : null
  let line: string | null = null
  if (commentDeadline && deadline !== null) {
    const date = formatDate(commentDeadline, deadlineFormat)
    if (phase !== 'consultation') line = t('document.banner.deadline', { date })
    else if (deadline > now)
      line = t('document.banner.closesIn', { when: formatRelative(deadline, now), date })
    else line = t('document.banner.closed', { date })
  }
  const closed = phase === 'consultation' && deadline !== null && deadline <= now
  return (
    <section class={`phase-banner phase-banner-${phase}`} aria-label={t('document.banner.label')}>
      <p class="phase-banner-phase">
        <span class="phase-banner-label">{t('document.phase')}</span>{' '}
        <span class={`phase phase-${phase}`}>{t(`phase.${phase}`)}</span>
      </p>
      {line && (
        <p class={closed ? 'phase-banner-deadline is-closed' : 'phase-banner-deadline'}>
          {commentDeadline && <time dateTime={commentDeadline}>{line}</time>}
        </p>
      )}
    </section>
  )
}
