import * as decoding from 'lib0/decoding'
import { describe, expect, it } from 'vitest'
import { type CollabEvent, encodeEvent, messageEvent, readEvent } from './messages.ts'

describe('collab event messages', () => {
  it('round-trips an event through its encoding', () => {
    const event: CollabEvent = { type: 'saved', clocks: { '1234': 56 } }
    const decoder = decoding.createDecoder(encodeEvent(event))
    expect(decoding.readVarUint(decoder)).toBe(messageEvent)
    expect(readEvent(decoder)).toEqual(event)
  })
})
