import { closeCodes } from '../../shared/collab/messages.ts'

/** Why the editor stopped or is held back, as the page explains it. */
export type SessionProblem =
  /** The document has as many connections as it allows: retrying. */
  | 'documentFull'
  /** The document reached its size limit: our last change was refused; stopped. */
  | 'tooLarge'
  /** The session ended: stopped, the page goes to sign-in. */
  | 'signedOut'
  /** We were removed or the document was deleted: stopped, the page shows not found. */
  | 'gone'
  /** A read-only connection kept sending changes: stopped, local changes must be discarded. */
  | 'readOnlyViolation'
  /** The server refused the connection for a reason reconnecting cannot change: stopped. */
  | 'refused'

/** What to do after the collaboration socket closed. */
export type CloseDecision =
  | {
      action: 'reconnect'
      /** Start the backoff from the beginning (the server asked us back at once). */
      resetBackoff: boolean
      /** Our rights may have changed: the next welcome says how, and the page's facts are stale. */
      accessChanged: boolean
      problem: 'documentFull' | null
    }
  | { action: 'stop'; problem: Exclude<SessionProblem, 'documentFull'> }

/**
 * The decision for a close code (null when we closed the socket ourselves, or the watchdog did): reconnect
 * with backoff for anything transient (1001 restarting, 1006 network, 4503 full), at once for 4001, and stop
 * for the 4400–4499 decisions reconnecting cannot change.
 */
export function decideOnClose(code: number | null): CloseDecision {
  switch (code) {
    case closeCodes.accessChanged:
      return { action: 'reconnect', resetBackoff: true, accessChanged: true, problem: null }
    case closeCodes.documentFull:
      return { action: 'reconnect', resetBackoff: false, accessChanged: false, problem: 'documentFull' }
    case closeCodes.readOnlyViolation:
      return { action: 'stop', problem: 'readOnlyViolation' }
    case closeCodes.unauthenticated:
      return { action: 'stop', problem: 'signedOut' }
    case closeCodes.notFound:
      return { action: 'stop', problem: 'gone' }
    case closeCodes.documentTooLarge:
      return { action: 'stop', problem: 'tooLarge' }
  }
  if (code !== null && code >= 4400 && code < 4500) return { action: 'stop', problem: 'refused' }
  return { action: 'reconnect', resetBackoff: false, accessChanged: false, problem: null }
}
