import * as Y from 'yjs'

// Read once: through some module loaders each `Y.name` is a getter call.
const { Item, findIndexSS, getState } = Y

/**
 * Where each item of every live text of a text map lies: the ProseMirror position of its text's start plus
 * the visible characters before it in that text. Together with Yjs's struct store it gives the position of
 * a relative position in one lookup, as `createAbsolutePositionFromRelativePosition` would compute it.
 */
export type ItemStarts = Map<Y.Item, number>

const base64Values = new Int8Array(128).fill(-1)
for (let i = 0; i < 64; i++) {
  base64Values['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i
}

/** The bytes of a base64 relative position, decoded into a buffer reused between calls (length, or -1). */
const bytes = new Uint8Array(160)
function decodeBase64(base64: string): number {
  let length = base64.length
  while (length > 0 && base64.charCodeAt(length - 1) === 61) length--
  const padding = base64.length - length
  if (length === 0 || base64.length > 200 || length % 4 === 1) return -1
  if (padding > 2 || (padding > 0 && base64.length % 4 !== 0)) return -1
  let count = 0
  let buffer = 0
  let bits = 0
  for (let i = 0; i < length; i++) {
    const code = base64.charCodeAt(i)
    const value = code < 128 ? base64Values[code]! : -1
    if (value < 0) return -1
    buffer = ((buffer << 6) | value) & 0xffffff
    bits += 6
    if (bits >= 8) {
      bits -= 8
      bytes[count++] = (buffer >> bits) & 0xff
    }
  }
  return count
}

/**
 * The ProseMirror position of a base64 relative position that points at an item of a live text, computed as
 * Yjs and `fastPosition` would; undefined for anything else (a position at the end of a type, an item not in
 * a live text, an item redone by an undo manager, an unusual encoding), which the caller resolves the slow way.
 */
export function itemPosition(doc: Y.Doc, starts: ItemStarts, base64: string): number | undefined {
  const length = decodeBase64(base64)
  if (length < 3 || bytes[0] !== 0) return undefined
  // Yjs's encoding: varUint 0 (an item), the item's client and clock as varUints, then a varInt assoc.
  let at = 1
  let client = 0
  let clock = 0
  for (let field = 0; field < 2; field++) {
    let value = 0
    let mult = 1
    for (;;) {
      if (at >= length || mult > 2 ** 49) return undefined
      const byte = bytes[at++]!
      value += (byte & 127) * mult
      mult *= 128
      if (byte < 128) break
    }
    if (field === 0) client = value
    else clock = value
  }
  let assoc = 0
  if (at < length) {
    const first = bytes[at++]!
    let value = first & 63
    let mult = 64
    let more = first >= 128
    while (more) {
      if (at >= length || mult > 2 ** 49) return undefined
      const byte = bytes[at++]!
      value += (byte & 127) * mult
      mult *= 128
      more = byte >= 128
    }
    assoc = (first & 64) > 0 ? -value : value
  }
  const store = doc.store
  if (getState(store, client) <= clock) return undefined
  const structs = store.clients.get(client)
  if (!structs) return undefined
  const item = structs[findIndexSS(structs, clock)]
  if (!(item instanceof Item) || item.redone !== null) return undefined
  const start = starts.get(item)
  if (start === undefined) return undefined
  return item.deleted || !item.countable ? start : start + (clock - item.id.clock) + (assoc >= 0 ? 0 : 1)
}
