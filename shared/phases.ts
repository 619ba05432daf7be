import type { DocumentPhase } from './api/documents.ts'
import { type DocumentRole, roleAtLeast } from './roles.ts'

/**
 * Which phase may follow which: one step forward, or one step back to reopen. The one table editors'
 * phase changes go through (`assertPhaseTransition` on the server, the phase menu in the client).
 */
export const phaseTransitions: Record<DocumentPhase, readonly DocumentPhase[]> = {
  drafting: ['consultation'],
  consultation: ['drafting', 'revision'],
  revision: ['consultation', 'final'],
  final: ['revision'],
}

/** True when a document in `from` may move to `to`. */
export function phaseTransitionAllowed(from: DocumentPhase, to: DocumentPhase): boolean {
  return phaseTransitions[from].includes(to)
}

/** A document's phase and deadline, as the phase rules need them. */
export interface PhaseState {
  phase: DocumentPhase
  /** ISO 8601, or null for no deadline. */
  commentDeadline: string | null
}

/**
 * May a member with `role` open a new thread now? Commenters (country experts) may while the draft is in
 * drafting or consultation and the comment deadline, if any, has not passed; authors and wider may in any
 * phase but final; nobody may in final.
 */
export function threadOpeningAllowed(state: PhaseState, role: DocumentRole, now: Date = new Date()): boolean {
  if (state.phase === 'final') return false
  if (roleAtLeast(role, 'author')) return true
  if (!roleAtLeast(role, 'commenter')) return false
  if (state.phase !== 'drafting' && state.phase !== 'consultation') return false
  return state.commentDeadline === null || now.getTime() < Date.parse(state.commentDeadline)
}

/** May the text be edited at all in this phase? Never in final, whatever the role. */
export function editingAllowed(state: PhaseState): boolean {
  return state.phase !== 'final'
}
