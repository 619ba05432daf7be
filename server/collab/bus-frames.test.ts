import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { decodeFrame, encodeFrame, frameKinds, senderIdBytes } from './bus-frames.ts'

describe('bus frames', () => {
  it('carries the kind, the sender and the payload intact', () => {
    const sender = randomBytes(senderIdBytes)
    const payload = new Uint8Array([0, 1, 2, 250, 255])
    const frame = decodeFrame(encodeFrame(frameKinds.awareness, sender, payload))
    expect(frame?.kind).toBe(frameKinds.awareness)
    expect(frame?.sender.equals(sender)).toBe(true)
    expect([...(frame?.payload ?? [])]).toEqual([...payload])
  })

  it('reads nothing from a foreign or truncated message', () => {
    expect(decodeFrame(Buffer.from('hello'))).toBeUndefined()
    expect(decodeFrame(Buffer.concat([Buffer.from([9]), randomBytes(senderIdBytes)]))).toBeUndefined()
  })

  it('refuses a sender id of the wrong length', () => {
    expect(() => encodeFrame(frameKinds.update, randomBytes(4), new Uint8Array())).toThrow()
  })
})
