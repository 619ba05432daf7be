import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition } from 'y-prosemirror'
import * as Y from 'yjs'

/** y-prosemirror's map from Yjs types to ProseMirror nodes, as its binding or `initProseMirrorDoc` builds it. */
export type ProseMirrorMapping = Map<Y.AbstractType<unknown>, unknown>

/** A relative position as the API carries it: base64 of Yjs's encoding. */
export function encodeRelative(position: Y.RelativePosition): string {
  const bytes = Y.encodeRelativePosition(position)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** Decodes a base64 relative position; throws on anything that is not one. */
export function decodeRelative(base64: string): Y.RelativePosition {
  if (base64.length === 0 || base64.length > 200 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) {
    throw new Error('not a relative position')
  }
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return Y.decodeRelativePosition(bytes)
}

/**
 * The relative position of a ProseMirror position. `assoc` 0 sticks to the character after it (a range's
 * start), -1 to the character before it (a range's end), so typing just outside a range never grows it.
 */
export function relativeFromPosition(
  fragment: Y.XmlFragment,
  mapping: ProseMirrorMapping,
  pos: number,
  assoc: 0 | -1,
): Y.RelativePosition {
  const relative = absolutePositionToRelativePosition(pos, fragment, mapping as never) as Y.RelativePosition
  if (assoc === 0 || !fragment.doc) return relative
  const absolute = Y.createAbsolutePositionFromRelativePosition(relative, fragment.doc)
  if (!absolute || !(absolute.type instanceof Y.XmlText) || absolute.index === 0) return relative
  return Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, -1)
}

/** The ProseMirror position of a relative position now, or null when it no longer points into the text. */
export function positionFromRelative(
  fragment: Y.XmlFragment,
  mapping: ProseMirrorMapping,
  relative: Y.RelativePosition,
): number | null {
  if (!fragment.doc) return null
  return relativePositionToAbsolutePosition(fragment.doc, fragment, relative, mapping as never)
}
