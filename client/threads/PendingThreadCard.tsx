import { t } from '../i18n/i18n.ts'
import { CommentText } from './CommentText.tsx'
import { DiffView } from './DiffView.tsx'
import { PendingNote } from './PendingNote.tsx'
import type { PendingThread } from './store.ts'

/** A thread written here that the server has not accepted yet: shown at once, with how its sending goes. */
export function PendingThreadCard({
  pending,
  onRetry,
  onDiscard,
}: {
  pending: PendingThread
  onRetry: (localId: string) => void
  onDiscard: (localId: string) => void
}) {
  const { input, quote } = pending
  return (
    <article
      class="thread-card is-pending"
      data-thread-id={pending.localId}
      tabIndex={-1}
      aria-label={t('threads.pending.label')}
    >
      <header class="thread-card-head">
        <span class="thread-author">
          <span class="thread-author-name">{t('threads.you')}</span>
        </span>
        <span class="thread-meta">
          <span class={`badge badge-${input.type}`}>{t(`threads.type.${input.type}`)}</span>
        </span>
      </header>
      {'document' in input.anchor ? (
        <p class="thread-quote-document">{t('threads.wholeDocument')}</p>
      ) : (
        <blockquote class="thread-quote">{quote}</blockquote>
      )}
      {input.proposedText != null && !('document' in input.anchor) && (
        <div class="thread-proposal">
          <p class="thread-proposal-label">{t('threads.proposal')}</p>
          <DiffView before={quote} after={input.proposedText} />
        </div>
      )}
      <CommentText body={input.body} />
      <PendingNote pending={pending} onRetry={onRetry} onDiscard={onDiscard} />
    </article>
  )
}
