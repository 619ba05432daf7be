import type { MessageKey } from '../../i18n/i18n.ts'

const decisions: Record<string, MessageKey> = {
  accepted: 'threads.resolution.accepted',
  'partially accepted': 'threads.resolution.partially_accepted',
  rejected: 'threads.resolution.rejected',
  noted: 'threads.resolution.noted',
}

/**
 * The catalog key for a decision as the disposition writes it ("partially accepted"), so the page speaks
 * the interface's language; null for an empty or unknown decision, which is shown as written.
 */
export function decisionKey(decision: string): MessageKey | null {
  return Object.hasOwn(decisions, decision) ? decisions[decision]! : null
}
