import '../styles/editor.css'
import { useEffect, useRef, useState } from 'preact/hooks'
import type { EditorState } from 'prosemirror-state'
import { editingAllowed } from '../../shared/phases.ts'
import { getDocument } from '../api/documents.ts'
import { isApiError } from '../api/errors.ts'
import type { DocumentDetail, User } from '../api/types.ts'
import { t } from '../i18n/i18n.ts'
import { prefetchThreads } from '../threads/prefetch.ts'
import { currentHref, insertImage, linkAt, removeLink, setLink } from './commands.ts'
import { Presence } from './Presence.tsx'
import { StatusLine } from './StatusLine.tsx'
import { type CollabSession, createCollabSession, type SessionSnapshot } from './session.ts'
import { createEditorView, type EditorHandle } from './view.ts'

/** The lazily loaded toolbar and dialogs. */
type EditingTools = typeof import('./editing-tools.ts')

/** The comment threads (highlights, composer, sidebar): their own chunk, fetched with the editor. */
type Threads = typeof import('../threads/ThreadsPanel.tsx')

/** The props of the live draft editor. */
export interface LiveEditorProps {
  document: DocumentDetail
  user: User
  /** The document is gone for us (removed, deleted): the page shows "not found". */
  onGone: () => void
  /** Our role or the phase changed: the page reloads the document's facts. */
  onAccessChanged: () => void
}

/** Whether the page's facts allow editing: the `edit` capability, in a phase that is not final. */
function mayEdit(document: DocumentDetail): boolean {
  return document.capabilities.includes('edit') && editingAllowed(document)
}

/**
 * The live draft: a collaborative ProseMirror editor over Yjs, with the formatting toolbar (when I may
 * edit), who is here, and a status line. Edits are kept on this device until the server confirms them, and a
 * warning stops the tab from closing while some are unconfirmed.
 */
