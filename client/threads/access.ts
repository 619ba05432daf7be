import { editingAllowed, threadOpeningAllowed } from '../../shared/phases.ts'
import { can, roleAtLeast } from '../../shared/roles.ts'
import type { DocumentDetail } from '../api/types.ts'
import type { MessageKey } from '../i18n/i18n.ts'

/** What this member may do with threads now. */
export interface ThreadRights {
  /** May open a new thread (select text → Comment, or a general comment). */
  open: boolean
  /** Why not, in words to show; null when they may. */
  closedReason: MessageKey | null
  /** May reply, edit their comments and support threads. */
  reply: boolean
  /** May delete anyone's comment (editors and owners). */
  moderate: boolean
  /** May resolve, reopen and assign threads (author and wider). */
  resolve: boolean
  /** May apply a proposed change to the text (author and wider, while the text may change). */
  apply: boolean
}

/** The member's rights over threads, from their role and the document's phase and deadline, at `now`. */
export function threadRights(document: DocumentDetail, now: number): ThreadRights {
  const open = threadOpeningAllowed(document, document.role, new Date(now))
  return {
    open,
    closedReason: open ? null : closedReason(document, now),
    reply: document.capabilities.includes('comment') && document.phase !== 'final',
    moderate: roleAtLeast(document.role, 'editor') && document.phase !== 'final',
    resolve: can(document.role, 'resolve'),
    apply: can(document.role, 'apply') && editingAllowed(document),
  }
}

function closedReason(document: DocumentDetail, now: number): MessageKey {
  if (!roleAtLeast(document.role, 'commenter')) return 'threads.closed.viewer'
  if (document.phase === 'final') return 'threads.closed.final'
  if (document.phase === 'revision') return 'threads.closed.revision'
  if (document.commentDeadline && Date.parse(document.commentDeadline) <= now)
    return 'threads.closed.deadline'
  return 'threads.closed.phase'
}
