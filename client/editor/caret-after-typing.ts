import { Plugin, TextSelection } from 'prosemirror-state'

/**
 * Keeps the caret after what was just typed at it. ProseMirror reads typed text back from the DOM, and takes
 * the caret from the DOM too; in Chromium, a character typed within milliseconds of Enter (the new, empty
 * paragraph just drawn) is read with the caret still before it, so the rest of the word went in front of it
 * ("his sentence….T"). Text typed at a collapsed caret always leaves the caret after it, so when ProseMirror's
 * own transaction would put it anywhere else, this puts it there. Only plain typing at the caret: not during an
 * IME composition, not over a selection, not elsewhere (autocorrect, spell-check replacements keep
 * ProseMirror's reading). Goes after the input rules, which see the text first.
 */
export function caretAfterTyping(): Plugin {
  return new Plugin({
    props: {
      handleTextInput(view, from, to, text, deflt) {
        const { selection } = view.state
        if (view.composing || !selection.empty || from !== to || selection.from !== from) return false
        const tr = deflt()
        const end = from + text.length
        if (tr.selection.empty && tr.selection.head !== end)
          tr.setSelection(TextSelection.create(tr.doc, end))
        view.dispatch(tr)
        return true
      },
    },
  })
}
