import type { ContentMatch, MarkType, NodeType, Schema } from 'prosemirror-model'
import * as Y from 'yjs'
import type { PositionIndex } from './position-index.ts'

/** What an entry of a text map is: the only nodes that `textBetween` takes text or a separator from. */
export enum EntryKind {
  /** A textblock (paragraph, heading): a "\n" before it unless it is the first visited. */
  Textblock = 0,
  /** The text of one Yjs text (one or more ProseMirror text nodes). */
  Text = 1,
  /** An inline leaf (image, hard break): one space. */
  InlineLeaf = 2,
  /** A block leaf (horizontal rule): a separator, then one space. */
  BlockLeaf = 3,
}

/**
 * The document's text read straight from its Yjs form, with the ProseMirror position of everything in it:
 * what resolving anchors needs, without building the ProseMirror document. Entries are in document order
 * (so their starts never decrease); containers (lists, quotes, tables) have none, as they give no text.
 */
export interface TextMap {
  /** Where each live Yjs text starts (the same index `buildPositionIndex` builds from the ProseMirror view). */
  positions: PositionIndex
  kinds: EntryKind[]
  /** The ProseMirror position where each entry starts, and where it ends. */
  starts: number[]
  ends: number[]
  /** The text of `Text` entries ('' for the others). */
  texts: string[]
}

// Read once: through some module loaders each `Y.Name` is a getter call, which a cold walk pays per node.
const { ContentFormat, ContentString, ContentType, Text, XmlElement, XmlText } = Y

/** Thrown inside the walk when y-prosemirror would not turn the Yjs form into the same document. */
class Unconvertible extends Error {}

/** y-prosemirror's attribute name of a mark that may overlap itself: `name--hash`. */
const hashedMarkName = /(.*)(--[a-zA-Z0-9+/=]{8})$/

/**
 * Builds the text map of a Yjs fragment, or returns null when y-prosemirror's conversion (`initProseMirrorDoc`)
 * would not give exactly the document this map describes: an unknown node or mark, attributes or content the
 * schema refuses (it deletes such nodes), embeds in a text, two Yjs texts side by side (it merges them), a
 * hook. Then the caller converts as before. The checks are the ones ProseMirror makes (`computeAttrs`,
 * the content expression, allowed marks), run without building a node.
 */
export function buildTextMap(fragment: Y.XmlFragment, schema: Schema): TextMap | null {
  const map: TextMap = { positions: new Map(), kinds: [], starts: [], ends: [], texts: [] }
  try {
    let pos = 0
    for (let item = fragment._start; item !== null; item = item.right) {
      if (item.deleted || !item.countable) continue
      const child = contentType(item)
      if (!(child instanceof XmlElement)) return null
      pos += walkElement(map, schema, child, pos).nodeSize
    }
  } catch (error) {
    if (error instanceof Unconvertible) return null
    throw error
  }
  return map
}

/** The Yjs type an item holds, or undefined for any other content. */
function contentType(item: Y.Item): Y.AbstractType<unknown> | undefined {
  return item.content instanceof ContentType ? item.content.type : undefined
}

const attributeChecks = new WeakMap<NodeType, boolean>()

/** Whether a node type has an attribute without a default or with a validation, so that creating it may throw. */
function attributesCanFail(type: NodeType): boolean {
  let canFail = attributeChecks.get(type)
  if (canFail === undefined) {
    const specs = Object.values(type.spec.attrs ?? {})
    canFail = specs.some((spec) => !Object.hasOwn(spec, 'default') || spec.validate !== undefined)
    attributeChecks.set(type, canFail)
  }
  return canFail
}

