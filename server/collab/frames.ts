/**
 * WebSocket framing for broadcasts (RFC 6455, server to client: unmasked, no extensions). A broadcast frames
 * its messages once and writes the same bytes to every socket, where `ws` would frame each message again for
 * each socket and write it through a corked stream: with thousands of sockets on one draft that per-socket
 * work was a fifth of the server's time (docs/architecture.md, "Fan-out").
 */

/** The opcode byte of a final binary frame. */
const finalBinary = 0x82

/** The bytes of one final, unmasked binary frame carrying `payload`. */
export function binaryFrame(payload: Uint8Array): Buffer {
  const length = payload.byteLength
  const header = length < 126 ? 2 : length < 65536 ? 4 : 10
  const frame = Buffer.allocUnsafe(header + length)
  frame[0] = finalBinary
  if (header === 2) frame[1] = length
  else if (header === 4) {
    frame[1] = 126
    frame.writeUInt16BE(length, 2)
  } else {
    frame[1] = 127
    frame.writeBigUInt64BE(BigInt(length), 2)
  }
  frame.set(payload, header)
  return frame
}

/** The frames of several messages, in order, as one buffer (one write to the socket); undefined are skipped. */
export function binaryFrames(...payloads: Array<Uint8Array | undefined>): Buffer {
  const frames = payloads.filter((p): p is Uint8Array => p !== undefined).map(binaryFrame)
  return frames.length === 1 ? frames[0]! : Buffer.concat(frames)
}
