import { useLayoutEffect, useRef } from 'preact/hooks'
import type { EditorView } from 'prosemirror-view'
import { ariaShortcut, shortcutLabel } from '../editor/shortcuts.ts'
import { t } from '../i18n/i18n.ts'

/**
 * The "Comment" button that floats under the end of a text selection. It keeps the selection: pressing it
 * does not take focus from the text first. Positioned through the CSSOM (the CSP forbids style attributes).
 */
export function CommentButton({ view, onComment }: { view: EditorView; onComment: () => void }) {
  const button = useRef<HTMLButtonElement>(null)
  const { to } = view.state.selection

  useLayoutEffect(() => {
    const element = button.current
    const frame = element?.offsetParent
    if (!element || !frame) return
    try {
      const end = view.coordsAtPos(to, -1)
      const box = frame.getBoundingClientRect()
      const left = Math.min(
        Math.max(0, end.left - box.left - element.offsetWidth / 2),
        box.width - element.offsetWidth,
      )
      element.style.top = `${end.bottom - box.top + 6}px`
      element.style.left = `${left}px`
    } catch {
      // The position is outside the text (it just changed): the next render places it.
    }
  })

  return (
    <button
      ref={button}
      type="button"
      class="button button-primary comment-button"
      title={t('threads.commentShortcut', { keys: shortcutLabel('Mod-Alt-m') })}
      aria-keyshortcuts={ariaShortcut('Mod-Alt-m')}
      onMouseDown={(event) => event.preventDefault()}
      onClick={onComment}
    >
      {t('threads.comment')}
    </button>
  )
}
