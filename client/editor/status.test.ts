import { describe, expect, it } from 'vitest'
import { initialSyncState, nextSyncState, type SyncEvent, type SyncState } from './status.ts'

function run(...events: SyncEvent[]): SyncState {
  return events.reduce(nextSyncState, initialSyncState)
}

const synced: SyncEvent = { type: 'synced' }
const edit: SyncEvent = { type: 'unsaved', unsaved: true }
const confirmed: SyncEvent = { type: 'unsaved', unsaved: false }
const lost: SyncEvent = { type: 'disconnected' }
const connecting: SyncEvent = { type: 'connecting' }
const settled: SyncEvent = { type: 'settled' }

describe('the sync status', () => {
  it('starts connecting and goes live once synced', () => {
    expect(initialSyncState.status).toBe('connecting')
    expect(run(connecting).status).toBe('connecting')
    expect(run(connecting, synced).status).toBe('live')
  })

  it('goes saving on a local edit, saved when the server confirms it, then live', () => {
    expect(run(synced, edit).status).toBe('saving')
    expect(run(synced, edit, confirmed).status).toBe('saved')
    expect(run(synced, edit, confirmed, settled).status).toBe('live')
  })

  it('stays saving while an edit follows the confirmation of an earlier one', () => {
    expect(run(synced, edit, confirmed, edit).status).toBe('saving')
  })

  it('never says saved without a confirmation following a save', () => {
    expect(run(synced, confirmed).status).toBe('live')
    expect(run(synced, settled).status).toBe('live')
    expect(run(edit, lost, confirmed).status).toBe('offline')
  })

  it('is offline when the connection is lost, with or without unsaved edits', () => {
    const offline = run(synced, edit, lost)
    expect(offline.status).toBe('offline')
    expect(offline.unsaved).toBe(true)
    expect(run(synced, lost).unsaved).toBe(false)
  })

  it('stays offline while reconnecting, instead of flickering to connecting', () => {
    expect(run(synced, lost, connecting).status).toBe('offline')
    expect(run(connecting, lost, connecting).status).toBe('offline')
  })

  it('flushes edits kept offline after reconnecting: saving, then saved', () => {
    const back = run(synced, edit, lost, connecting, synced)
    expect(back.status).toBe('saving')
    expect(nextSyncState(back, confirmed).status).toBe('saved')
  })

  it('a connection lost while showing saved is offline, and coming back is live', () => {
    expect(run(synced, edit, confirmed, lost).status).toBe('offline')
    expect(run(synced, edit, confirmed, lost, synced).status).toBe('live')
  })

  it('keeps the same object when nothing changes', () => {
    const state = run(synced)
    expect(nextSyncState(state, synced)).toBe(state)
    expect(nextSyncState(state, confirmed)).toBe(state)
  })
})
