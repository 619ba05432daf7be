import { useId, useRef, useState } from 'preact/hooks'
import { deleteComment, editComment, setSupport } from '../api/threads.ts'
import type { DocumentPerson, Thread, ThreadComment } from '../api/types.ts'
import { ConfirmDialog } from '../components/ConfirmDialog.tsx'
import { describeError } from '../components/errorText.ts'
import { formatDate, formatList, formatRelative, t } from '../i18n/i18n.ts'
import { Author } from './Author.tsx'
import { CommentText } from './CommentText.tsx'
import { maxBody } from './Composer.tsx'
import { DiffView } from './DiffView.tsx'
import { MentionTextarea } from './MentionTextarea.tsx'
import { PendingNote } from './PendingNote.tsx'
import { ResolutionControls, ResolutionSummary } from './Resolution.tsx'
import type { PendingReply } from './store.ts'

/** Where a card's thread is in the text, as this client sees it now. */
export type Placement = 'anchored' | 'orphaned' | 'document'

/** What a card asks of the sidebar. */
export interface CardActions {
  /** Makes the thread the active one (its highlight emphasised). */
  activate(threadId: string): void
  reply(threadId: string, body: string): void
  retry(localId: string): void
  discard(localId: string): void
  /** A thread an API call answered with (support), or a comment that changed (edit, delete). */
  put(thread: Thread): void
  /** Escape: back to the text, at the thread's highlight. */
  toText(threadId: string): void
  /** Ticks or unticks a thread in select mode. */
  toggleSelected(threadId: string): void
  /** Says something to screen readers (a decision made, a change applied). */
  announce(message: string): void
}

/** The props of a thread card. */
export interface ThreadCardProps {
  thread: Thread
  placement: Placement
  userId: string
  active: boolean
  /** In the tab order (one card is: the active one, or the first). */
  tabbable: boolean
  now: number
  canReply: boolean
  /** Editors and owners may delete anyone's comment. */
  canModerate: boolean
  pendingReplies: readonly PendingReply[]
  people: readonly DocumentPerson[]
  /** Author and wider: resolve, reopen, assign. */
  canResolve: boolean
  /** Author and wider, while the text may change: apply a proposed change. */
  canApply: boolean
  /** Who a thread may be assigned to (authors, editors, owners, me included). */
  assignees: readonly DocumentPerson[]
  /** In select mode: whether this thread is ticked; null outside select mode. */
  selected: boolean | null
  /** Say "Awaiting a decision" on open threads ("My comments"). */
  showStatus: boolean
  actions: CardActions
}

/** A time as "3 minutes ago", with the full date on hover and for machines ("now" for a clock running behind). */
export function When({ at, now }: { at: string; now: number }) {
  return (
    <time dateTime={at} title={formatDate(at, { dateStyle: 'long', timeStyle: 'short' })}>
      {formatRelative(at, Math.max(now, Date.now(), Date.parse(at)))}
    </time>
  )
}

/**
 * One thread: who opened it (flag, name, organization), its type and age, the text it is on (or "whole
 * document"), a proposed change as a diff, the comments, who supports it, and a reply box while it is active.
 * Bodies, names and quotes are text, never HTML.
 */