/** Maps one element at `pos`, checking it as ProseMirror's `createChecked` would; returns its type and size. */
function walkElement(
  map: TextMap,
  schema: Schema,
  element: Y.XmlElement,
  pos: number,
): { type: NodeType; nodeSize: number } {
  const type = schema.nodes[element.nodeName]
  if (type === undefined || type.isText) throw new Unconvertible()
  if (attributesCanFail(type)) {
    try {
      // Computes and validates the attributes as `createChecked` does (an empty node: content is checked below).
      type.create(element.getAttributes() as Record<string, unknown>)
    } catch {
      throw new Unconvertible()
    }
  }
  if (type.isLeaf) {
    for (let item = element._start; item !== null; item = item.right) {
      if (!item.deleted && item.countable) throw new Unconvertible()
    }
    map.kinds.push(type.isBlock ? EntryKind.BlockLeaf : EntryKind.InlineLeaf)
    map.starts.push(pos)
    map.ends.push(pos + 1)
    map.texts.push('')
    return { type, nodeSize: 1 }
  }
  let entry = -1
  if (type.isTextblock) {
    entry = map.kinds.length
    map.kinds.push(EntryKind.Textblock)
    map.starts.push(pos)
    map.ends.push(pos)
    map.texts.push('')
  }
  let match: ContentMatch | null = type.contentMatch
  let inner = pos + 1
  for (let item = element._start; item !== null; item = item.right) {
    if (item.deleted || !item.countable) continue
    const child = contentType(item)
    if (child instanceof XmlElement) {
      const mapped = walkElement(map, schema, child, inner)
      match = match.matchType(mapped.type)
      inner += mapped.nodeSize
    } else if (child instanceof XmlText) {
      match = walkText(map, schema, type, child, match, inner)
      inner += child.length
    } else {
      throw new Unconvertible()
    }
    if (match === null) throw new Unconvertible()
  }
  if (!match.validEnd) throw new Unconvertible()
  const nodeSize = inner + 1 - pos
  if (entry >= 0) map.ends[entry] = pos + nodeSize
  return { type, nodeSize }
}

/** Maps one Yjs text at `pos` inside a node of type `parent`; returns the content match after its text nodes. */
function walkText(
  map: TextMap,
  schema: Schema,
  parent: NodeType,
  text: Y.XmlText,
  match: ContentMatch,
  pos: number,
): ContentMatch | null {
  // y-prosemirror moves the content of a live Yjs text right after this one into it (a repair of its own).
  const next = text._item?.right
  if (next && !next.deleted && contentType(next) instanceof Text) throw new Unconvertible()
  map.positions.set(text, pos)
  let value = ''
  let formatted = false
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted) continue
    const content = item.content
    if (content instanceof ContentString) value += content.str
    else if (content instanceof ContentFormat) {
      formatted = true
      if (content.value !== null) checkMark(schema, parent, content.key, content.value)
    } else throw new Unconvertible()
  }
  if (value.length === 0) return formatted ? null : match
  map.kinds.push(EntryKind.Text)
  map.starts.push(pos)
  map.ends.push(pos + value.length)
  map.texts.push(value)
  const after = match.matchType(schema.nodes.text!)
  // Formatting splits the text into several text nodes: each must fit where the first did.
  if (after !== null && formatted && after.matchType(schema.nodes.text!) !== after) return null
  return after
}

/** Checks a Yjs format as y-prosemirror turns it into a mark (`schema.mark`) inside a node of type `parent`. */
function checkMark(schema: Schema, parent: NodeType, key: string, value: unknown): void {
  const name = hashedMarkName.exec(key)?.[1] ?? key
  const markType: MarkType | undefined = schema.marks[name]
  if (markType === undefined) throw new Unconvertible()
  try {
    markType.create(value as Record<string, unknown>)
  } catch {
    throw new Unconvertible()
  }
  if (parent.markSet !== null && !parent.allowsMarkType(markType)) throw new Unconvertible()
}

/** The last entry starting before `pos` (-1 when none). */
function lastBefore(map: TextMap, pos: number): number {
  let low = 0
  let high = map.starts.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (map.starts[mid]! < pos) low = mid + 1
    else high = mid
  }
  return low - 1
}

/**
 * The text between two ProseMirror positions, exactly as `doc.textBetween(from, to, '\n', ' ')`: a "\n"
 * between textblocks, a space for each leaf. Looks up where the range starts instead of walking the document.
 */
export function textBetween(map: TextMap, from: number, to: number): string {
  const { kinds, starts, ends, texts } = map
  let text = ''
  let first = true
  const before = lastBefore(map, from)
  // Before `from`, only the textblock around it and the text it falls in can overlap the range.
  let block = before
  while (block >= 0 && kinds[block] !== EntryKind.Textblock) block--
  if (block >= 0 && ends[block]! > from) first = false
  if (before >= 0 && before !== block && kinds[before] === EntryKind.Text && ends[before]! > from) {
    const start = starts[before]!
    text += texts[before]!.slice(from - start, to - start)
  }
  for (let i = before + 1; i < kinds.length && starts[i]! < to; i++) {
    const kind = kinds[i]!
    if (kind === EntryKind.Text) {
      text += texts[i]!.slice(0, to - starts[i]!)
      continue
    }
    if (kind !== EntryKind.InlineLeaf) {
      if (first) first = false
      else text += '\n'
    }
    if (kind !== EntryKind.Textblock) text += ' '
  }
  return text
}
