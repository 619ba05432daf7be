import { lift, setBlockType, toggleMark, wrapIn } from 'prosemirror-commands'
import type { MarkType, NodeType } from 'prosemirror-model'
import { liftListItem, wrapInList } from 'prosemirror-schema-list'
import { type Command, type EditorState, TextSelection } from 'prosemirror-state'
import { isInTable } from 'prosemirror-tables'
import { safeHref, safeImageSrc } from '../../shared/schema/urls.ts'
import { type MarkName, schema } from './schema.ts'

/** The block types the toolbar's select offers. */
export const blockChoices = ['paragraph', 'h1', 'h2', 'h3', 'h4'] as const

/** One of the toolbar's block types. */
export type BlockChoice = (typeof blockChoices)[number]

/** The command that turns the selected blocks into `choice`. */
export function setBlock(choice: BlockChoice): Command {
  return choice === 'paragraph'
    ? setBlockType(schema.nodes.paragraph)
    : setBlockType(schema.nodes.heading, { level: Number(choice.slice(1)) })
}

/** The block type of the selection for the toolbar's select, or '' when it spans several or another kind. */
export function currentBlock(state: EditorState): BlockChoice | '' {
  const { $from, $to } = state.selection
  if (!$from.sameParent($to)) return ''
  const node = $from.parent
  if (node.type === schema.nodes.paragraph) return 'paragraph'
  if (node.type === schema.nodes.heading) return `h${node.attrs.level}` as BlockChoice
  return ''
}

/** True when the mark is on the whole selection, or stored for the next typed text at a cursor. */
export function markActive(state: EditorState, type: MarkType): boolean {
  const { from, $from, to, empty } = state.selection
  if (empty) return Boolean(type.isInSet(state.storedMarks ?? $from.marks()))
  return state.doc.rangeHasMark(from, to, type)
}

/** True when the selection sits inside a node of `type` (a list, a blockquote). */
export function insideNode(state: EditorState, type: NodeType): boolean {
  const { $from } = state.selection
  for (let depth = $from.depth; depth > 0; depth--) if ($from.node(depth).type === type) return true
  return false
}

/** Toggles a list of `type`: lifts the items out when already inside one of that type, wraps them otherwise. */
export function toggleList(type: NodeType): Command {
  return (state, dispatch, view) =>
    insideNode(state, type)
      ? liftListItem(schema.nodes.list_item)(state, dispatch, view)
      : wrapInList(type)(state, dispatch, view)
}

/** Toggles a blockquote around the selected blocks. */
export const toggleBlockquote: Command = (state, dispatch, view) =>
  insideNode(state, schema.nodes.blockquote)
    ? lift(state, dispatch, view)
    : wrapIn(schema.nodes.blockquote)(state, dispatch, view)

/** Inserts a horizontal rule in place of the selection. */
export const insertHorizontalRule: Command = (state, dispatch) => {
  const rule = schema.nodes.horizontal_rule
  if (!canInsert(state, rule)) return false
  dispatch?.(state.tr.replaceSelectionWith(rule.create()).scrollIntoView())
  return true
}

/** Inserts an image; the source must pass the schema's image check. */
export function insertImage(src: string, alt: string): Command {
  return (state, dispatch) => {
    const safe = safeImageSrc(src)
    const image = schema.nodes.image
    if (safe === null || !canInsert(state, image)) return false
    dispatch?.(
      state.tr.replaceSelectionWith(image.create({ src: safe, alt: alt.trim() || null })).scrollIntoView(),
    )
    return true
  }
}

/** Inserts a table of `rows` × `cols` with a header row, and puts the cursor in its first cell. */
export function insertTable(rows = 3, cols = 3): Command {
  return (state, dispatch) => {
    const { table, table_row, table_cell, table_header, paragraph } = schema.nodes
    if (!canInsert(state, table)) return false
    const row = (cell: NodeType) =>
      table_row.create(
        null,
        Array.from({ length: cols }, () => cell.create(null, paragraph.create())),
      )
    const node = table.create(null, [
      row(table_header),
      ...Array.from({ length: rows - 1 }, () => row(table_cell)),
    ])
    if (dispatch) {
      const tr = state.tr.replaceSelectionWith(node)
      let at = -1
      tr.doc.descendants((child, pos) => {
        if (child === node) at = pos
        return at < 0
      })
      // Inside the table: table, row, cell and paragraph each open one position further in.
      if (at >= 0) tr.setSelection(TextSelection.near(tr.doc.resolve(at + 4)))
      dispatch(tr.scrollIntoView())
    }
    return true
  }
}

