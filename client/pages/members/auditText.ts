import type { AuditEntry } from '../../api/types.ts'
import { formatDate, type MessageKey, t } from '../../i18n/i18n.ts'

/** The actions the log words in plain language; any other is shown as the server named it. */
const actionKeys: Record<string, MessageKey> = {
  'member.role_changed': 'audit.action.memberRoleChanged',
  'member.removed': 'audit.action.memberRemoved',
  'member.added': 'audit.action.memberAdded',
  'invite.created': 'audit.action.inviteCreated',
  'invite.accepted': 'audit.action.inviteAccepted',
  'invite.revoked': 'audit.action.inviteRevoked',
  'document.created': 'audit.action.documentCreated',
  'document.renamed': 'audit.action.documentRenamed',
  'document.phase_changed': 'audit.action.phaseChanged',
  'document.deadline_changed': 'audit.action.deadlineChanged',
}

const roles = new Set(['viewer', 'commenter', 'author', 'editor', 'owner'])
const phases = new Set(['drafting', 'consultation', 'revision', 'final'])

/** What an action was, in words ("Changed a member's role"); the raw action name for one we do not know. */
export function auditAction(action: string): string {
  return Object.hasOwn(actionKeys, action) ? t(actionKeys[action]!) : action
}

/** A value from an entry's details in words: a role or phase by its name, a time as a date, text as itself. */
function word(value: unknown, kind: 'role' | 'phase' | 'date' | 'text'): string | null {
  if (typeof value !== 'string' || value === '') return null
  if (kind === 'role') return roles.has(value) ? t(`role.${value}` as MessageKey) : value
  if (kind === 'phase') return phases.has(value) ? t(`phase.${value}` as MessageKey) : value
  if (kind === 'date') {
    const time = Date.parse(value)
    return Number.isNaN(time) ? value : formatDate(time, { dateStyle: 'medium', timeStyle: 'short' })
  }
  return value
}

/** "from Commenter to Editor", "as Author", "Comments close …": what the details of a known action say. */
export function auditDetail(entry: AuditEntry): string {
  const { action, details } = entry
  const fromTo = (kind: 'role' | 'phase' | 'text') => {
    const from = word(details.from, kind)
    const to = word(details.to, kind)
    return from && to ? t('audit.detail.fromTo', { from, to }) : to ? t('audit.detail.to', { to }) : ''
  }
  switch (action) {
    case 'member.role_changed':
      return fromTo('role')
    case 'document.phase_changed':
      return fromTo('phase')
    case 'document.renamed':
      return fromTo('text')
    case 'document.deadline_changed': {
      const to = word(details.to, 'date')
      return to ? t('audit.detail.deadline', { date: to }) : t('audit.detail.deadlineRemoved')
    }
    case 'document.created': {
      const title = word(details.title, 'text')
      return title ? t('audit.detail.title', { title }) : ''
    }
    default: {
      const role = word(details.role, 'role')
      const email = word(details.email, 'text')
      if (role && email) return t('audit.detail.roleFor', { role, email })
      return role ? t('audit.detail.role', { role }) : ''
    }
  }
}
