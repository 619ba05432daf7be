import { describe, expect, it } from 'vitest'
import {
  type Clocks,
  clocksFromJson,
  clocksToJson,
  isSaved,
  mergeClocks,
  readSavedClocks,
  unconfirmedClients,
} from './saved.ts'

describe('isSaved', () => {
  it('is saved once the saved clock reaches the local clock', () => {
    expect(isSaved({ '42': 10 }, 42, 10)).toBe(true)
    expect(isSaved({ '42': 11 }, 42, 10)).toBe(true)
    expect(isSaved({ '42': 9 }, 42, 10)).toBe(false)
  })

  it('is not saved when the event does not name this client', () => {
    expect(isSaved({ '7': 100 }, 42, 1)).toBe(false)
  })

  it('is saved when this client wrote nothing', () => {
    expect(isSaved({}, 42, 0)).toBe(true)
  })
})

describe('readSavedClocks', () => {
  it('reads client ids and clocks, skipping malformed entries', () => {
    expect(readSavedClocks({ '12': 3, abc: 4, '13': -1, '14': 1.5, '15': '6', '16': 0 })).toEqual([
      [12, 3],
      [16, 0],
    ])
    expect(readSavedClocks(null)).toEqual([])
  })
})

describe('mergeClocks', () => {
  it('keeps the highest clock of each client and says whether anything grew', () => {
    const clocks: Clocks = new Map([[1, 5]])
    expect(mergeClocks(clocks, [[1, 3]])).toBe(false)
    expect(
      mergeClocks(clocks, [
        [1, 8],
        [2, 1],
      ]),
    ).toBe(true)
    expect([...clocks]).toEqual([
      [1, 8],
      [2, 1],
    ])
  })
})

describe('unconfirmedClients', () => {
  it('names the clients whose local clock is past what the server confirmed', () => {
    const local = new Map([
      [1, 10],
      [2, 4],
      [3, 7],
    ])
    const confirmed = new Map([
      [1, 10],
      [2, 3],
    ])
    expect(unconfirmedClients(local, confirmed)).toEqual([2, 3])
    expect(unconfirmedClients(local, new Map([...local]))).toEqual([])
  })

  it('a saved event that covers a local edit clears it, and a later edit is pending again', () => {
    const confirmed: Clocks = new Map()
    const local = new Map([[99, 3]])
    expect(unconfirmedClients(local, confirmed)).toEqual([99])
    mergeClocks(confirmed, readSavedClocks({ '99': 3 }))
    expect(unconfirmedClients(local, confirmed)).toEqual([])
    local.set(99, 5)
    expect(unconfirmedClients(local, confirmed)).toEqual([99])
  })
})

describe('clocks on this device', () => {
  it('round-trips through JSON and skips malformed pairs', () => {
    const clocks = new Map([
      [1, 2],
      [3, 4],
    ])
    expect(clocksFromJson(JSON.parse(JSON.stringify(clocksToJson(clocks))))).toEqual([
      [1, 2],
      [3, 4],
    ])
    expect(clocksFromJson([[1], [1, -2], ['a', 1], [5, 6]])).toEqual([[5, 6]])
    expect(clocksFromJson('nope')).toEqual([])
  })
})
