import { describe, expect, it } from 'vitest'
import { closeCodes } from '../../shared/collab/messages.ts'
import { decideOnClose } from './close-codes.ts'

describe('decideOnClose', () => {
  it('reconnects after a restart, a network failure or our own close', () => {
    for (const code of [1001, 1006, 1011, null]) {
      expect(decideOnClose(code)).toEqual({
        action: 'reconnect',
        resetBackoff: false,
        accessChanged: false,
        problem: null,
      })
    }
  })

  it('reconnects at once when access changed, to read the new welcome', () => {
    expect(decideOnClose(closeCodes.accessChanged)).toMatchObject({
      action: 'reconnect',
      resetBackoff: true,
      accessChanged: true,
    })
  })

  it('keeps retrying a full document, saying so', () => {
    expect(decideOnClose(closeCodes.documentFull)).toMatchObject({
      action: 'reconnect',
      problem: 'documentFull',
    })
  })

  it('stops for the decisions reconnecting cannot change', () => {
    expect(decideOnClose(closeCodes.unauthenticated)).toEqual({ action: 'stop', problem: 'signedOut' })
    expect(decideOnClose(closeCodes.notFound)).toEqual({ action: 'stop', problem: 'gone' })
    expect(decideOnClose(closeCodes.documentTooLarge)).toEqual({ action: 'stop', problem: 'tooLarge' })
    expect(decideOnClose(closeCodes.readOnlyViolation)).toEqual({
      action: 'stop',
      problem: 'readOnlyViolation',
    })
    expect(decideOnClose(closeCodes.protocolError)).toEqual({ action: 'stop', problem: 'refused' })
  })
})
