import { useId, useState } from 'preact/hooks'
import { isApiError } from '../api/errors.ts'
import { applyThread, assignThread, reopenThread, resolveThread } from '../api/threads.ts'
import type { DocumentPerson, Resolution, Thread } from '../api/types.ts'
import { describeError } from '../components/errorText.ts'
import { formatDate, t } from '../i18n/i18n.ts'
import { maxBody } from './Composer.tsx'
import { DiffView } from './DiffView.tsx'

/** The decisions, in the order the menus list them. */
export const decisions: readonly Resolution[] = ['accepted', 'partially_accepted', 'rejected', 'noted']

/** Roles a thread may be assigned to. */
const assignable = new Set(['author', 'editor', 'owner'])

/** The members a thread may be assigned to: authors, editors and owners, by name. */
export function assigneesOf(people: readonly DocumentPerson[]): DocumentPerson[] {
  const collator = new Intl.Collator()
  return people
    .filter((person) => assignable.has(person.role))
    .sort((a, b) => collator.compare(a.name, b.name))
}

/** A decision in words, with its note when there is one: "Accepted — we reworded it". */
export function decisionText(thread: Pick<Thread, 'resolution' | 'resolutionNote'>): string {
  if (!thread.resolution) return t('threads.status.resolved')
  const decision = t(`threads.resolution.${thread.resolution}`)
  const note = thread.resolutionNote?.trim()
  return note ? t('threads.resolution.withNote', { decision, note }) : decision
}

/** What was decided on a resolved thread, by whom and when. */
export function ResolutionSummary({ thread }: { thread: Thread }) {
  if (thread.status !== 'resolved') return null
  const date = thread.resolvedAt
    ? formatDate(thread.resolvedAt, { dateStyle: 'medium', timeStyle: 'short' })
    : ''
  return (
    <div class={`thread-decision is-${thread.resolution ?? 'resolved'}`}>
      <p class="thread-decision-text">{decisionText(thread)}</p>
      {thread.resolvedAt && (
        <p class="thread-decision-by">
          {thread.resolvedBy ? (
            t('threads.resolution.by', { name: thread.resolvedBy.name, date })
          ) : (
            <time dateTime={thread.resolvedAt}>{t('threads.resolution.byUnknown', { date })}</time>
          )}
        </p>
      )}
    </div>
  )
}

/** A decision menu and a note: the fields of resolving one thread or several. */
export function DecisionFields(props: {
  idPrefix: string
  decision: Resolution
  onDecision: (decision: Resolution) => void
  note: string
  onNote: (note: string) => void
}) {
  const { idPrefix } = props
  return (
    <>
      <div class="decision-row">
        <label for={`${idPrefix}-decision`}>{t('threads.resolve.decision')}</label>
        <select
          id={`${idPrefix}-decision`}
          value={props.decision}
          onChange={(event) => props.onDecision(event.currentTarget.value as Resolution)}
        >
          {decisions.map((decision) => (
            <option key={decision} value={decision}>
              {t(`threads.resolution.${decision}`)}
            </option>
          ))}
        </select>
      </div>
      <label class="composer-label" for={`${idPrefix}-note`}>
        {t('threads.resolve.note')}
      </label>
      <textarea
        id={`${idPrefix}-note`}
        rows={2}
        maxLength={maxBody}
        value={props.note}
        onInput={(event) => props.onNote(event.currentTarget.value)}
      />
    </>
  )
}

/** The props of a card's resolving controls. */
export interface ResolutionControlsProps {
  thread: Thread
  userId: string
  /** Author and wider: resolve, reopen and assign. */
  canResolve: boolean
  /** Author and wider, while the text may change: apply a proposal. */
  canApply: boolean
  /** May write in the thread: the thread's own author may then reopen it, giving a reason. */
  canReply: boolean
  /** Everyone a thread may be assigned to (me included). */
  assignees: readonly DocumentPerson[]
  put: (thread: Thread) => void
  announce: (message: string) => void
}

type Mode = 'idle' | 'resolve' | 'apply' | 'conflict' | 'reopen'

/** The text as it was commented and as it is now, from a 409 of apply. */
interface Conflict {
  quote: string
  currentText: string
}