export function LiveEditor(props: LiveEditorProps) {
  const { document, user } = props
  const mount = useRef<HTMLDivElement>(null)
  const [generation, setGeneration] = useState(0)
  const [session, setSession] = useState<CollabSession | null>(null)
  const [handle, setHandle] = useState<EditorHandle | null>(null)
  const [snapshot, setSnapshot] = useState<SessionSnapshot | null>(null)
  const [editorState, setEditorState] = useState<EditorState | null>(null)
  const [dialog, setDialog] = useState<'link' | 'image' | null>(null)
  const [tools, setTools] = useState<EditingTools | null>(null)
  const [threads, setThreads] = useState<Threads | null>(null)
  const latest = useRef(props)
  latest.current = props

  // One session and one view per document, person and generation (a discard starts a new generation).
  useEffect(() => {
    const element = mount.current
    if (!element) return
    const facts = latest.current.document
    const readOnly = !mayEdit(facts)
    const created = createCollabSession(
      facts.id,
      { id: user.id, name: user.name, country: user.country },
      {
        role: facts.role,
        readOnly,
        checkAccess: () =>
          getDocument(facts.id).then(
            () => 'ok' as const,
            (error: unknown) =>
              isApiError(error, 'not_found')
                ? 'gone'
                : isApiError(error, 'unauthenticated')
                  ? 'signedOut'
                  : 'ok',
          ),
      },
    )
    // The threads are asked for as soon as the socket is in the room, while the text syncs.
    const dropPrefetch = prefetchThreads(created, facts.id)
    const editor = createEditorView(element, created, {
      readOnly: true,
      label: t('editor.label'),
      onState: setEditorState,
      onLinkRequest: () => setDialog('link'),
    })
    setSession(created)
    setHandle(editor)
    setSnapshot(created.snapshot())
    const unsubscribe = created.subscribe(setSnapshot)
    return () => {
      unsubscribe()
      dropPrefetch()
      editor.destroy()
      created.destroy()
      setHandle(null)
      setSession(null)
    }
  }, [document.id, user.id, generation])

  const readOnly = snapshot ? snapshot.readOnly : true
  const ready = snapshot?.ready ?? false
  useEffect(() => handle?.setReadOnly(readOnly || !ready), [handle, readOnly, ready])

  // The toolbar and dialogs are fetched once the draft turns out to be editable.
  useEffect(() => {
    if (readOnly || tools) return
    let live = true
    import('./editing-tools.ts').then(
      (loaded) => live && setTools(loaded),
      () => {},
    )
    return () => {
      live = false
    }
  }, [readOnly, tools])

  // The threads come for everyone (readers comment on selections); a failed fetch leaves the text usable.
  useEffect(() => {
    let live = true
    import('../threads/ThreadsPanel.tsx').then(
      (loaded) => live && setThreads(loaded),
      () => {},
    )
    return () => {
      live = false
    }
  }, [])

  useSessionProblems(session, snapshot, document.id, () => setGeneration((n) => n + 1))

  // Access changed (4001): the page reloads the role and phase it shows.
  const accessChanges = snapshot?.accessChanges ?? 0
  useEffect(() => {
    if (accessChanges > 0) latest.current.onAccessChanged()
  }, [accessChanges])

  useEffect(() => {
    if (snapshot?.problem === 'gone') latest.current.onGone()
  }, [snapshot?.problem])

  // Leaving with changes the server has not confirmed asks first (they stay on this device either way).
  const unsaved = Boolean(snapshot && !snapshot.readOnly && snapshot.sync.unsaved)
  useEffect(() => {
    if (!unsaved) return
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault()
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [unsaved])

  const view = handle?.view ?? null
  const closeDialog = () => {
    setDialog(null)
    view?.focus()
  }
  const discard = () => {
    if (!session) return
    void session.discardLocalChanges().then(() => setGeneration((n) => n + 1))
  }

  return (
    <div class="live-editor">
      <div class="editor-bar">
        {snapshot && <StatusLine snapshot={snapshot} />}
        {session && view && <Presence awareness={session.awareness} selfUserId={user.id} view={view} />}
        {threads && session && <threads.Progress documentId={document.id} session={session} />}
      </div>
      {snapshot && (
        <ProblemNotice snapshot={snapshot} onRetry={() => session?.reconnect()} onDiscard={discard} />
      )}
      {tools && view && editorState && !readOnly && (
        <tools.Toolbar
          view={view}
          state={editorState}
          disabled={!ready}
          onLink={() => setDialog('link')}
          onImage={() => setDialog('image')}
        />
      )}
      <div class="editor-with-threads">
        <div ref={mount} class={readOnly ? 'editor-mount is-read-only' : 'editor-mount'} />
        {threads && session && view && editorState && (
          <threads.ThreadsPanel
            view={view}
            session={session}
            document={document}
            user={user}
            editorState={editorState}
            ready={ready}
          />
        )}
      </div>
      {tools && view && dialog === 'link' && (
        <tools.LinkDialog
          initial={currentHref(view.state)}
          onApply={(href) => setLink(href)(view.state, view.dispatch)}
          onRemove={
            linkAt(view.state) || !view.state.selection.empty
              ? () => removeLink(view.state, view.dispatch)
              : null
          }
          onClose={closeDialog}
        />
      )}
      {tools && view && dialog === 'image' && (
        <tools.ImageDialog
          onInsert={(src, alt) => insertImage(src, alt)(view.state, view.dispatch)}
          onClose={closeDialog}
        />
      )}
    </div>
  )
}

/**
 * Reacts to a stopped session: a read-only violation discards what this device kept and starts over; a
 * session that ended asks the API, whose 401 sends the app to sign-in (coming back here afterwards).
 */
function useSessionProblems(
  session: CollabSession | null,
  snapshot: SessionSnapshot | null,
  documentId: string,
  restart: () => void,
): void {
  const problem = snapshot?.problem ?? null
  useEffect(() => {
    if (!session) return
    if (problem === 'readOnlyViolation') {
      void session.discardLocalChanges().then(restart)
    } else if (problem === 'signedOut') {
      // A 401 here reaches the app's handler, which shows sign-in with `next` pointing back here.
      getDocument(documentId).then(
        () => session.reconnect(),
        () => {},
      )
    }
  }, [session, problem])
}

/** Problems that need words or a choice: a full document, a refused change, a refused connection. */
function ProblemNotice({
  snapshot,
  onRetry,
  onDiscard,
}: {
  snapshot: SessionSnapshot
  onRetry: () => void
  onDiscard: () => void
}) {
  const { problem, readOnly, rejected, sync } = snapshot
  if (problem === 'documentFull') {
    return <p class="editor-notice">{t('editor.problem.documentFull')}</p>
  }
  if (problem === 'readOnlyViolation') {
    return <p class="editor-notice">{t('editor.problem.readOnlyViolation')}</p>
  }
  if (problem === 'tooLarge' || problem === 'refused') {
    return (
      <div class="editor-notice editor-notice-error" role="alert">
        <p>{t(problem === 'tooLarge' ? 'editor.problem.tooLarge' : 'editor.problem.refused')}</p>
        <div class="actions">
          {problem === 'tooLarge' && (
            <button type="button" class="button" onClick={onDiscard}>
              {t('editor.discard')}
            </button>
          )}
          <button type="button" class="button button-quiet" onClick={onRetry}>
            {t('editor.reconnect')}
          </button>
        </div>
      </div>
    )
  }
  if (readOnly && (rejected || sync.unsaved) && sync.synced) {
    return (
      <div class="editor-notice">
        <button type="button" class="button button-quiet" onClick={onDiscard}>
          {t('editor.discard')}
        </button>
      </div>
    )
  }
  return null
}