/** True when a node of `type` may replace the selection. */
function canInsert(state: EditorState, type: NodeType): boolean {
  const { $from } = state.selection
  for (let depth = $from.depth; depth >= 0; depth--) {
    const index = $from.index(depth)
    if ($from.node(depth).canReplaceWith(index, index, type)) return true
  }
  return false
}

/** True when the selection is inside a table (the table buttons need it). */
export function inTable(state: EditorState): boolean {
  return isInTable(state)
}

/**
 * The link target a person typed, made safe: http(s) and mailto only; "example.org/page" gets https://, and
 * an address with @ and no scheme gets mailto:. Null when it cannot be a link.
 */
export function normaliseLinkInput(input: string): string | null {
  let value = input.trim()
  if (value === '') return null
  if (!/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(value)) value = `mailto:${value}`
    else if (/^[^\s/]+\.[^\s/]+/.test(value)) value = `https://${value}`
    else return null
  }
  if (!/^(https?:\/\/[^\s/]|mailto:[^\s])/i.test(value)) return null
  return safeHref(value)
}

/** The image address a person typed, if it may be shown: http(s), or a path on this site. */
export function normaliseImageInput(input: string): string | null {
  const value = input.trim()
  if (!/^(https?:\/\/[^\s/]|\/[^/\\])/i.test(value)) return null
  return safeImageSrc(value)
}

/** The link touching the selection's start (the whole linked run of text), if there is one. */
export function linkAt(state: EditorState): { from: number; to: number; href: string } | null {
  const type = schema.marks.link
  const { $from } = state.selection
  const mark =
    type.isInSet($from.marks()) ??
    type.isInSet($from.nodeAfter?.marks ?? []) ??
    type.isInSet($from.nodeBefore?.marks ?? [])
  if (!mark) return null
  const offset = $from.parentOffset
  const runs: { from: number; to: number }[] = []
  $from.parent.forEach((child, childOffset) => {
    if (!mark.isInSet(child.marks)) return
    const last = runs[runs.length - 1]
    if (last && last.to === childOffset) last.to = childOffset + child.nodeSize
    else runs.push({ from: childOffset, to: childOffset + child.nodeSize })
  })
  const run = runs.find((range) => range.from <= offset && offset <= range.to)
  if (!run) return null
  const start = $from.start()
  return { from: start + run.from, to: start + run.to, href: String(mark.attrs.href) }
}

/** The address of the link at the cursor or first in the selection, to prefill the link dialog. */
export function currentHref(state: EditorState): string {
  const at = linkAt(state)
  if (at) return at.href
  const type = schema.marks.link
  let href = ''
  state.doc.nodesBetween(state.selection.from, state.selection.to, (node) => {
    const mark = type.isInSet(node.marks)
    if (mark && href === '') href = String(mark.attrs.href)
    return href === ''
  })
  return href
}

/**
 * Sets a link to `href` on the selection; with an empty selection inside a link, on that link; with an
 * empty selection elsewhere, inserts the address itself as linked text.
 */
export function setLink(href: string): Command {
  return (state, dispatch) => {
    const type = schema.marks.link
    const { from, to, empty } = state.selection
    const existing = empty ? linkAt(state) : null
    if (!dispatch) return true
    const tr = state.tr
    if (existing) {
      tr.removeMark(existing.from, existing.to, type).addMark(
        existing.from,
        existing.to,
        type.create({ href }),
      )
    } else if (empty) {
      const text = href.replace(/^mailto:/i, '')
      tr.insert(from, schema.text(text, [type.create({ href })]))
    } else {
      tr.removeMark(from, to, type).addMark(from, to, type.create({ href }))
    }
    dispatch(tr.scrollIntoView())
    return true
  }
}

/** Removes the link around the cursor, or every link in the selection. */
export const removeLink: Command = (state, dispatch) => {
  const type = schema.marks.link
  const { from, to, empty } = state.selection
  const range = empty ? linkAt(state) : { from, to }
  if (!range) return false
  dispatch?.(state.tr.removeMark(range.from, range.to, type))
  return true
}

/** Toggles one of the schema's marks by name. */
export function toggle(name: MarkName): Command {
  return toggleMark(schema.marks[name])
}