function conflictOf(error: unknown): Conflict | null {
  if (!isApiError(error, 'conflict')) return null
  const { quote, currentText } = error.details
  return typeof quote === 'string'
    ? { quote, currentText: typeof currentText === 'string' ? currentText : '' }
    : null
}

/** Keeps focus on the card once the control that had it is gone. */
function focusCard(from: Element | null): void {
  const card = from?.closest<HTMLElement>('.thread-card')
  requestAnimationFrame(() => card?.focus({ preventScroll: true }))
}

/**
 * The decision part of a card (the decision itself is ResolutionSummary, higher up): the assignee and the
 * menu to change it, and the controls the member's rights allow: resolve with a decision and note, apply the proposed change
 * (after seeing it as a diff; when the text changed meanwhile, both versions and a way to resolve without
 * applying), and reopen (the thread's own author saying why).
 */
export function ResolutionControls(props: ResolutionControlsProps) {
  const { thread, userId, canResolve, canApply, put, announce } = props
  const id = useId()
  const [mode, setMode] = useState<Mode>('idle')
  const [decision, setDecision] = useState<Resolution>('accepted')
  const [note, setNote] = useState('')
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [conflict, setConflict] = useState<Conflict | null>(null)
  const open = thread.status === 'open'
  const own = thread.author?.id === userId
  const mayReopenOwn = !canResolve && own && props.canReply
  const assignee = thread.assigneeId
    ? (props.assignees.find((person) => person.id === thread.assigneeId) ?? null)
    : null

  const switchTo = (next: Mode) => {
    setMode(next)
    setError(null)
  }

  const run = async (
    event: Event,
    call: () => Promise<Thread>,
    done: string,
    conflictKey: 'resolve' | 'reopen',
  ) => {
    if (busy) return
    const from = event.currentTarget as Element | null
    setBusy(true)
    setError(null)
    try {
      put(await call())
      setMode('idle')
      setNote('')
      setReason('')
      setConflict(null)
      announce(done)
      focusCard(from)
    } catch (failure) {
      setError(
        describeError(failure, {
          conflict: conflictKey === 'resolve' ? 'threads.resolve.already' : 'threads.reopen.already',
        }),
      )
    } finally {
      setBusy(false)
    }
  }

  const resolve = (event: Event) =>
    run(
      event,
      () => resolveThread(thread.id, decision, note),
      t('threads.resolve.done', { decision: t(`threads.resolution.${decision}`) }),
      'resolve',
    )

  const reopen = (event: Event, withReason: boolean) => {
    if (withReason && reason.trim() === '') {
      setError(t('threads.reopen.empty'))
      return
    }
    return run(
      event,
      () => reopenThread(thread.id, withReason ? reason : undefined),
      t('threads.reopen.done'),
      'reopen',
    )
  }

  const apply = async (event: Event) => {
    if (busy) return
    const from = event.currentTarget as Element | null
    setBusy(true)
    setError(null)
    try {
      put(await applyThread(thread.id))
      setMode('idle')
      announce(t('threads.apply.done'))
      focusCard(from)
    } catch (failure) {
      const changed = conflictOf(failure)
      if (changed) {
        setConflict(changed)
        setMode('conflict')
      } else setError(describeError(failure))
    } finally {
      setBusy(false)
    }
  }

  const assign = async (assigneeId: string | null) => {
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      put(await assignThread(thread.id, assigneeId))
    } catch (failure) {
      setError(describeError(failure))
    } finally {
      setBusy(false)
    }
  }

  const assignedLine = thread.assigneeId && (
    <p class="thread-assignee">
      {thread.assigneeId === userId
        ? t('threads.assign.toMe')
        : t('threads.assign.to', { name: assignee?.name ?? t('common.unknownPerson') })}
    </p>
  )

  return (
    <div class="thread-resolution">
      {canResolve && open ? (
        <div class="decision-row thread-assign">
          <label for={`${id}-assignee`}>{t('threads.assign.label')}</label>
          <select
            id={`${id}-assignee`}
            value={thread.assigneeId ?? ''}
            disabled={busy}
            onChange={(event) => void assign(event.currentTarget.value || null)}
          >
            <option value="">{t('threads.assign.none')}</option>
            {thread.assigneeId && !assignee && (
              <option value={thread.assigneeId}>{t('common.unknownPerson')}</option>
            )}
            {props.assignees.map((person) => (
              <option key={person.id} value={person.id}>
                {person.id === userId ? t('threads.assign.me', { name: person.name }) : person.name}
              </option>
            ))}
          </select>
        </div>
      ) : (
        assignedLine
      )}

      {open && canResolve && mode === 'idle' && (
        <p class="thread-resolution-actions">
          <button type="button" class="button button-small" onClick={() => switchTo('resolve')}>
            {t('threads.resolve.open')}
          </button>
          {canApply && thread.proposedText !== null && (
            <button type="button" class="button button-quiet button-small" onClick={() => switchTo('apply')}>
              {t('threads.apply.open')}
            </button>
          )}
        </p>
      )}

      {open && canResolve && mode === 'resolve' && (
        <form
          class="reply-form resolve-form"
          aria-label={t('threads.resolve.title')}
          onSubmit={(event) => {
            event.preventDefault()
            void resolve(event)
          }}
          noValidate
        >
          <DecisionFields
            idPrefix={id}
            decision={decision}
            onDecision={setDecision}
            note={note}
            onNote={setNote}
          />
          <div class="actions">
            <button type="submit" class="button button-small" aria-busy={busy}>
              {busy ? t('threads.resolve.busy') : t('threads.resolve.submit')}
            </button>
            <button type="button" class="button button-quiet button-small" onClick={() => switchTo('idle')}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}

      {open && canApply && mode === 'apply' && thread.proposedText !== null && (
        <div class="apply-preview">
          <p>{t('threads.apply.preview')}</p>
          <DiffView before={thread.anchor.quote} after={thread.proposedText} />
          <div class="actions">
            <button type="button" class="button button-small" aria-busy={busy} onClick={(e) => void apply(e)}>
              {busy ? t('threads.apply.busy') : t('threads.apply.confirm')}
            </button>
            <button type="button" class="button button-quiet button-small" onClick={() => switchTo('idle')}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}

      {open && mode === 'conflict' && conflict && (
        <div class="apply-conflict" role="alert">
          <p class="apply-conflict-title">{t('threads.apply.changed')}</p>
          <p class="thread-note">{t('threads.apply.changedHint')}</p>
          <p class="apply-version-label">{t('threads.apply.then')}</p>
          <blockquote class="thread-quote">{conflict.quote}</blockquote>
          <p class="apply-version-label">{t('threads.apply.now')}</p>
          <blockquote class="thread-quote is-current">
            {conflict.currentText || t('threads.apply.nowGone')}
          </blockquote>
          <div class="actions">
            <button type="button" class="button button-small" onClick={() => switchTo('resolve')}>
              {t('threads.apply.withoutApplying')}
            </button>
            <button
              type="button"
              class="button button-quiet button-small"
              onClick={() => {
                setConflict(null)
                switchTo('idle')
              }}
            >
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}

      {!open && canResolve && (
        <p class="thread-resolution-actions">
          <button
            type="button"
            class="button button-quiet button-small"
            aria-busy={busy}
            onClick={(e) => void reopen(e, false)}
          >
            {busy ? t('threads.reopen.busy') : t('threads.reopen.submit')}
          </button>
        </p>
      )}

      {!open && mayReopenOwn && mode !== 'reopen' && (
        <p class="thread-resolution-actions">
          <button type="button" class="button button-quiet button-small" onClick={() => switchTo('reopen')}>
            {t('threads.reopen.open')}
          </button>
        </p>
      )}

      {!open && mayReopenOwn && mode === 'reopen' && (
        <form
          class="reply-form"
          onSubmit={(event) => {
            event.preventDefault()
            void reopen(event, true)
          }}
          noValidate
        >
          <label class="composer-label" for={`${id}-reason`}>
            {t('threads.reopen.reason')}
          </label>
          <textarea
            id={`${id}-reason`}
            rows={2}
            required
            maxLength={maxBody}
            value={reason}
            aria-invalid={error !== null && reason.trim() === ''}
            onInput={(event) => {
              setReason(event.currentTarget.value)
              setError(null)
            }}
          />
          <div class="actions">
            <button type="submit" class="button button-small" aria-busy={busy}>
              {busy ? t('threads.reopen.busy') : t('threads.reopen.submit')}
            </button>
            <button type="button" class="button button-quiet button-small" onClick={() => switchTo('idle')}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}

      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
