/**
 * What the editor tells its user about their text:
 * - `connecting`: the first connection is being made;
 * - `live`: connected and synced, nothing of ours waiting;
 * - `saving`: connected, with changes the server has not yet confirmed durable;
 * - `saved`: the server just confirmed every change (shown for a moment, then `live`);
 * - `offline`: not connected (retrying); unconfirmed changes are kept on this device meanwhile.
 */
export type SyncStatus = 'connecting' | 'live' | 'saving' | 'saved' | 'offline'

/** The state behind the status: the connection, and whether changes wait for confirmation. */
export interface SyncState {
  status: SyncStatus
  /** Connected, and the first exchange of the connection is done. */
  synced: boolean
  /** Some local changes are not yet confirmed durable by the server. */
  unsaved: boolean
  /** A connection has been lost or refused before: from then on, not connected reads as offline. */
  lostBefore: boolean
}

/** What happens to the connection and the text. */
export type SyncEvent =
  /** A socket is being opened (first try or reconnection). */
  | { type: 'connecting' }
  /** The socket is open and the server's state has been received. */
  | { type: 'synced' }
  /** The socket closed or could not open. */
  | { type: 'disconnected' }
  /** Whether unconfirmed local changes exist, after a local change or a `saved` event. */
  | { type: 'unsaved'; unsaved: boolean }
  /** The `saved` note has been visible long enough. */
  | { type: 'settled' }

/** Before anything happened: connecting, nothing unsaved. */
export const initialSyncState: SyncState = {
  status: 'connecting',
  synced: false,
  unsaved: false,
  lostBefore: false,
}

function statusOf(state: Omit<SyncState, 'status'>, previous: SyncStatus, settled: boolean): SyncStatus {
  if (!state.synced) return state.lostBefore ? 'offline' : 'connecting'
  if (state.unsaved) return 'saving'
  if (previous === 'saving' || (previous === 'saved' && !settled)) return 'saved'
  return 'live'
}

/**
 * The next state after `event`. `saved` only follows `saving` (the server confirmed what we were waiting
 * for, on a live connection), so the status never claims a save that did not happen.
 */
export function nextSyncState(state: SyncState, event: SyncEvent): SyncState {
  let next: Omit<SyncState, 'status'>
  switch (event.type) {
    case 'connecting':
      next = { ...state, synced: false }
      break
    case 'synced':
      next = { ...state, synced: true }
      break
    case 'disconnected':
      next = { ...state, synced: false, lostBefore: true }
      break
    case 'unsaved':
      next = { ...state, unsaved: event.unsaved }
      break
    case 'settled':
      next = state
      break
  }
  const status = statusOf(next, state.status, event.type === 'settled')
  const result = { ...next, status }
  return result.status === state.status &&
    result.synced === state.synced &&
    result.unsaved === state.unsaved &&
    result.lostBefore === state.lostBefore
    ? state
    : result
}
