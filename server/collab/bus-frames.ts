/**
 * The bytes on a document's Redis channel: one kind byte, the sending process's 16-byte id (so a process
 * skips its own messages, which Redis also delivers to it), then the payload.
 */

/** What a frame carries. */
export const frameKinds = { update: 0, awareness: 1, syncRequest: 2, event: 3 } as const

/** One of `frameKinds`. */
export type FrameKind = (typeof frameKinds)[keyof typeof frameKinds]

/** Length of a process id in a frame. */
export const senderIdBytes = 16

/** A decoded frame. */
export interface Frame {
  kind: FrameKind
  sender: Buffer
  payload: Uint8Array
}

/** Builds a frame. */
export function encodeFrame(kind: FrameKind, sender: Buffer, payload: Uint8Array): Buffer {
  if (sender.length !== senderIdBytes) throw new Error(`a sender id is ${senderIdBytes} bytes`)
  const frame = Buffer.allocUnsafe(1 + senderIdBytes + payload.byteLength)
  frame[0] = kind
  sender.copy(frame, 1)
  frame.set(payload, 1 + senderIdBytes)
  return frame
}

/** Reads a frame; answers undefined for anything malformed (a foreign publisher on our channel). */
export function decodeFrame(bytes: Buffer): Frame | undefined {
  if (bytes.length < 1 + senderIdBytes) return undefined
  const kind = bytes[0] as FrameKind
  if (!Object.values(frameKinds).includes(kind)) return undefined
  return {
    kind,
    sender: bytes.subarray(1, 1 + senderIdBytes),
    payload: new Uint8Array(
      bytes.buffer,
      bytes.byteOffset + 1 + senderIdBytes,
      bytes.length - 1 - senderIdBytes,
    ),
  }
}
