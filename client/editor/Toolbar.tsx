import type { ComponentChildren } from 'preact'
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks'
import { toggleMark } from 'prosemirror-commands'
import type { Command, EditorState } from 'prosemirror-state'
import { addColumnAfter, addRowAfter, deleteColumn, deleteRow, deleteTable } from 'prosemirror-tables'
import type { EditorView } from 'prosemirror-view'
import { redoCommand, undoCommand } from 'y-prosemirror'
import { type MessageKey, t } from '../i18n/i18n.ts'
import {
  blockChoices,
  currentBlock,
  insertHorizontalRule,
  insertTable,
  insideNode,
  inTable,
  markActive,
  setBlock,
  toggleBlockquote,
  toggleList,
} from './commands.ts'
import { schema } from './schema.ts'
import { ariaShortcut, shortcutLabel } from './shortcuts.ts'

/** The inline marks the toolbar toggles, with their shortcut and a short visible glyph. */
const markButtons = [
  { mark: 'strong', keys: 'Mod-b', glyph: 'B' },
  { mark: 'em', keys: 'Mod-i', glyph: 'I' },
  { mark: 'underline', keys: 'Mod-u', glyph: 'U' },
  { mark: 'strike', keys: 'Mod-Shift-x', glyph: 'S' },
  { mark: 'code', keys: 'Mod-e', glyph: '</>' },
  { mark: 'sub', keys: 'Mod-,', glyph: 'x₂' },
  { mark: 'sup', keys: 'Mod-.', glyph: 'x²' },
] as const

/** The props of the toolbar. */
export interface ToolbarProps {
  view: EditorView
  state: EditorState
  /** No command may run yet (the text is still loading). */
  disabled: boolean
  onLink: () => void
  onImage: () => void
}

/**
 * The formatting toolbar of an editable draft: block type, marks, link, lists, quote, rule, image, table and
 * undo/redo. One tab stop; arrow keys, Home and End move between its controls (a roving tabindex), and
 * disabled buttons stay focusable with aria-disabled so their names can still be read.
 */