export function ThreadCard(props: ThreadCardProps) {
  const { thread, placement, userId, active, now, canReply, actions } = props
  const headingId = useId()
  const [reply, setReply] = useState('')
  const [replyError, setReplyError] = useState<string | null>(null)
  const [supportBusy, setSupportBusy] = useState(false)
  const [supportError, setSupportError] = useState<string | null>(null)
  const [first, ...replies] = thread.comments
  const supporters = thread.supporters
  const supported = supporters.some((person) => person.id === userId)
  const countries = [...new Set(supporters.map((person) => person.country ?? '?'))]

  const sendReply = () => {
    if (reply.trim() === '') {
      setReplyError(t('threads.reply.empty'))
      return
    }
    actions.reply(thread.id, reply)
    setReply('')
    setReplyError(null)
  }

  const toggleSupport = async () => {
    if (supportBusy) return
    setSupportBusy(true)
    setSupportError(null)
    try {
      actions.put(await setSupport(thread.id, !supported))
    } catch (error) {
      setSupportError(describeError(error))
    } finally {
      setSupportBusy(false)
    }
  }

  const replaceComment = (comment: ThreadComment) =>
    actions.put({ ...thread, comments: thread.comments.map((c) => (c.id === comment.id ? comment : c)) })

  const label = t('threads.card.label', {
    name: thread.author?.name ?? t('common.unknownPerson'),
    type: t(`threads.type.${thread.type}`),
  })

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a click anywhere on the card activates it; from the keyboard, focusing the card does (Enter opens it, in the sidebar's handler)
    <article
      class={`thread-card${active ? ' is-active' : ''}${thread.status === 'resolved' ? ' is-resolved' : ''}`}
      data-thread-id={thread.id}
      tabIndex={props.tabbable ? 0 : -1}
      aria-label={label}
      aria-current={active ? 'true' : undefined}
      onClick={(event) => {
        if (!active && !(event.target as Element).closest('button, a, textarea, input, select'))
          actions.activate(thread.id)
      }}
      onFocusCapture={() => {
        if (!active) actions.activate(thread.id)
      }}
    >
      <header class="thread-card-head" id={headingId}>
        {props.selected !== null && (
          <input
            type="checkbox"
            class="thread-select"
            checked={props.selected}
            disabled={thread.status !== 'open'}
            aria-label={t('threads.select.thread')}
            onChange={() => actions.toggleSelected(thread.id)}
          />
        )}
        <Author person={thread.author} />
        <span class="thread-meta">
          <span class={`badge badge-${thread.type}`}>{t(`threads.type.${thread.type}`)}</span>
          {thread.status === 'resolved' ? (
            <span class="badge badge-resolved">{t('threads.status.resolved')}</span>
          ) : (
            props.showStatus && <span class="badge badge-open">{t('threads.status.open')}</span>
          )}
          <When at={thread.createdAt} now={now} />
        </span>
      </header>
      {placement === 'document' ? (
        <p class="thread-quote-document">{t('threads.wholeDocument')}</p>
      ) : (
        <blockquote class={placement === 'orphaned' ? 'thread-quote is-orphaned' : 'thread-quote'}>
          {thread.anchor.quote}
        </blockquote>
      )}
      {placement === 'orphaned' && <p class="thread-note">{t('threads.orphanedNote')}</p>}
      {thread.anchor.reanchored && placement !== 'orphaned' && (
        <p class="thread-note">{t('threads.reanchored')}</p>
      )}
      {thread.proposedText !== null && (
        <div class="thread-proposal">
          <p class="thread-proposal-label">{t('threads.proposal')}</p>
          <DiffView before={thread.anchor.quote} after={thread.proposedText} />
        </div>
      )}
      {props.showStatus && thread.status === 'open' && (
        <p class="thread-note">{t('threads.resolution.awaiting')}</p>
      )}
      <ResolutionSummary thread={thread} />
      <ol class="thread-comments">
        {first && (
          <CommentItem key={first.id} {...props} comment={first} opening onChanged={replaceComment} />
        )}
        {replies.map((comment) => (
          <CommentItem key={comment.id} {...props} comment={comment} onChanged={replaceComment} />
        ))}
        {props.pendingReplies.map((pending) => (
          <li key={pending.localId} class="comment is-pending">
            <p class="comment-head">
              <span class="thread-author-name">{t('threads.you')}</span>
            </p>
            <CommentText body={pending.body} />
            <PendingNote pending={pending} onRetry={actions.retry} onDiscard={actions.discard} />
          </li>
        ))}
      </ol>
      {(countries.length > 0 || (canReply && thread.author?.id !== userId)) && (
        <div class="thread-support">
          {countries.length > 0 && (
            <p title={formatList(supporters.map((person) => person.name))}>
              {t('threads.supportedBy', { countries: countries.join(', ') })}
            </p>
          )}
          {canReply && thread.author?.id !== userId && (
            <button
              type="button"
              class="button button-quiet button-small"
              aria-pressed={supported}
              aria-busy={supportBusy}
              onClick={toggleSupport}
            >
              {supported ? t('threads.withdraw') : t('threads.support')}
            </button>
          )}
          {supportError && (
            <p class="field-error" role="alert">
              {supportError}
            </p>
          )}
        </div>
      )}
      <ResolutionControls
        thread={thread}
        userId={userId}
        canResolve={props.canResolve}
        canApply={props.canApply}
        canReply={canReply}
        assignees={props.assignees}
        put={actions.put}
        announce={actions.announce}
      />
      {canReply && (active || reply) && (
        <form
          class="reply-form"
          onSubmit={(event) => {
            event.preventDefault()
            sendReply()
          }}
          noValidate
        >
          <label class="visually-hidden" for={`${headingId}-reply`}>
            {t('threads.reply.label')}
          </label>
          <MentionTextarea
            id={`${headingId}-reply`}
            value={reply}
            onValue={(value) => {
              setReply(value)
              setReplyError(null)
            }}
            people={props.people}
            maxLength={maxBody}
            rows={2}
            invalid={Boolean(replyError)}
            describedBy={replyError ? `${headingId}-reply-error` : undefined}
            onSubmit={sendReply}
            onEscape={() =>
              (
                document.querySelector(`[data-thread-id="${CSS.escape(thread.id)}"]`) as HTMLElement | null
              )?.focus()
            }
          />
          {replyError && (
            <p id={`${headingId}-reply-error`} class="field-error" role="alert">
              {replyError}
            </p>
          )}
          <div class="actions">
            <button type="submit" class="button button-small">
              {t('threads.reply.submit')}
            </button>
          </div>
        </form>
      )}
      {canReply && !active && !reply && (
        <button
          type="button"
          class="link-button thread-reply-open"
          onClick={() => actions.activate(thread.id)}
        >
          {t('threads.reply.open')}
        </button>
      )}
    </article>
  )
}

