import type { ContentMatch, MarkType, NodeType, Schema } from 'prosemirror-model'
import * as Y from 'yjs'
import type { ItemStarts } from './item-position.ts'
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
  /** Where each item of those texts (deleted ones too) lies, for `itemPosition`. */
  items: ItemStarts
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
  const map: TextMap = { positions: new Map(), items: new Map(), kinds: [], starts: [], ends: [], texts: [] }
  try {
    let pos = 0
    for (let item = fragment._start; item !== null; item = item.right) {
      if (item.deleted || !item.countable) continue
      const child = contentType(item)
      if (!(child instanceof XmlElement)) return null
      pos += walkElement(map, schema, checkedType(schema, child), child, pos)
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

/**
 * The attribute check of one node type: whether creating a node of that type from an element's attributes
 * would throw (an attribute without a default missing, or refused by its validation). The values it accepted
 * are remembered, so a long document with a few distinct headings and cells asks ProseMirror a few times.
 */
class AttributeCheck {
  readonly names: string[]
  readonly canFail: boolean
  readonly #accepted: unknown[][] = []
  readonly #values: unknown[]

  constructor(readonly type: NodeType) {
    const specs = type.spec.attrs ?? {}
    this.names = Object.keys(specs)
    this.canFail = Object.values(specs).some(
      (spec) => !Object.hasOwn(spec, 'default') || spec.validate !== undefined,
    )
    this.#values = new Array(this.names.length)
  }

  /** Throws `Unconvertible` when y-prosemirror's `schema.node` would refuse these attributes. */
  check(element: Y.XmlElement): void {
    if (!this.canFail) return
    const { names } = this
    const values = this.#values
    for (let i = 0; i < names.length; i++) values[i] = element.getAttribute(names[i]!)
    accepted: for (const known of this.#accepted) {
      for (let i = 0; i < values.length; i++) if (known[i] !== values[i]) continue accepted
      return
    }
    const attrs: Record<string, unknown> = {}
    for (let i = 0; i < names.length; i++) if (values[i] !== undefined) attrs[names[i]!] = values[i]
    try {
      // Computes and validates the attributes as `createChecked` does (an empty node: content is checked apart).
      this.type.create(attrs)
    } catch {
      throw new Unconvertible()
    }
    if (this.#accepted.length < 16) this.#accepted.push([...values])
  }
}

const attributeChecks = new WeakMap<NodeType, AttributeCheck>()

/** The node type of an element, with its attributes checked; throws `Unconvertible` for what the schema refuses. */
function checkedType(schema: Schema, element: Y.XmlElement): NodeType {
  const type = schema.nodes[element.nodeName]
  if (type === undefined || type.isText) throw new Unconvertible()
  let check = attributeChecks.get(type)
  if (check === undefined) {
    check = new AttributeCheck(type)
    attributeChecks.set(type, check)
  }
  check.check(element)
  return type
}

/** Maps one element of type `type` at `pos`, checking its content as `createChecked` would; returns its size. */
function walkElement(
  map: TextMap,
  schema: Schema,
  type: NodeType,
  element: Y.XmlElement,
  pos: number,
): number {
  if (type.isLeaf) {
    for (let item = element._start; item !== null; item = item.right) {
      if (!item.deleted && item.countable) throw new Unconvertible()
    }
    map.kinds.push(type.isBlock ? EntryKind.BlockLeaf : EntryKind.InlineLeaf)
    map.starts.push(pos)
    map.ends.push(pos + 1)
    map.texts.push('')
    return 1
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
      const childType = checkedType(schema, child)
      inner += walkElement(map, schema, childType, child, inner)
      match = match.matchType(childType)
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
  return nodeSize
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
    map.items.set(item, pos + value.length)
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
