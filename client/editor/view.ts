import 'prosemirror-view/style/prosemirror.css'
import { baseKeymap } from 'prosemirror-commands'
import { dropCursor } from 'prosemirror-dropcursor'
import { gapCursor } from 'prosemirror-gapcursor'
import { keymap } from 'prosemirror-keymap'
import { EditorState } from 'prosemirror-state'
import { tableEditing } from 'prosemirror-tables'
import { EditorView } from 'prosemirror-view'
import { yCursorPlugin, ySyncPlugin, yUndoPlugin } from 'y-prosemirror'
import { threadHighlights } from '../threads/highlights.ts'
import { caretAfterTyping } from './caret-after-typing.ts'
import { buildCursor, buildSelection } from './cursors.ts'
import { buildInputRules } from './input-rules.ts'
import { buildKeymap } from './keymap.ts'
import { schema } from './schema.ts'
import type { CollabSession } from './session.ts'

/** How the editor starts, and what it tells its host. */
export interface EditorViewOptions {
  readOnly: boolean
  /** The accessible name of the text area. */
  label: string
  /** Called with every new editor state (the toolbar reflects it). */
  onState?: (state: EditorState) => void
  /** Mod-k: the host opens its link dialog. */
  onLinkRequest?: () => void
}

/** A mounted editor, and how to change whether it is editable. */
export interface EditorHandle {
  readonly view: EditorView
  setReadOnly(readOnly: boolean): void
  destroy(): void
}

/**
 * Mounts a ProseMirror editor on `mount`, bound to the session's Y.XmlFragment: remote cursors and
 * selections, undo and redo of my own changes, the keymaps and input rules, tables, gap and drop cursors.
 * Read-only still lets people select text (comments are made on selections).
 */
export function createEditorView(
  mount: HTMLElement,
  session: CollabSession,
  options: EditorViewOptions,
): EditorHandle {
  let readOnly = options.readOnly
  const state = EditorState.create({
    schema,
    plugins: [
      ySyncPlugin(session.fragment),
      yCursorPlugin(session.awareness, { cursorBuilder: buildCursor, selectionBuilder: buildSelection }),
      yUndoPlugin(),
      keymap(buildKeymap({ onLink: () => options.onLinkRequest?.() })),
      keymap(baseKeymap),
      buildInputRules(),
      caretAfterTyping(),
      dropCursor({ class: 'drop-cursor', color: false }),
      gapCursor(),
      tableEditing(),
      // The comment threads' highlights: empty until the threads panel (its own chunk) fills them.
      threadHighlights(),
    ],
  })
  const view: EditorView = new EditorView(mount, {
    state,
    editable: () => !readOnly,
    attributes: () => ({
      id: 'editor-text',
      class: 'editor-text',
      role: 'textbox',
      'aria-multiline': 'true',
      'aria-label': options.label,
      'aria-readonly': String(readOnly),
      // A read-only text is still reachable from the keyboard, to scroll and read it.
      ...(readOnly ? { tabindex: '0' } : {}),
      spellcheck: readOnly ? 'false' : 'true',
    }),
    dispatchTransaction(this: EditorView, tr) {
      const next = this.state.apply(tr)
      this.updateState(next)
      options.onState?.(next)
    },
  })
  options.onState?.(view.state)
  return {
    view,
    setReadOnly(next) {
      if (next === readOnly) return
      readOnly = next
      view.setProps({ editable: () => !readOnly })
      options.onState?.(view.state)
    },
    destroy() {
      view.destroy()
    },
  }
}