/** One comment, with edit and delete for its author (and delete for editors). */
function CommentItem(
  props: ThreadCardProps & {
    comment: ThreadComment
    opening?: boolean
    onChanged: (c: ThreadComment) => void
  },
) {
  const { comment, userId, now, opening } = props
  const id = useId()
  const [editing, setEditing] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [confirming, setConfirming] = useState(false)
  const deleteButton = useRef<HTMLButtonElement>(null)
  const item = useRef<HTMLLIElement>(null)
  const mine = comment.author?.id === userId
  const mayDelete = !comment.deleted && (mine || props.canModerate) && props.canReply

  const save = async () => {
    if (editing === null || busy) return
    if (editing.trim() === '') return setError(t('threads.reply.empty'))
    setBusy(true)
    setError(null)
    try {
      props.onChanged(await editComment(comment.id, editing))
      setEditing(null)
    } catch (failure) {
      setError(describeError(failure))
    } finally {
      setBusy(false)
    }
  }

  const remove = async () => {
    setBusy(true)
    setError(null)
    try {
      await deleteComment(comment.id)
      props.onChanged({ ...comment, body: '', deleted: true })
      setConfirming(false)
      // The Delete button is gone with the comment: keep focus in the thread.
      requestAnimationFrame(() => item.current?.closest<HTMLElement>('.thread-card')?.focus())
    } catch (failure) {
      setError(describeError(failure))
    } finally {
      setBusy(false)
    }
  }

  return (
    <li ref={item} class={comment.deleted ? 'comment is-deleted' : 'comment'}>
      {!opening && (
        <p class="comment-head">
          <Author person={comment.author} />
          <When at={comment.createdAt} now={now} />
        </p>
      )}
      {comment.deleted ? (
        <p class="comment-body comment-deleted">{t('threads.comment.deleted')}</p>
      ) : editing !== null ? (
        <form
          class="reply-form"
          onSubmit={(event) => {
            event.preventDefault()
            void save()
          }}
          noValidate
        >
          <label class="visually-hidden" for={`${id}-edit`}>
            {t('threads.comment.editLabel')}
          </label>
          <MentionTextarea
            id={`${id}-edit`}
            value={editing}
            onValue={setEditing}
            people={props.people}
            maxLength={maxBody}
            autoFocus
            onSubmit={save}
            onEscape={() => setEditing(null)}
          />
          <div class="actions">
            <button type="submit" class="button button-small" aria-busy={busy}>
              {busy ? t('common.saving') : t('common.save')}
            </button>
            <button type="button" class="button button-quiet button-small" onClick={() => setEditing(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <CommentText body={comment.body} />
      )}
      {comment.editedAt && !comment.deleted && editing === null && (
        <p class="comment-edited">{t('threads.comment.edited')}</p>
      )}
      {editing === null && (mine || mayDelete) && !comment.deleted && (
        <p class="comment-actions">
          {mine && props.canReply && (
            <button type="button" class="link-button" onClick={() => setEditing(comment.body)}>
              {t('threads.comment.edit')}
            </button>
          )}
          {mayDelete && (
            <button ref={deleteButton} type="button" class="link-button" onClick={() => setConfirming(true)}>
              {t('threads.comment.delete')}
            </button>
          )}
        </p>
      )}
      {error && !confirming && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
      {confirming && (
        <ConfirmDialog
          open
          title={t('threads.comment.deleteTitle')}
          confirmLabel={t('threads.comment.deleteConfirm')}
          onConfirm={remove}
          onCancel={() => {
            setConfirming(false)
            requestAnimationFrame(() => deleteButton.current?.focus())
          }}
          busy={busy}
          error={error}
        >
          <p>{t('threads.comment.deleteBody')}</p>
        </ConfirmDialog>
      )}
    </li>
  )
}