export function Toolbar({ view, state, disabled, onLink, onImage }: ToolbarProps) {
  const bar = useRef<HTMLDivElement>(null)
  const active = useRef(0)
  useRovingTabindex(bar, active)

  const run = (command: Command) => {
    if (disabled || !command(view.state)) return
    command(view.state, view.dispatch, view)
    view.focus()
  }
  const can = (command: Command) => !disabled && command(state)
  const tableHere = inTable(state)
  const block = currentBlock(state)

  return (
    <div
      ref={bar}
      class="editor-toolbar"
      role="toolbar"
      aria-label={t('editor.toolbar')}
      aria-controls="editor-text"
    >
      <div class="editor-toolbar-group">
        <label class="visually-hidden" for="editor-block-type">
          {t('editor.block')}
        </label>
        <select
          id="editor-block-type"
          class="editor-block-select"
          value={block}
          disabled={disabled}
          onChange={(event) => {
            const value = event.currentTarget.value
            if ((blockChoices as readonly string[]).includes(value))
              run(setBlock(value as (typeof blockChoices)[number]))
          }}
        >
          {block === '' && (
            <option value="" disabled>
              {t('editor.block.mixed')}
            </option>
          )}
          {blockChoices.map((choice) => (
            <option key={choice} value={choice}>
              {t(`editor.block.${choice}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="editor-toolbar-group">
        {markButtons.map(({ mark, keys, glyph }) => {
          const type = schema.marks[mark]
          return (
            <ToolButton
              key={mark}
              label={t(`editor.mark.${mark}` as MessageKey)}
              keys={keys}
              pressed={markActive(state, type)}
              enabled={can(toggleMark(type))}
              onPress={() => run(toggleMark(type))}
              class={`editor-glyph-${mark}`}
            >
              {glyph}
            </ToolButton>
          )
        })}
        <ToolButton
          label={t('editor.link')}
          keys="Mod-k"
          pressed={markActive(state, schema.marks.link)}
          enabled={!disabled}
          onPress={onLink}
          hasPopup
        >
          <Icon name="link" />
        </ToolButton>
      </div>
      <div class="editor-toolbar-group">
        <ToolButton
          label={t('editor.bulletList')}
          keys="Mod-Shift-8"
          pressed={insideNode(state, schema.nodes.bullet_list)}
          enabled={can(toggleList(schema.nodes.bullet_list))}
          onPress={() => run(toggleList(schema.nodes.bullet_list))}
        >
          <Icon name="bullets" />
        </ToolButton>
        <ToolButton
          label={t('editor.orderedList')}
          keys="Mod-Shift-7"
          pressed={insideNode(state, schema.nodes.ordered_list)}
          enabled={can(toggleList(schema.nodes.ordered_list))}
          onPress={() => run(toggleList(schema.nodes.ordered_list))}
        >
          <Icon name="numbers" />
        </ToolButton>
        <ToolButton
          label={t('editor.blockquote')}
          pressed={insideNode(state, schema.nodes.blockquote)}
          enabled={can(toggleBlockquote)}
          onPress={() => run(toggleBlockquote)}
        >
          <Icon name="quote" />
        </ToolButton>
        <ToolButton
          label={t('editor.horizontalRule')}
          enabled={can(insertHorizontalRule)}
          onPress={() => run(insertHorizontalRule)}
        >
          <Icon name="rule" />
        </ToolButton>
        <ToolButton label={t('editor.image')} enabled={!disabled} onPress={onImage} hasPopup>
          <Icon name="image" />
        </ToolButton>
      </div>
      <div class="editor-toolbar-group">
        <ToolButton
          label={t('editor.table.insert')}
          enabled={can(insertTable())}
          onPress={() => run(insertTable())}
        >
          <Icon name="table" />
        </ToolButton>
        <ToolButton
          label={t('editor.table.addRow')}
          enabled={tableHere && can(addRowAfter)}
          onPress={() => run(addRowAfter)}
        >
          <Icon name="addRow" />
        </ToolButton>
        <ToolButton
          label={t('editor.table.addColumn')}
          enabled={tableHere && can(addColumnAfter)}
          onPress={() => run(addColumnAfter)}
        >
          <Icon name="addColumn" />
        </ToolButton>
        <ToolButton
          label={t('editor.table.deleteRow')}
          enabled={tableHere && can(deleteRow)}
          onPress={() => run(deleteRow)}
        >
          <Icon name="deleteRow" />
        </ToolButton>
        <ToolButton
          label={t('editor.table.deleteColumn')}
          enabled={tableHere && can(deleteColumn)}
          onPress={() => run(deleteColumn)}
        >
          <Icon name="deleteColumn" />
        </ToolButton>
        <ToolButton
          label={t('editor.table.delete')}
          enabled={tableHere && can(deleteTable)}
          onPress={() => run(deleteTable)}
        >
          <Icon name="deleteTable" />
        </ToolButton>
      </div>
      <div class="editor-toolbar-group">
        <ToolButton
          label={t('editor.undo')}
          keys="Mod-z"
          enabled={can(undoCommand)}
          onPress={() => run(undoCommand)}
        >
          <Icon name="undo" />
        </ToolButton>
        <ToolButton
          label={t('editor.redo')}
          keys="Mod-Shift-z"
          enabled={can(redoCommand)}
          onPress={() => run(redoCommand)}
        >
          <Icon name="redo" />
        </ToolButton>
      </div>
    </div>
  )
}

/** One toolbar button: its accessible name is the label; the shortcut shows as a tooltip and aria-keyshortcuts. */
function ToolButton(props: {
  label: string
  keys?: string
  pressed?: boolean
  enabled: boolean
  onPress: () => void
  hasPopup?: boolean
  class?: string
  children: ComponentChildren
}) {
  const { label, keys, pressed, enabled, onPress, hasPopup } = props
  return (
    <button
      type="button"
      class={props.class ? `editor-tool ${props.class}` : 'editor-tool'}
      aria-label={label}
      title={keys ? t('editor.shortcut', { label, keys: shortcutLabel(keys) }) : label}
      aria-keyshortcuts={keys ? ariaShortcut(keys) : undefined}
      aria-pressed={pressed === undefined ? undefined : pressed}
      aria-disabled={!enabled}
      aria-haspopup={hasPopup ? 'dialog' : undefined}
      // Keep the editor's selection: a mouse press on a button must not move focus out of the text first.
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => enabled && onPress()}
    >
      {props.children}
    </button>
  )
}

/** Small line icons (drawn with SVG paths: no inline styles, no external files). */
const iconPaths: Record<string, string> = {
  link: 'M7 13a4 4 0 0 0 5.66 0l2.83-2.83a4 4 0 0 0-5.66-5.66L8.5 5.84M13 7a4 4 0 0 0-5.66 0L4.51 9.83a4 4 0 0 0 5.66 5.66l1.33-1.33',
  bullets: 'M8 5h9M8 10h9M8 15h9M3.5 5h.01M3.5 10h.01M3.5 15h.01',
  numbers: 'M8 5h9M8 10h9M8 15h9M3 4l1-.5V7M3 9.5h2L3 12h2M3 14h2l-1 1.5h.5a.75.75 0 0 1 0 1.5H3',
  quote: 'M4 4.5v11M8 6h9M8 10h9M8 14h6',
  rule: 'M3 10h14',
  image: 'M3 4h14v12H3zM3 13l4-4 3 3 2-2 5 5M13 7.5h.01',
  table: 'M3 4h14v12H3zM3 8h14M3 12h14M8 4v12M12.5 4v12',
  addRow: 'M3 3h14v8H3zM3 7h14M10 13v5M7.5 15.5h5',
  addColumn: 'M3 3h8v14H3zM7 3v14M13 10h5M15.5 7.5v5',
  deleteRow: 'M3 3h14v8H3zM3 7h14M7.5 15.5h5',
  deleteColumn: 'M3 3h8v14H3zM7 3v14M13 10h5',
  deleteTable: 'M3 4h14v12H3zM3 8h14M8 4v12M7 10l6 5M13 10l-6 5',
  undo: 'M7 5L3 9l4 4M3 9h9a5 5 0 0 1 0 10h-2',
  redo: 'M13 5l4 4-4 4M17 9H8a5 5 0 0 0 0 10h2',
}

function Icon({ name }: { name: keyof typeof iconPaths }) {
  return (
    <svg class="editor-icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <path d={iconPaths[name]} />
    </svg>
  )
}

/**
 * One tab stop for the whole toolbar: the last focused control keeps tabindex 0, the others -1; arrow keys
 * (mirrored in right-to-left text), Home and End move focus. A select keeps its own up and down keys.
 */
function useRovingTabindex(bar: { current: HTMLDivElement | null }, active: { current: number }): void {
  const items = () => [...(bar.current?.querySelectorAll<HTMLElement>('button, select') ?? [])]
  const apply = () => {
    const all = items()
    if (active.current >= all.length) active.current = 0
    all.forEach((item, index) => {
      item.tabIndex = index === active.current ? 0 : -1
    })
  }
  // After every render: buttons may have appeared or gone.
  useLayoutEffect(apply)
  useEffect(() => {
    const element = bar.current
    if (!element) return
    const onFocus = (event: FocusEvent) => {
      const index = items().indexOf(event.target as HTMLElement)
      if (index >= 0 && index !== active.current) {
        active.current = index
        apply()
      }
    }
    const onKey = (event: KeyboardEvent) => {
      const all = items()
      const rtl = getComputedStyle(element).direction === 'rtl'
      const forward = rtl ? 'ArrowLeft' : 'ArrowRight'
      const backward = rtl ? 'ArrowRight' : 'ArrowLeft'
      let next: number
      if (event.key === forward) next = (active.current + 1) % all.length
      else if (event.key === backward) next = (active.current - 1 + all.length) % all.length
      else if (event.key === 'Home') next = 0
      else if (event.key === 'End') next = all.length - 1
      else return
      event.preventDefault()
      active.current = next
      apply()
      all[next]?.focus()
    }
    element.addEventListener('focusin', onFocus)
    element.addEventListener('keydown', onKey)
    return () => {
      element.removeEventListener('focusin', onFocus)
      element.removeEventListener('keydown', onKey)
    }
  }, [])
}
