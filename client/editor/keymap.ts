import { chainCommands, exitCode, setBlockType } from 'prosemirror-commands'
import { undoInputRule } from 'prosemirror-inputrules'
import { liftListItem, sinkListItem, splitListItem } from 'prosemirror-schema-list'
import type { Command } from 'prosemirror-state'
import { goToNextCell } from 'prosemirror-tables'
import { redoCommand, undoCommand } from 'y-prosemirror'
import { toggle, toggleList } from './commands.ts'
import { schema } from './schema.ts'

/** Inserts a line break inside a paragraph (not in a heading, which is one line). */
export const insertHardBreak: Command = (state, dispatch) => {
  const { $from, $to } = state.selection
  const br = schema.nodes.hard_break
  if (!$from.parent.canReplaceWith($from.index(), $to.index(), br)) return false
  dispatch?.(state.tr.replaceSelectionWith(br.create()).scrollIntoView())
  return true
}

/**
 * The editor's shortcuts, before ProseMirror's base keymap: undo and redo through Yjs (so only my own
 * changes are undone), marks, headings, lists, line breaks, table cells, and Mod-k for the link dialog.
 */
export function buildKeymap({ onLink }: { onLink: () => void }): Record<string, Command> {
  const item = schema.nodes.list_item
  const keys: Record<string, Command> = {
    'Mod-z': undoCommand,
    'Mod-y': redoCommand,
    'Mod-Shift-z': redoCommand,
    Backspace: undoInputRule,
    'Mod-b': toggle('strong'),
    'Mod-i': toggle('em'),
    'Mod-u': toggle('underline'),
    'Mod-Shift-x': toggle('strike'),
    'Mod-e': toggle('code'),
    'Mod-,': toggle('sub'),
    'Mod-.': toggle('sup'),
    'Mod-k': () => {
      onLink()
      return true
    },
    'Shift-Enter': chainCommands(exitCode, insertHardBreak),
    'Mod-Enter': chainCommands(exitCode, insertHardBreak),
    Enter: splitListItem(item),
    'Mod-[': liftListItem(item),
    'Mod-]': sinkListItem(item),
    Tab: chainCommands(goToNextCell(1), sinkListItem(item)),
    'Shift-Tab': chainCommands(goToNextCell(-1), liftListItem(item)),
    'Mod-Shift-8': toggleList(schema.nodes.bullet_list),
    'Mod-Shift-7': toggleList(schema.nodes.ordered_list),
    'Mod-Alt-0': setBlockType(schema.nodes.paragraph),
  }
  for (const level of [1, 2, 3, 4]) keys[`Mod-Alt-${level}`] = setBlockType(schema.nodes.heading, { level })
  return keys
}
